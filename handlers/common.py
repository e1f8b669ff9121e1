"""Start, help, language, fallback and the global error handler."""

from __future__ import annotations

import html
import logging

from telegram import Bot, Message, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.commands import publish_chat_commands
from bot.context import BotData, Context
from bot.domain.delivery.errors import is_not_modified
from bot.domain.small_talk import Intent, guess_intent
from bot.services import identity
from bot.texts import LANGS, t
from handlers.base import answer_callback, unit
from handlers.buttons import on
from handlers.core_buttons import ChooseLanguage
from handlers.filters import menu_button
from handlers.keyboards import inline, main_menu
from handlers.lang import language
from handlers.meetings.home import send_meetings, send_next_meeting, send_todo

log = logging.getLogger(__name__)


async def start(update: Update, context: Context) -> None:
    """/start without a payload: the member's branch and main menu, or how to join."""
    async with unit(update, context) as u:
        actor = u.actor
    name = html.escape(actor.first_name)
    current = actor.current
    if actor.member is not None:
        text = t(
            "start.member", actor.lang, name=name, branch=html.escape(actor.member.branch_name)
        )
    elif current is not None and current.status == "pending":
        text = t("start.pending", actor.lang, name=name, branch=html.escape(current.branch_name))
    else:
        text = t("start.stranger", actor.lang, name=name)
    if actor.is_operator:
        text += "\n\n" + t("start.operator", actor.lang)
    assert update.effective_message is not None
    await update.effective_message.reply_html(text, reply_markup=main_menu(actor))
    if actor.member is not None:
        await send_todo(update, context)
        await send_next_meeting(update, context)


async def help_command(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        actor = u.actor
    text = t("help.member", actor.lang)
    if actor.is_secretary:
        text += t("help.secretary", actor.lang)
    assert update.effective_message is not None
    await update.effective_message.reply_html(text, reply_markup=main_menu(actor))


async def language_command(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    keyboard = inline(
        [[(t(f"language.{code}", lang), ChooseLanguage(code).data) for code in LANGS]]
    )
    assert update.effective_message is not None
    await update.effective_message.reply_text(t("language.choose", lang), reply_markup=keyboard)


async def language_chosen(update: Update, context: Context, button: ChooseLanguage) -> None:
    query = update.callback_query
    assert query is not None
    code = button.code
    async with unit(update, context) as u:
        lang = await identity.set_language(u.session, u.actor, code)
        actor = u.actor
    # The Telegram command menu too (a chat-scoped list in the chosen language), before
    # the confirmation, so the menu has changed by the time the person reads it.
    await publish_chat_commands(
        context.bot,
        actor.tg_id,
        secretary=actor.is_secretary,
        operator=actor.is_operator,
        lang=lang,
        chosen_language=True,
    )
    await answer_callback(update)
    # One confirmation only: the picker loses its buttons, the new message brings the menu.
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:  # pressed twice: the buttons are already gone
        if not is_not_modified(exc):
            raise
    if query.message is not None:
        refreshed = identity.Actor(**{**actor.__dict__, "lang": lang})
        await context.bot.send_message(
            query.message.chat.id, t("language.set", lang), reply_markup=main_menu(refreshed)
        )


async def unknown(update: Update, context: Context) -> None:
    """Anything no feature understood, in a private chat: point at the buttons."""
    async with unit(update, context) as u:
        actor = u.actor
    message = update.effective_message
    assert message is not None
    # A member's "好的，收到了" or "我到了" gets a fitting answer, not "not understood".
    intent = guess_intent(message.text or "") if actor.member is not None else None
    key = f"chat.{intent.value}" if intent is not None else "error.unknown_input"
    await message.reply_text(t(key, actor.lang), reply_markup=main_menu(actor))
    if intent is Intent.WHEN:
        # A question about the next meeting gets the meetings, not a pointer to a menu.
        await send_meetings(update, context)


async def unsupported(update: Update, context: Context) -> None:
    """A photo, file, sticker or voice message no feature was waiting for: say so kindly."""
    async with unit(update, context) as u:
        actor = u.actor
    assert update.effective_message is not None
    log.info("unexpected %s from %s", _kind_of(update.effective_message), actor.tg_id)
    # No keyboard: a flow waiting for something else (a location button) keeps its own.
    await update.effective_message.reply_text(t("error.unsupported_message", actor.lang))


def _kind_of(message: Message) -> str:
    media = ("photo", "document", "sticker", "voice", "audio", "video", "video_note", "contact")
    return next((kind for kind in media if getattr(message, kind)), "message")


async def stale_button(update: Update, context: Context) -> None:
    """A callback nobody handles (old message, edited data): say so, change nothing."""
    async with unit(update, context) as u:
        lang = u.actor.lang
    log.info("unhandled callback data %r", update.callback_query and update.callback_query.data)
    await answer_callback(update, t("error.stale_button", lang), alert=True)


async def on_error(update: object, context: Context) -> None:
    """Log with the traceback first, then tell the person politely; never stay silent."""
    log.error("error while handling an update", exc_info=context.error)
    if not isinstance(update, Update) or update.effective_user is None:
        return
    text = t("error.generic", await language(update, context))
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
            return
        except BadRequest:
            # The handler may have answered the press before it failed; a query is answered
            # once only, so the apology goes to the chat instead.
            log.info("the press was already answered; apologising in the chat")
    if update.effective_chat is None:
        return
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except Exception:
        log.exception("could not tell the user about the error")


async def flood_notice(bot: Bot, data: BotData, update: Update) -> None:
    """Tell a person who sends faster than we answer, once per flood, that the extra was skipped.

    Only in a private chat: in a group the notice would disturb everyone else.
    """
    chat = update.effective_chat
    user = update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        return
    lang = data.settings.bot_default_language
    async with data.db.read() as session:
        lang = await identity.language_of(session, user.id, lang)
    await bot.send_message(chat.id, t("flood.slow_down", lang))


def core_handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("start", start, filters=private),
        CommandHandler("help", help_command, filters=private),
        MessageHandler(menu_button("menu.help"), help_command),
        CommandHandler("language", language_command, filters=private),
        MessageHandler(menu_button("menu.language"), language_command),
        on(ChooseLanguage, language_chosen),
    ]


def fallback_handlers() -> list[BaseHandler[Update, Context, None]]:
    """Last in the order: catch what no feature handled."""
    fresh = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    return [
        CallbackQueryHandler(stale_button),
        # New messages only: editing a typo is not a second request to answer.
        MessageHandler(fresh & ~filters.COMMAND & filters.TEXT, unknown),
        MessageHandler(fresh & filters.COMMAND, unknown),
        # Anything else a person sends (not service messages): never silence.
        MessageHandler(fresh & ~filters.TEXT & ~filters.StatusUpdate.ALL, unsupported),
    ]
