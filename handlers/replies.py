"""Replying to a person, the same way in every feature: send, edit in place, answer a press.

An identical edit ("message is not modified") is no error; a press takes one answer only, so a
second answer (after a refusal already answered it) is dropped instead of failing the update.
"""

from __future__ import annotations

from contextlib import suppress

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.context import Context


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
