"""Small helpers shared by the meetings handlers: replies and refusals."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import Context
from bot.services.meetings.access import Refused
from bot.texts import t
from handlers import replies

Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | None


def refusal_text(refused: Refused, lang: str) -> str:
    return t(f"meetings.refuse.{refused.reason.value}", lang)


def user_id(update: Update) -> int:
    assert update.effective_user is not None
    return update.effective_user.id


async def send(update: Update, context: Context, text: str, markup: Markup = None) -> Message:
    """A new message in the chat the update came from."""
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show(update: Update, context: Context, text: str, markup: Markup = None) -> None:
    """Edit the pressed message in place (one screen per flow), or send a new one."""
    query = update.callback_query
    if (
        query is not None
        and query.message is not None
        and (markup is None or isinstance(markup, InlineKeyboardMarkup))
    ):
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            # "message is not modified" or a photo message: fall back to a new message.
            if "not modified" in str(exc):
                return
    await send(update, context, text, markup)


async def answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=alert)


async def refuse_with(update: Update, context: Context, refused: Refused, lang: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input."""
    await replies.refuse(update, context, refusal_text(refused, lang))
