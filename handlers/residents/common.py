"""Small helpers shared by the residents' handlers: refusals, callback parsing, the flow."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Update

from bot.context import Context
from bot.kernel import conversations
from bot.services.residents.common import Refused
from bot.texts import t
from handlers.base import Unit
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "residents"


def parts(update: Update) -> list[str]:
    """The callback data after "rq:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def num(update: Update, index: int = 0) -> int:
    found = parts(update)
    return int(found[index]) if len(found) > index and found[index].isdigit() else 0


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    text = t(f"residents.refuse.{refused.reason.value}", lang)
    if update.callback_query is not None:
        await answer(update, text, alert=True)
        return
    await send(update, context, text)


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    chat = update.effective_chat
    assert chat is not None
    await conversations.save(
        u.session,
        user_id=u.actor.tg_id,
        chat_id=chat.id,
        flow=FLOW,
        step=step,
        data=dict(data or {}),
        now=u.data.clock.now(),
    )


async def state_of(u: Unit, update: Update) -> conversations.FlowState | None:
    chat = update.effective_chat
    if chat is None:
        return None
    found = await conversations.load(u.session, u.actor.tg_id, chat.id, u.data.clock.now())
    return found if found is not None and found.flow == FLOW else None


async def leave(u: Unit, update: Update) -> bool:
    chat = update.effective_chat
    if chat is None:
        return False
    return await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)
