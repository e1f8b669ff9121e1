"""Small helpers shared by the hours handlers: replies, refusals, callback parsing, flows."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from datetime import date
from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.kernel import conversations
from bot.services.hours.common import Refused
from bot.texts import t
from handlers.base import Unit

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


async def send(update: Update, context: Context, text: str, markup: Any = None) -> Message:
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the pressed message in place (one screen per flow), or send a new one."""
    query = update.callback_query
    if query is not None and query.message is not None:
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if "not modified" in str(exc):
                return
    await send(update, context, text, markup)


async def answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    if update.callback_query is not None:
        # A query takes one answer: a second one (after a refusal) is refused by Telegram.
        with contextlib.suppress(BadRequest):
            await update.callback_query.answer(text, show_alert=alert)


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
