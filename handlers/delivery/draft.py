"""The buttons on a stored draft: audience toggles, preview, group copy, send, schedule, cancel.

Each kind of button has its own small callback: what it does to the draft (a service call,
which re-checks the person's rights on the notice) and how the result is shown.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.services.delivery import drafts, notices, reports
from bot.services.delivery.broadcast import Problem, Refused
from bot.services.delivery.drafts import Confirmed, Draft
from bot.services.delivery.reports import Report
from bot.texts import t
from handlers.base import Unit, answer_callback, refuse, unit
from handlers.buttons import on
from handlers.delivery import render
from handlers.delivery.buttons import (
    SCHEDULE_DAYS,
    AudienceButton,
    BackToAudience,
    CancelDraft,
    ChooseDay,
    ChooseHour,
    ChooseSaved,
    Committee,
    GroupCopy,
    ScheduleAt,
    SendNow,
    ShowPreview,
    ToggleCategory,
    ToggleGroup,
    WholeBranch,
)
from handlers.replies import edit_quietly
from jobs.delivery import views

# What a press did: the draft as it is now, the send queued, or the draft cancelled (its id).
Outcome = Draft | Confirmed | int
Act = Callable[[Unit, datetime], Awaitable[Outcome | Refused]]
Show = Callable[[Update, Context, Draft, datetime, str], Awaitable[None]]


async def _press(update: Update, context: Context, act: Act, show: Show) -> None:
    """Do what the button asks in one transaction, then show the draft (or the send) as it is."""
    async with unit(update, context) as u:
        lang, now = u.actor.lang, u.data.clock.now()
        result = await act(u, now)
        report = (
            await reports.report_of(u.session, result.notice_id)
            if isinstance(result, Confirmed)
            else None
        )
    if isinstance(result, Refused):
        await refuse(update, render.refusal(result.reason, lang))
    elif isinstance(result, Confirmed):
        assert report is not None
        await _confirmed(update, context, result, report, lang)
    elif isinstance(result, int):
        await answer_callback(update)
        await edit_quietly(update, t("delivery.cancelled", lang))
    else:
        await show(update, context, result, now, lang)


def _viewing(notice: int) -> Act:
    async def act(u: Unit, now: datetime) -> Draft | Refused:
        return await drafts.view_draft(u.session, u.actor, notice, now)

    return act


def _progress(update: Update) -> tuple[int, int] | None:
    """The message the sender keeps editing with its progress: the one pressed."""
    message = update.callback_query.message if update.callback_query else None
    return (message.chat.id, message.message_id) if isinstance(message, Message) else None


# --- the audience ----------------------------------------------------------------------------


def _choice(button: AudienceButton) -> str:
    """The button as Selection.toggle reads it (bot/services/delivery/audiences.py)."""
    if isinstance(button, WholeBranch):
        return "all"
    if isinstance(button, Committee):
        return "com"
    if isinstance(button, ToggleGroup):
        return f"g{button.group}"
    if isinstance(button, ToggleCategory):
        return f"c{button.category.value}"
    return f"s{button.key}"


def _screen(
    text_of: Callable[[Draft, str], str],
    keyboard_of: Callable[[Draft, str], InlineKeyboardMarkup],
) -> Show:
    """A draft screen redrawn in place of the pressed one."""

    async def shown(
        update: Update, context: Context, draft: Draft, now: datetime, lang: str
    ) -> None:
        await answer_callback(update)
        await edit_quietly(update, text_of(draft, lang), reply_markup=keyboard_of(draft, lang))

    return shown


_show_audience = _screen(render.audience_text, render.audience_keyboard)
_show_summary = _screen(render.preview_text, render.preview_keyboard)


async def on_audience(update: Update, context: Context, button: AudienceButton) -> None:
    async def act(u: Unit, now: datetime) -> Draft | Refused:
        choice = _choice(button)
        return await drafts.choose_audience(u.session, u.actor, button.notice, choice, now)

    await _press(update, context, act, _show_audience)


async def on_back(update: Update, context: Context, button: BackToAudience) -> None:
    await _press(update, context, _viewing(button.notice), _show_audience)


# --- the preview -----------------------------------------------------------------------------


async def _preview(
    update: Update, context: Context, draft: Draft, now: datetime, lang: str
) -> None:
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
    text = t("delivery.preview.chosen", lang, chosen=chosen, count=draft.recipients)
    await edit_quietly(update, text)
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


async def on_preview(update: Update, context: Context, button: ShowPreview) -> None:
    await _press(update, context, _viewing(button.notice), _preview)


async def on_group_copy(update: Update, context: Context, button: GroupCopy) -> None:
    async def act(u: Unit, now: datetime) -> Draft | Refused:
        return await drafts.toggle_group_copy(u.session, u.actor, button.notice, now)

    await _press(update, context, act, _show_summary)


async def on_cancel(update: Update, context: Context, button: CancelDraft) -> None:
    async def act(u: Unit, now: datetime) -> int | Refused:
        return await drafts.cancel_draft(u.session, u.actor, button.notice, now)

    await _press(update, context, act, _show_audience)


# --- sending now or later --------------------------------------------------------------------


async def on_send(update: Update, context: Context, button: SendNow) -> None:
    progress = _progress(update)

    async def act(u: Unit, now: datetime) -> Confirmed | Refused:
        return await drafts.confirm(u.session, u.actor, button.notice, now, progress=progress)

    await _press(update, context, act, _show_audience)


async def on_choose_day(update: Update, context: Context, button: ChooseDay) -> None:
    async def show(_: Update, __: Context, draft: Draft, now: datetime, lang: str) -> None:
        await answer_callback(update)
        keyboard = render.day_keyboard(button.notice, lang)
        await edit_quietly(update, t("delivery.schedule.day", lang), reply_markup=keyboard)

    await _press(update, context, _viewing(button.notice), show)


async def on_choose_hour(update: Update, context: Context, button: ChooseHour) -> None:
    async def show(_: Update, __: Context, draft: Draft, now: datetime, lang: str) -> None:
        hours = render.hour_keyboard(button.notice, button.day, now, draft.tz, lang)
        if hours is None:
            await answer_callback(update, t("delivery.schedule.no_hours", lang), alert=True)
            return
        await answer_callback(update)
        await edit_quietly(update, t("delivery.schedule.hour", lang), reply_markup=hours)

    await _press(update, context, _viewing(button.notice), show)


def send_at(day: int, hour: int, tz: str, now: datetime) -> datetime | None:
    """The chosen day offset and hour in the branch's time zone, as UTC; None if not offered."""
    if not 0 <= day < SCHEDULE_DAYS or hour not in render.SCHEDULE_HOURS:
        return None
    zone = ZoneInfo(tz)
    local = datetime.combine(now.astimezone(zone).date() + timedelta(days=day), time(hour), zone)
    return local.astimezone(now.tzinfo)


async def on_schedule(update: Update, context: Context, button: ScheduleAt) -> None:
    progress = _progress(update)

    async def act(u: Unit, now: datetime) -> Confirmed | Refused:
        draft = await drafts.view_draft(u.session, u.actor, button.notice, now)
        if isinstance(draft, Refused):
            return draft
        when = send_at(button.day, button.hour, draft.tz, now)
        if when is None:
            return Refused(Problem.IN_PAST)
        return await drafts.confirm(
            u.session, u.actor, button.notice, now, send_at=when, progress=progress
        )

    await _press(update, context, act, _show_audience)


async def _confirmed(
    update: Update, context: Context, done: Confirmed, report: Report, lang: str
) -> None:
    key = "delivery.confirmed" if done.send_at is None else "delivery.confirmed_scheduled"
    await answer_callback(update, t(key, lang, count=done.recipients))
    # Wake first so members are not kept waiting for this chat's edit; the edit below is booked
    # with the rate limiter before the sender can run, so a fast final report cannot be
    # overwritten by this first progress text.
    notices.wake(context.bot_data)
    if done.send_at is not None:
        text = render.scheduled_text(done.notice_id, done.recipients, done.send_at, done.tz, lang)
        keyboard = render.scheduled_keyboard(done.notice_id, lang)
        await edit_quietly(update, text, reply_markup=keyboard)
    elif done.done:
        text, markup = views.final_report(report, lang)
        await edit_quietly(update, text, reply_markup=markup)
    else:
        await edit_quietly(update, views.progress_text(report, lang))


def draft_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        on(WholeBranch, on_audience),
        on(Committee, on_audience),
        on(ToggleGroup, on_audience),
        on(ToggleCategory, on_audience),
        on(ChooseSaved, on_audience),
        on(BackToAudience, on_back),
        on(ShowPreview, on_preview),
        on(GroupCopy, on_group_copy),
        on(CancelDraft, on_cancel),
        on(SendNow, on_send),
        on(ChooseDay, on_choose_day),
        on(ChooseHour, on_choose_hour),
        on(ScheduleAt, on_schedule),
    ]
