"""Small helpers shared by the hours handlers: replies, refusals, callback parsing, flows."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from telegram import Update
from telegram.error import BadRequest

from bot.context import Context
from bot.kernel import conversations
from bot.services.hours.common import Refused
from bot.texts import t
from handlers.base import Unit

# Re-exported: the feature's handlers reply through the one shared helper.
from handlers.replies import answer as answer
from handlers.replies import send as send
from handlers.replies import show as show

FLOW = "hours"
Rows = list[list[tuple[str, str]]]


def refusal_text(refused: Refused, lang: str) -> str:
    return t(f"hours.refuse.{refused.reason.value}", lang, h=refused.detail, days=refused.detail)


def parts(update: Update) -> list[str]:
    """The callback data after "vh:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def num(update: Update, index: int = 0) -> int:
    """A number field of the callback data; the guard checked its shape before any handler."""
    found = parts(update)
    return int(found[index]) if len(found) > index and found[index].isdigit() else 0


def day_of(token: str) -> date:
    return date(int(token[:4]), int(token[4:6]), int(token[6:]))


def day_token(day: date) -> str:
    return day.strftime("%Y%m%d")


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
    """The person's next message is for this step of the hours flow (kept in the database)."""
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
    """Leave the hours flow (a button finished the step instead of typed input)."""
    chat = update.effective_chat
    if chat is not None:
        await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)
