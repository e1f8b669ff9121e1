"""The first handler group: button data and /start payloads of a shape the bot never makes are
refused here, politely, before any feature handler parses them."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot.context import Context
from bot.domain.payloads import callback_data_ok, start_payload_ok
from bot.texts import t
from handlers.base import answer_callback
from handlers.lang import language

log = logging.getLogger(__name__)

GUARD_GROUP = -20  # PTB runs lower groups first: before the flow router and every feature


def _start_payload(update: Update) -> str | None:
    message = update.message
    if message is None or not message.text or not message.text.startswith("/start"):
        return None
    command, _, rest = message.text.partition(" ")
    if command.split("@")[0] != "/start" or not rest.strip():
        return None
    return rest.strip()


def malformed(update: object) -> str | None:
    """What is wrong with the update's button data or /start payload, or None."""
    if not isinstance(update, Update):
        return None
    query = update.callback_query
    if query is not None:
        # Game buttons carry no data; every button of ours does.
        return None if callback_data_ok(query.data) else "callback data"
    payload = _start_payload(update)
    if payload is not None and not start_payload_ok(payload):
        return "start payload"
    return None


class MalformedInput(BaseHandler[Update, Context, None]):
    """Takes only updates whose data no button or link of the bot could have made."""

    def __init__(self) -> None:
        super().__init__(self._refuse)

    def check_update(self, update: object) -> bool:
        return malformed(update) is not None

    @staticmethod
    async def _refuse(update: Update, context: Context) -> None:
        user = update.effective_user
        what = malformed(update)
        raw = update.callback_query.data if update.callback_query else _start_payload(update)
        log.warning("refused malformed %s from user=%s: %.80r", what, user and user.id, raw)
        lang = await language(update, context)
        if update.callback_query is not None:
            await answer_callback(update, t("error.stale_button", lang), alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(t("error.bad_link", lang))
        raise ApplicationHandlerStop


def guard_handlers() -> list[BaseHandler[Update, Context, None]]:
    from handlers.privacy.guard import PersonalDataInGroup

    return [MalformedInput(), PersonalDataInGroup()]
