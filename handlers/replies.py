"""Replying to a person, the same way in every feature: send, edit in place, answer a press,
refuse kindly, message someone who may have blocked the bot, and read the fields of the
pressed button.

An identical edit ("message is not modified") is no error; a press takes one answer only, so a
second answer (after a refusal already answered it) is dropped instead of failing the update.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Message, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest, TelegramError

from bot.context import Context
from bot.domain.delivery.errors import is_not_modified

log = logging.getLogger(__name__)


# A reply keyboard (the main menu) can come with a new message only, never with an edit.
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | None


async def send(update: Update, context: Context, text: str, markup: Markup = None) -> Message:
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, text, reply_markup=markup)


async def show(update: Update, context: Context, text: str, markup: Markup = None) -> None:
    """Edit the pressed message in place (one screen per flow), or send a new one."""
    query = update.callback_query
    if (
        query is not None
        and query.message is not None
        and not isinstance(markup, ReplyKeyboardMarkup)
    ):
        try:
            await query.edit_message_text(text, reply_markup=markup)
            return
        except BadRequest as exc:
            if is_not_modified(exc):
                return
    await send(update, context, text, markup)


ALBUM_MAX = 10  # sendMediaGroup takes 2-10 items


async def send_photos(
    update: Update, context: Context, file_ids: Sequence[str], captions: Sequence[str] = ()
) -> None:
    """Photos as albums of up to ten (one photo alone); captions, if given, one per photo."""
    chat = update.effective_chat
    if chat is None or not file_ids:
        return
    said = list(captions) + [""] * (len(file_ids) - len(captions))
    for start in range(0, len(file_ids), ALBUM_MAX):
        batch = list(zip(file_ids, said, strict=True))[start : start + ALBUM_MAX]
        if len(batch) == 1:
            photo, caption = batch[0]
            await context.bot.send_photo(chat.id, photo, caption=caption or None)
            continue
        media = [InputMediaPhoto(photo, caption=caption or None) for photo, caption in batch]
        await context.bot.send_media_group(chat.id, media)


async def answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    if update.callback_query is not None:
        with suppress(BadRequest):  # answered already
            await update.callback_query.answer(text, show_alert=alert)


async def refuse(update: Update, context: Context, text: str) -> None:
    """A kind refusal: an alert for a button, a message for typed input.

    If the press was answered already (a query takes one answer), say it in the chat instead.
    """
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
            return
        except BadRequest:
            pass
    await send(update, context, text)


async def send_quietly(context: Context, chat_id: int, text: str, **kwargs: Any) -> int | None:
    """Message someone who may have blocked the bot; a refusal is logged, not raised."""
    try:
        message = await context.bot.send_message(chat_id, text, **kwargs)
    except TelegramError:
        log.info("could not message %s", chat_id, exc_info=True)
        return None
    return message.message_id


async def edit_quietly(update: Update, text: str | None = None, **kwargs: Any) -> None:
    """Edit the pressed message (text, or caption for photos); "not modified" is no error."""
    query = update.callback_query
    if query is None:
        return
    try:
        if text is None:
            await query.edit_message_caption(**kwargs)
        else:
            await query.edit_message_text(text, **kwargs)
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


def parts(update: Update) -> list[str]:
    """The callback data after "<prefix>:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def num(update: Update, index: int = 0) -> int:
    """A number field of the callback data (the guard checked its shape); 0 if missing."""
    found = parts(update)
    return int(found[index]) if len(found) > index and found[index].isdigit() else 0
