"""The person's language for replies made outside a unit of work (refusals, apologies)."""

from __future__ import annotations

import logging

from telegram import Update

from bot.context import Context
from bot.services import identity

log = logging.getLogger(__name__)


async def language(update: Update, context: Context) -> str:
    """Their chosen language, or the default when there is none or the database fails."""
    lang = context.bot_data.settings.bot_default_language
    if update.effective_user is None:
        return lang
    try:
        async with context.bot_data.db.read() as session:
            return await identity.language_of(session, update.effective_user.id, lang)
    except Exception:  # the database itself may be what failed
        log.exception("could not read the user's language")
        return lang
