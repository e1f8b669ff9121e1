"""Small helpers shared by the meetings handlers: replies and refusals."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.services.meetings.access import Refused
from bot.texts import t
from handlers import replies

# Re-exported: the meetings handlers reply through the one shared helper.
from handlers.replies import Markup as Markup
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show


def refusal_text(refused: Refused, lang: str) -> str:
    return t(refused.key("meetings"), lang)


def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def refuse_with(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    await replies.refuse(update, context, refusal_text(refused, lang))
