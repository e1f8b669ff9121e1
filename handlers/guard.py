"""The first handler group: button data and /start payloads of a shape the bot never makes are
refused here, politely, before any feature handler parses them."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from functools import cache

from telegram import Update
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot.context import Context
from bot.domain.payloads import callback_data_ok, start_payload_ok
from bot.kernel.buttons import Button
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


def button_data_ok(data: str | None, kinds: Sequence[type[Button]]) -> bool:
    """Data of a shape any button has (printable, short, numbers in range) that one of these
    kinds makes; everything else is refused before a feature sees it."""
    if not callback_data_ok(data):
        return False
    assert data is not None
    return any(kind.matches(data) for kind in _claiming(data, _by_prefix(tuple(kinds))))


@cache
def _by_prefix(kinds: tuple[type[Button], ...]) -> dict[str, list[type[Button]]]:
    found: dict[str, list[type[Button]]] = {}
    for kind in kinds:
        found.setdefault(kind.prefix, []).append(kind)
    return found


def _claiming(data: str, by_prefix: dict[str, list[type[Button]]]) -> list[type[Button]]:
    # The kinds whose prefix the data starts with: a few dict lookups, not one parse per kind.
    parts = data.split(":")
    found: list[type[Button]] = []
    for size in range(1, len(parts) + 1):
        found += by_prefix.get(":".join(parts[:size]), ())
    return found


def malformed(update: object, kinds: Sequence[type[Button]] = ()) -> str | None:
    """What is wrong with the update's button data or /start payload, or None."""
    if not isinstance(update, Update):
        return None
    query = update.callback_query
    if query is not None:
        # Game buttons carry no data; every button of ours does.
        return None if button_data_ok(query.data, kinds) else "callback data"
    payload = _start_payload(update)
    if payload is not None and not start_payload_ok(payload):
        return "start payload"
    return None


class MalformedInput(BaseHandler[Update, Context, None]):
    """Takes only updates whose data no button or link of the bot could have made."""

    def __init__(self, kinds: Sequence[type[Button]]) -> None:
        super().__init__(self._refuse)
        self.kinds = tuple(kinds)

    def check_update(self, update: object) -> bool:
        return malformed(update, self.kinds) is not None

    async def _refuse(self, update: Update, context: Context) -> None:
        user = update.effective_user
        what = malformed(update, self.kinds)
        raw = update.callback_query.data if update.callback_query else _start_payload(update)
        log.warning("refused malformed %s from user=%s: %.80r", what, user and user.id, raw)
        lang = await language(update, context)
        if update.callback_query is not None:
            await answer_callback(update, t("error.stale_button", lang), alert=True)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(t("error.bad_link", lang))
        raise ApplicationHandlerStop


def guard_handlers(
    kinds: Sequence[type[Button]],
) -> list[BaseHandler[Update, Context, None]]:
    """The guard, told every kind of button the features answer to."""
    from handlers.privacy.guard import PersonalDataInGroup

    return [MalformedInput(kinds), PersonalDataInGroup()]
