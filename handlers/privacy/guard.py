"""In the guard group: a button that would answer with other people's personal data, pressed
anywhere but a private chat, is refused before the feature sees it (issue 15)."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot.context import Context
from bot.domain.privacy import personal_export
from bot.texts import t
from handlers.base import answer_callback
from handlers.lang import language

log = logging.getLogger(__name__)


class PersonalDataInGroup(BaseHandler[Update, Context, None]):
    def __init__(self) -> None:
        super().__init__(self._refuse)

    def check_update(self, update: object) -> bool:
        if not isinstance(update, Update) or update.callback_query is None:
            return False
        chat = update.effective_chat
        in_private = chat is not None and chat.type == ChatType.PRIVATE
        return not in_private and personal_export(update.callback_query.data)

    @staticmethod
    async def _refuse(update: Update, context: Context) -> None:
        user = update.effective_user
        log.warning(
            "refused a personal-data button outside a private chat, user=%s", user and user.id
        )
        lang = await language(update, context)
        await answer_callback(update, t("privacy.private_only", lang), alert=True)
        raise ApplicationHandlerStop
