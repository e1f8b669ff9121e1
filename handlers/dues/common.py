"""Small helpers shared by the dues handlers: replies, refusals."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.services.dues.common import Refused
from handlers import replies
from handlers.dues.views import refusal_text

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show


def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    await replies.refuse(update, context, refusal_text(refused, lang))
