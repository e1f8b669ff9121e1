"""Small helpers shared by the dues handlers: replies, refusals, callback parsing."""

from __future__ import annotations

from contextlib import suppress

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.services.dues.common import Refused
from handlers.dues.views import refusal_text


def tail(update: Update) -> list[str]:
    """The callback data after "du:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def send(
    update: Update, context: Context, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
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
        with suppress(BadRequest):  # answered already
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
