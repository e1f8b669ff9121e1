"""What the privacy handlers share: the flow name, refusals, the flow's steps."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Update
from telegram.constants import ChatType

from bot.context import Context
from bot.services.privacy.common import Refused
from bot.texts import t
from handlers import flows, replies
from handlers.base import Unit

FLOW = "privacy"


def private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    await replies.refuse(update, context, t(refused.key("privacy"), lang))


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of the privacy flow (kept in the database)."""
    await flows.expect(FLOW, u, update, step, data)


async def done(u: Unit, update: Update) -> None:
    """Leave the privacy flow (a button finished the step instead of typed input)."""
    await flows.done(FLOW, u, update)
