"""Small helpers shared by the cards handlers: parsing buttons, refusals, the flow."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Update
from telegram.error import BadRequest

from bot.context import Context
from bot.kernel import conversations
from bot.services.cards.common import Refused
from bot.texts import t
from handlers.base import Unit

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "cards"
Rows = list[list[tuple[str, str]]]


def parts(update: Update) -> list[str]:
    """The callback data after "cd:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def num(update: Update, index: int = 0) -> int:
    """A number field (the guard checked it fits an id); 0 when missing or not a number."""
    found = parts(update)
    return int(found[index]) if len(found) > index and found[index].isdigit() else 0


def refusal_text(refused: Refused, lang: str) -> str:
    return t(f"cards.refuse.{refused.reason.value}", lang)


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


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of the cards flow (kept in the database)."""
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


async def done(u: Unit, update: Update) -> None:
    chat = update.effective_chat
    if chat is not None:
        await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)


async def state_of(u: Unit, update: Update) -> conversations.FlowState | None:
    """The person's cards flow state, if they are in it."""
    chat = update.effective_chat
    if chat is None:
        return None
    found = await conversations.load(u.session, u.actor.tg_id, chat.id, u.data.clock.now())
    return found if found is not None and found.flow == FLOW else None
