"""Small helpers shared by the hours handlers: replies, refusals, flows."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Update

from bot.context import Context
from bot.services.hours.common import Refused
from bot.texts import t
from handlers import flows, replies
from handlers.base import Unit

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "hours"
Rows = list[list[tuple[str, str]]]


def refusal_text(refused: Refused, lang: str) -> str:
    return t(refused.key("hours"), lang, h=refused.detail, days=refused.detail)


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    await replies.refuse(update, context, refusal_text(refused, lang))


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of the hours flow (kept in the database)."""
    await flows.expect(FLOW, u, update, step, data)


async def done(u: Unit, update: Update) -> None:
    """Leave the hours flow (a button finished the step instead of typed input)."""
    await flows.done(FLOW, u, update)
