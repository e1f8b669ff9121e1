"""/broadcast: the content step (a flow in the database), then audience, preview, send or schedule.

Only the content step waits for typed input, as the flow `broadcast.compose` kept by
bot.kernel.conversations (so a restart or another process goes on where the secretary was);
every later step is a button on a draft stored in the database, re-checked on the server.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel import conversations
from bot.kernel.conversations import FlowState
from bot.services.delivery import broadcast, notices
from bot.services.delivery.broadcast import Draft, Problem, Refused
from bot.services.delivery.notices import Content
from bot.texts import t
from handlers.base import Unit, answer_callback, refuse, unit
from handlers.delivery import render
from handlers.delivery.listing import show_list, show_one
from handlers.filters import menu_button
from handlers.flows import StepHandler
from handlers.keyboards import inline
from jobs.delivery import views

FLOW = "broadcast.compose"
CONTENT = "content"
# Problems the person can fix by sending the content again.
_RETRY_CONTENT = {
    Problem.EMPTY,
    Problem.TEXT_TOO_LONG,
    Problem.CAPTION_TOO_LONG,
    Problem.FILE_TOO_BIG,
}


async def begin(update: Update, context: Context) -> None:
    """/broadcast or 📢: ask for the content (officers only)."""
    message = update.effective_message
    assert message is not None
    async with unit(update, context) as u:
        who = broadcast.officer(u.actor)
        lang = u.actor.lang
        if not isinstance(who, Refused):
            await conversations.save(
                u.session,
                user_id=u.actor.tg_id,
                chat_id=message.chat.id,
                flow=FLOW,
                step=CONTENT,
                now=u.data.clock.now(),
            )
    if isinstance(who, Refused):
        await refuse(update, render.refusal(who.problem, lang))
        return
    await message.reply_text(
        t("delivery.compose.prompt", lang),
        reply_markup=inline(
            [
                [(t("delivery.btn.list", lang), "dl:list")],
                [(t("delivery.btn.cancel", lang), "dl:quit")],
            ]
        ),
    )


async def _leave_flow(u: Unit, update: Update) -> bool:
    """End the content step; whether the person was in it."""
    chat = update.effective_chat
    if chat is None:
        return False
    return await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)


async def list_instead(update: Update, context: Context) -> None:
    """📋 pressed: the list; when it was pressed on the content prompt, say no notice is coming."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        waiting = await _leave_flow(u, update)
    if waiting:
        # The prompt must not keep asking for content the bot no longer waits for.
        with contextlib.suppress(BadRequest):
            await edit(update, t("delivery.list.closed", lang))
    await show_list(update, context)


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


async def on_content(update: Update, context: Context, state: FlowState) -> None:
    """The next message while the content step waits: /cancel, content, or something else."""
    msg = update.effective_message
    assert msg is not None
    if msg.text is not None and msg.text.split("@")[0].strip() == "/cancel":
        await quit_compose(update, context)
    elif msg.text is not None or msg.photo or msg.document is not None:
        await got_content(update, context, msg)
    else:
        async with unit(update, context) as u:
            lang = u.actor.lang
        await msg.reply_text(t("delivery.compose.unsupported", lang))


async def got_content(update: Update, context: Context, msg: Message) -> None:
    """The text, photo or document to send: validated, stored as a draft, then the audience."""
    content, size = _content_of(msg)
    async with unit(update, context) as u:
        draft = await broadcast.create_draft(
            u.session, u.actor, content, file_size=size, now=u.data.clock.now()
        )
        lang = u.actor.lang
        # A problem the person can fix keeps the step open for the next try.
        if not (isinstance(draft, Refused) and draft.problem in _RETRY_CONTENT):
            await _leave_flow(u, update)
    if isinstance(draft, Refused):
        await msg.reply_text(render.refusal(draft.problem, lang))
        return
    await msg.reply_text(
        render.audience_text(draft, lang), reply_markup=render.audience_keyboard(draft, lang)
    )


async def quit_compose(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        await _leave_flow(u, update)
    await answer_callback(update)
    if update.callback_query is not None:
        await edit(update, t("delivery.cancelled", lang))
    elif update.effective_message is not None:
        await update.effective_message.reply_text(t("delivery.cancelled", lang))


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
        await edit(update, *views.final_report(report, lang))
    else:
        await edit(update, views.progress_text(report, lang))


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: on_content}


def compose_handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("broadcast", begin, filters=private),
        MessageHandler(menu_button("menu.broadcast"), begin),
        CallbackQueryHandler(on_draft_button, pattern=r"^dl:(a|next|back|gc|send|when|day|at|x):"),
        CallbackQueryHandler(quit_compose, pattern=r"^dl:quit$"),
        CallbackQueryHandler(list_instead, pattern=r"^dl:list$"),
        CallbackQueryHandler(show_one, pattern=r"^dl:show:"),
    ]
