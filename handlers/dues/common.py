"""Small helpers shared by the dues handlers: replies, refusals, callback parsing."""

from __future__ import annotations

from telegram import Update
from telegram.error import BadRequest

from bot.context import Context
from bot.services.dues.common import Refused
from handlers.dues.views import refusal_text

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show


def tail(update: Update) -> list[str]:
    """The callback data after "du:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    text = refusal_text(refused, lang)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
            return
        except BadRequest:
            pass
    await send(update, context, text)
