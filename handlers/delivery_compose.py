"""/broadcast: the content step (a conversation), then audience, preview, send or schedule.

Only the content step waits for typed input; every later step is a button on a draft stored in
the database, so it survives restarts and each press is re-checked on the server.
"""

from __future__ import annotations

import contextlib
import warnings
from datetime import datetime, time, timedelta
from typing import Any, cast
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import Context
from bot.services import broadcast, notices
from bot.services.broadcast import Draft, Problem, Refused
from bot.services.notices import Content
from bot.texts import t, variants
from handlers import delivery_render as render
from handlers.base import Unit, answer_callback, refuse, unit
from handlers.delivery_list import show_list, show_one
from handlers.filters import menu_button
from handlers.keyboards import MEMBER_MENU, SECRETARY_MENU, inline

CONTENT = 1
NAME = "delivery_compose"
# Problems the person can fix by sending the content again.
_RETRY_CONTENT = {
    Problem.EMPTY,
    Problem.TEXT_TOO_LONG,
    Problem.CAPTION_TOO_LONG,
    Problem.FILE_TOO_BIG,
}
_MENU_TEXTS = sorted(
    {v for key in (*MEMBER_MENU, *SECRETARY_MENU, "menu.language") for v in variants(key)}
)


async def begin(update: Update, context: Context) -> int:
    """/broadcast or 📢: ask for the content (officers only)."""
    async with unit(update, context) as u:
        who = broadcast.officer(u.actor)
        lang = u.actor.lang
    if isinstance(who, Refused):
        await refuse(update, render.refusal(who.problem, lang))
        return ConversationHandler.END
    assert update.effective_message is not None
    await update.effective_message.reply_text(
        t("delivery.compose.prompt", lang),
        reply_markup=inline(
            [
                [(t("delivery.btn.list", lang), "dl:list")],
                [(t("delivery.btn.cancel", lang), "dl:quit")],
            ]
        ),
    )
    return CONTENT


async def list_instead(update: Update, context: Context) -> int:
    """📋 pressed while we wait for content: no notice after all; say so, show the list."""
    async with unit(update, context) as u:
        lang = u.actor.lang
    # The prompt must not keep asking for content the bot no longer waits for.
    with contextlib.suppress(BadRequest):
        await edit(update, t("delivery.list.closed", lang))
    await show_list(update, context)
    return ConversationHandler.END


def _content_of(msg: Message) -> tuple[Content, int | None]:
    caption = msg.caption_html if msg.caption else None
    if msg.photo:
        return Content(photo_file_id=msg.photo[-1].file_id, caption=caption), None
    if msg.document is not None:
        return Content(document_file_id=msg.document.file_id, caption=caption), (
            msg.document.file_size
        )
    # text_html keeps the sender's bold, italics and links as HTML (our parse mode).
    return Content(text=msg.text_html if msg.text else None), None


async def got_content(update: Update, context: Context) -> int | None:
    """The text, photo or document to send: validated, stored as a draft, then the audience."""
    msg = update.effective_message
    assert msg is not None
    content, size = _content_of(msg)
    async with unit(update, context) as u:
        draft = await broadcast.create_draft(
            u.session, u.actor, content, file_size=size, now=u.data.clock.now()
        )
        lang = u.actor.lang
    if isinstance(draft, Refused):
        await msg.reply_text(render.refusal(draft.problem, lang))
        return None if draft.problem in _RETRY_CONTENT else ConversationHandler.END
    await msg.reply_text(
        render.audience_text(draft, lang), reply_markup=render.audience_keyboard(draft, lang)
    )
    return ConversationHandler.END


async def unsupported(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    assert update.effective_message is not None
    await update.effective_message.reply_text(t("delivery.compose.unsupported", lang))


async def quit_compose(update: Update, context: Context) -> int:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer_callback(update)
    if update.callback_query is not None:
        await edit(update, t("delivery.cancelled", lang))
    elif update.effective_message is not None:
        await update.effective_message.reply_text(t("delivery.cancelled", lang))
    return ConversationHandler.END


async def edit(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit the pressed message; an identical edit (a repeated press) is not an error."""
    query = update.callback_query
    assert query is not None
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def _parse(data: str) -> tuple[str, int, list[str]] | None:
    parts = data.split(":")
    if len(parts) < 3 or not parts[2].isdigit():
        return None
    return parts[1], int(parts[2]), parts[3:]


async def on_draft_button(update: Update, context: Context) -> None:
    """Every button of a draft: audience toggles, next/back, group copy, send, schedule, cancel."""
    query = update.callback_query
    assert query is not None and query.data is not None
    parsed = _parse(query.data)
    async with unit(update, context) as u:
        lang = u.actor.lang
        now = u.data.clock.now()
        if parsed is None:
            result: Draft | Refused | broadcast.Confirmed | int = Refused(Problem.NOT_FOUND)
        else:
            result = await _act(u, parsed, now, query.message)
        report = (
            await broadcast.report_of(u.session, result.notice_id)
            if isinstance(result, broadcast.Confirmed)
            else None
        )
    if isinstance(result, Refused):
        await refuse(update, render.refusal(result.problem, lang))
        return
    assert parsed is not None
    await _show(update, context, parsed, result, report, now, lang)


async def _act(
    u: Unit, parsed: tuple[str, int, list[str]], now: datetime, message: object
) -> Draft | Refused | broadcast.Confirmed | int:
    action, nid, rest = parsed
    s, actor = u.session, u.actor
    if action == "a" and rest:
        return await broadcast.choose_audience(s, actor, nid, ":".join(rest), now)
    if action == "gc":
        return await broadcast.toggle_group_copy(s, actor, nid, now)
    if action == "x":
        return await broadcast.cancel_draft(s, actor, nid, now)
    progress = (message.chat.id, message.message_id) if isinstance(message, Message) else None
    if action == "send":
        return await broadcast.confirm(s, actor, nid, now, progress=progress)
    if action == "at":
        draft = await broadcast.view_draft(s, actor, nid, now)
        when = _send_at(rest, draft.tz, now) if isinstance(draft, Draft) else None
        if isinstance(draft, Refused):
            return draft
        if when is None:
            return Refused(Problem.IN_PAST)
        return await broadcast.confirm(s, actor, nid, now, send_at=when, progress=progress)
    return await broadcast.view_draft(s, actor, nid, now)


def _send_at(rest: list[str], tz: str, now: datetime) -> datetime | None:
    """The chosen day offset and hour in the branch's time zone, as UTC."""
    if len(rest) != 2 or not rest[0].isdigit() or not rest[1].isdigit():
        return None
    day, hour = int(rest[0]), int(rest[1])
    if day >= render.SCHEDULE_DAYS or hour not in render.SCHEDULE_HOURS:
        return None
    zone = ZoneInfo(tz)
    local = datetime.combine(now.astimezone(zone).date() + timedelta(days=day), time(hour), zone)
    return local.astimezone(now.tzinfo)


async def _show(
    update: Update,
    context: Context,
    parsed: tuple[str, int, list[str]],
    result: Draft | broadcast.Confirmed | int,
    report: broadcast.Report | None,
    now: datetime,
    lang: str,
) -> None:
    query = update.callback_query
    assert query is not None
    action, nid, rest = parsed
    if isinstance(result, broadcast.Confirmed):
        await _confirmed(update, context, result, report, lang)
    elif isinstance(result, int):
        await answer_callback(update)
        await edit(update, t("delivery.cancelled", lang))
    elif action == "next":
        await _preview(update, context, result, lang)
    elif action == "when":
        await answer_callback(update)
        await edit(update, t("delivery.schedule.day", lang), render.day_keyboard(nid, lang))
    elif action == "day":
        day = int(rest[0]) if rest and rest[0].isdigit() else 0
        hours = render.hour_keyboard(nid, day, now, result.tz, lang)
        if hours is None:
            await answer_callback(update, t("delivery.schedule.no_hours", lang), alert=True)
            return
        await answer_callback(update)
        await edit(update, t("delivery.schedule.hour", lang), hours)
    elif action == "gc":
        await answer_callback(update)
        await edit(update, render.preview_text(result, lang), render.preview_keyboard(result, lang))
    else:  # audience toggles and "back"
        await answer_callback(update)
        await edit(
            update, render.audience_text(result, lang), render.audience_keyboard(result, lang)
        )


async def _preview(update: Update, context: Context, draft: Draft, lang: str) -> None:
    """The exact message members will see, then the count and the send/schedule/cancel buttons.

    Three calls to one chat (the audience message closed, the copy, the summary): Telegram lets
    a bot burst about three messages into a private chat, a fourth would wait a few seconds.
    """
    query = update.callback_query
    assert query is not None and query.message is not None
    if draft.recipients == 0:
        await answer_callback(update, render.refusal(Problem.NO_RECIPIENTS, lang), alert=True)
        return
    await answer_callback(update)
    chosen = render.selection_text(draft, lang)
    await edit(update, t("delivery.preview.chosen", lang, chosen=chosen, count=draft.recipients))
    await send_preview(context, query.message.chat.id, draft, lang)


async def send_preview(context: Context, chat_id: int, draft: Draft, lang: str) -> None:
    c = draft.content
    markup = render.preview_copy_keyboard(c.buttons, lang)
    bot = context.bot
    if c.photo_file_id is not None:
        await bot.send_photo(chat_id, c.photo_file_id, caption=c.caption, reply_markup=markup)
    elif c.document_file_id is not None:
        await bot.send_document(chat_id, c.document_file_id, caption=c.caption, reply_markup=markup)
    else:
        assert c.text is not None
        await bot.send_message(chat_id, c.text, reply_markup=markup)
    await bot.send_message(
        chat_id, render.preview_text(draft, lang), reply_markup=render.preview_keyboard(draft, lang)
    )


async def _confirmed(
    update: Update,
    context: Context,
    done: broadcast.Confirmed,
    report: broadcast.Report | None,
    lang: str,
) -> None:
    assert report is not None
    key = "delivery.confirmed" if done.send_at is None else "delivery.confirmed_scheduled"
    await answer_callback(update, t(key, lang, count=done.recipients))
    # Wake first so members are not kept waiting for this chat's edit; the edit below is booked
    # with the rate limiter before the sender can run, so a fast final report cannot be
    # overwritten by this first progress text.
    notices.wake(context.bot_data)
    if done.send_at is not None:
        await edit(
            update,
            render.scheduled_text(done.notice_id, done.recipients, done.send_at, done.tz, lang),
            render.scheduled_keyboard(done.notice_id, lang),
        )
    elif done.done:
        await edit(update, *render.final_report(report, lang))
    else:
        await edit(update, render.progress_text(report, lang))


async def quit_button(update: Update, context: Context) -> None:
    await quit_compose(update, context)


async def leave(update: Update, context: Context) -> int:
    """A command or menu button while we wait for content: end the flow and do what was asked."""
    app: Any = context.application
    for handler in app.handlers.get(0, []):
        if isinstance(handler, ConversationHandler) and handler.name == NAME:
            continue
        check = handler.check_update(update)
        if check is not None and check is not False:
            await handler.handle_update(update, app, check, context)
            break
    return ConversationHandler.END


def compose_handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    menu = filters.Text(_MENU_TEXTS)
    text = filters.TEXT & ~filters.COMMAND & ~menu
    content = private & (text | filters.PHOTO | filters.Document.ALL)
    other = private & ~filters.COMMAND & ~filters.TEXT
    # PTB warns that callback buttons are tracked per chat, not per message: that is intended.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        conversation: ConversationHandler[Context] = ConversationHandler(
            entry_points=[
                CommandHandler("broadcast", begin, filters=private),
                MessageHandler(menu_button("menu.broadcast"), begin),
            ],
            states={
                CONTENT: [MessageHandler(content, got_content), MessageHandler(other, unsupported)]
            },
            fallbacks=[
                CommandHandler("cancel", quit_compose, filters=private),
                CallbackQueryHandler(quit_compose, pattern=r"^dl:quit$"),
                CallbackQueryHandler(list_instead, pattern=r"^dl:list$"),
                MessageHandler(private & (filters.COMMAND | menu), leave),
            ],
            allow_reentry=True,
            name=NAME,
        )
    return [
        cast("BaseHandler[Update, Context, None]", conversation),
        CallbackQueryHandler(on_draft_button, pattern=r"^dl:(a|next|back|gc|send|when|day|at|x):"),
        # The content step's 「取消」 after a restart (the conversation state is in memory).
        CallbackQueryHandler(quit_button, pattern=r"^dl:quit$"),
        CallbackQueryHandler(show_list, pattern=r"^dl:list$"),
        CallbackQueryHandler(show_one, pattern=r"^dl:show:"),
    ]
