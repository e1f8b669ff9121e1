"""Small helpers shared by the residents' handlers: refusals, the flow."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.residents.common import Refused
from bot.texts import t
from handlers import flows, replies
from handlers.base import Unit
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "residents"


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button (in the chat if the press was answered already)."""
    await replies.refuse(update, context, t(refused.key("residents"), lang))


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of the residents flow (kept in the database)."""
    await flows.expect(FLOW, u, update, step, data)


async def state_of(u: Unit, update: Update) -> FlowState | None:
    """The person's residents flow state, if they are in it."""
    return await flows.state_of(FLOW, u, update)


async def leave(u: Unit, update: Update) -> bool:
    """Leave the residents flow; True if they were in it."""
    return await flows.done(FLOW, u, update)
