"""/meetings for members and hosts; one meeting's page: move, re-place, cancel."""

from __future__ import annotations

import asyncio
import html
import logging
from datetime import datetime, time

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.meetings import local_date, to_local
from bot.domain.meetings.attendance import AttendanceState
from bot.domain.meetings.checkin import CheckinStatus
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices as outbox
from bot.services.meetings.access import Refused
from bot.services.meetings.attendance import render_report
from bot.services.meetings.changes import (
    Changed,
    cancel_meeting,
    cancel_series,
    change_place,
    move_meeting,
    retired_copies,
)
from bot.services.meetings.listing import Manage, Overview, Row, manage, overview
from bot.services.meetings.scheduling import Invalid
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.filters import menu_button
from handlers.keyboards import inline
from handlers.meetings import pickers as pick
from handlers.meetings.buttons import (
    AskCancelOne,
    AskCancelSeries,
    AskCloseCheckIn,
    AskLeave,
    BackToMeetings,
    CancelOne,
    CancelSeries,
    ChangePlace,
    Going,
    MadeUp,
    ManageMeeting,
    MeetingRegister,
    MoveDay,
    MoveHour,
    MoveMeeting,
    MoveMinute,
    OpenCheckInNow,
    ProxyList,
    ReportMenu,
    ShowCode,
    StartNewMeeting,
)
from handlers.meetings.code import close_screens
from handlers.meetings.common import answer, refuse_with, send, show
from handlers.meetings.new_publish import invalid_text
from handlers.meetings.state import stop_waiting, wait_for

log = logging.getLogger(__name__)

RETIRE_AGAIN_S = 3.0
_BACK = BackToMeetings().data
_ATTENDED = (AttendanceState.PRESENT, AttendanceState.LATE)


class MeetingsList:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("meetings", self.command, filters=private),
            MessageHandler(menu_button("menu.meetings"), self.command),
            on(ManageMeeting, self.page),
            on(MoveMeeting, self.move),
            on(MoveDay, self.move_day),
            on(MoveHour, self.move_hour),
            on(MoveMinute, self.move_minute),
            on(ChangePlace, self.place),
            on(AskCancelOne, self.cancel_ask),
            on(AskCancelSeries, self.cancel_ask),
            on(CancelOne, self.cancel_do),
            on(CancelSeries, self.cancel_do),
            on(BackToMeetings, self.back),
        ]

    async def command(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await overview(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await send(update, context, overview_text(found, lang), overview_buttons(found, lang))

    async def back(self, update: Update, context: Context, _: BackToMeetings) -> None:
        await answer(update)
        await self.command(update, context)

    async def page(self, update: Update, context: Context, button: ManageMeeting) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            found = await manage(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        m = found.view.meeting
        text = render_report(found.report, found.view, lang, closed=m.closed_at is not None)
        if m.status != "scheduled":
            # Called off: nothing to check in to, register or change (issue 11, item 12).
            await send(update, context, t("meetings.manage.cancelled_card", lang) + "\n" + text)
            return
        await send(update, context, text, inline(_card_rows(found, lang)))

    async def move(self, update: Update, context: Context, button: MoveMeeting) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            found = await manage(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        today = local_date(context.bot_data.clock.now(), found.view.tz)
        await send(
            update,
            context,
            t("meetings.manage.move_day", lang),
            pick.day_picker(lambda d: MoveDay(meeting_id, d).data, today, lang, _BACK),
        )

    async def move_day(self, update: Update, context: Context, button: MoveDay) -> None:
        meeting_id, day = button.meeting, button.day
        async with unit(update, context) as u:
            found = await manage(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        now_local = to_local(context.bot_data.clock.now(), found.view.tz).replace(tzinfo=None)
        label = render.day_label(day, lang)
        await show(
            update,
            context,
            t("meetings.new.choose_hour", lang, day=label),
            pick.hour_picker(
                lambda h: MoveHour(meeting_id, day, h).data, day, now_local, lang, _BACK
            ),
        )

    async def move_hour(self, update: Update, context: Context, button: MoveHour) -> None:
        meeting_id, day, hour = button.meeting, button.day, button.hour
        async with unit(update, context) as u:
            lang = u.actor.lang
        await answer(update)
        await show(
            update,
            context,
            t("meetings.new.choose_minute", lang),
            pick.minute_picker(
                lambda m: MoveMinute(meeting_id, day, hour, m).data, hour, lang, _BACK
            ),
        )

    async def move_minute(self, update: Update, context: Context, button: MoveMinute) -> None:
        start = datetime.combine(button.day, time(button.hour, button.minute))
        async with unit(update, context) as u:
            result = await move_meeting(
                u.session, u.actor, button.meeting, start, u.data.clock.now()
            )
            lang = u.actor.lang
        await self._changed(update, context, result, lang)

    async def place(self, update: Update, context: Context, button: ChangePlace) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            found = await manage(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
            if not isinstance(found, Refused):
                await wait_for(u, update, "move_place", meeting=meeting_id)
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        await send(update, context, t("meetings.manage.ask_place", lang))

    async def on_input(self, update: Update, context: Context, state: FlowState, lang: str) -> None:
        message = update.message
        meeting_id = state.data.get("meeting")
        if message is None or not isinstance(meeting_id, int):
            return
        place, point = None, None
        if message.location is not None:
            point = (message.location.latitude, message.location.longitude)
        async with unit(update, context) as u:
            await stop_waiting(u, update, "move_place")
            if point is not None:
                found = await manage(u.session, u.actor, meeting_id, u.data.clock.now())
                place = None if isinstance(found, Refused) else found.view.meeting.place
            else:
                place = (message.text or "").strip()
            result = await change_place(
                u.session, u.actor, meeting_id, place, point, u.data.clock.now()
            )
        await self._changed(update, context, result, lang)

    async def cancel_ask(
        self, update: Update, context: Context, button: AskCancelOne | AskCancelSeries
    ) -> None:
        series = isinstance(button, AskCancelSeries)
        confirm = (CancelSeries if series else CancelOne)(button.meeting)
        async with unit(update, context) as u:
            lang = u.actor.lang
        await answer(update)
        key = "meetings.manage.confirm_series" if series else "meetings.manage.confirm_one"
        await send(
            update,
            context,
            t(key, lang),
            inline(
                [
                    [(t("meetings.btn.confirm_cancel", lang), confirm.data)],
                    [(t("meetings.btn.keep", lang), _BACK)],
                ]
            ),
        )

    async def cancel_do(
        self, update: Update, context: Context, button: CancelOne | CancelSeries
    ) -> None:
        series = isinstance(button, CancelSeries)
        meeting_id = button.meeting
        async with unit(update, context) as u:
            now = u.data.clock.now()
            result = await (cancel_series if series else cancel_meeting)(
                u.session, u.actor, meeting_id, now
            )
            lang = u.actor.lang
            copies = (
                []
                if isinstance(result, Refused | Invalid)
                else (await retired_copies(u.session, meeting_id, now))
            )
        await self._changed(update, context, result, lang, cancelled=True)
        if not isinstance(result, Refused | Invalid):
            await close_screens(context, meeting_id)
            context.application.create_task(
                _retire_buttons(context, meeting_id, copies, now),
                name=f"meetings:retire:{meeting_id}",
            )

    async def _changed(
        self,
        update: Update,
        context: Context,
        result: Changed | Refused | Invalid,
        lang: str,
        *,
        cancelled: bool = False,
    ) -> None:
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await answer(update)
        if isinstance(result, Invalid):
            await send(update, context, invalid_text(result, lang))
            return
        outbox.wake(context.bot_data)
        key = "meetings.manage.cancelled" if cancelled else "meetings.manage.changed"
        await show(update, context, t(key, lang, notified=result.notified))


async def _retire_buttons(
    context: Context, meeting_id: int, copies: list[tuple[int, int, str]], now: datetime
) -> None:
    """Every notice of a cancelled meeting keeps its text; its buttons become one 「❌ 已取消」
    (pressing it says so), so nobody answers 参加 or 请假 to a meeting that will not be held."""
    done = await _retire(context, meeting_id, copies)
    # A copy that was on its way at the moment of cancelling is recorded as sent only once
    # Telegram has answered the sender: look once more a little later.
    await asyncio.sleep(RETIRE_AGAIN_S)
    async with context.bot_data.db.read() as session:
        later = await retired_copies(session, meeting_id, now)
    await _retire(context, meeting_id, [c for c in later if (c[0], c[1]) not in done])


async def _retire(
    context: Context, meeting_id: int, copies: list[tuple[int, int, str]]
) -> set[tuple[int, int]]:
    retired: set[tuple[int, int]] = set()
    for chat_id, message_id, lang in copies:
        markup = inline([[(t("meetings.btn.cancelled", lang), Going(meeting_id).data)]])
        try:
            await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=markup)
        except TelegramError as exc:  # deleted by the member, blocked: nothing to retire there
            log.info("notice %s/%s not retired: %s", chat_id, message_id, exc)
        retired.add((chat_id, message_id))
    return retired


def _card_rows(found: Manage, lang: str) -> list[list[tuple[str, str]]]:
    """The host's buttons, each offered only when it can work (no 代签 a week early)."""
    m = found.view.meeting
    rows: list[list[tuple[str, str]]] = []
    if found.may_open_early:
        rows.append([(t("meetings.btn.open_now", lang), OpenCheckInNow(m.id).data)])
    if found.checkin in (CheckinStatus.ON_TIME, CheckinStatus.LATE):
        rows.append(
            [
                (t("meetings.btn.show_code", lang), ShowCode(m.id).data),
                (t("meetings.btn.proxy", lang), ProxyList(m.id, 0).data),
            ]
        )
        rows.append([(t("meetings.btn.close_now", lang), AskCloseCheckIn(m.id).data)])
    elif m.closed_at is not None:
        rows.append([(t("meetings.btn.correct", lang), ProxyList(m.id, 0).data)])
    if not found.started:
        rows.append(
            [
                (t("meetings.btn.move", lang), MoveMeeting(m.id).data),
                (t("meetings.btn.place", lang), ChangePlace(m.id).data),
            ]
        )
        rows.append([(t("meetings.btn.cancel_one", lang), AskCancelOne(m.id).data)])
        if m.series_id is not None:
            rows.append([(t("meetings.btn.cancel_series", lang), AskCancelSeries(m.id).data)])
    rows.append([(t("meetings.btn.register", lang), MeetingRegister(m.id).data)])
    return rows


def _state_text(row: Row, lang: str, past: bool) -> str:
    if row.state is not None:
        text = t(f"meetings.state.{row.state.value}", lang)
        if row.made_up:
            text += t("meetings.state.made_up", lang)
        return text
    if not row.counted:
        return t("meetings.state.before_joined", lang)
    if past:
        closed = row.meeting.closed_at is not None
        return t("meetings.state.absent" if closed else "meetings.state.not_checked_in", lang)
    return t("meetings.state.going" if row.going else "meetings.state.none", lang)


def overview_text(o: Overview, lang: str) -> str:
    lines = [t("meetings.list.upcoming", lang)]
    lines += _items(o, o.upcoming, lang, past=False)
    lines += ["", t("meetings.list.past", lang)]
    lines += _items(o, o.past, lang, past=True)
    return "\n".join(lines)


def _items(o: Overview, rows: list[Row], lang: str, *, past: bool) -> list[str]:
    if not rows:
        return [t("meetings.list.none", lang)]
    return [
        t(
            "meetings.list.item",
            lang,
            when=render.when(row.meeting.starts_at, o.tz, lang, year=False),
            heading=html.escape(render.heading(row.meeting.type, row.meeting.title, lang)),
            state=_state_text(row, lang, past=past),
        )
        for row in rows
    ]


def overview_buttons(o: Overview, lang: str) -> InlineKeyboardMarkup | None:
    rows: list[list[tuple[str, str]]] = []
    for row in o.upcoming:
        # Every upcoming meeting the member may still ask leave for, each with its date: two
        # 「主题党日」 in one month are two different buttons.
        if row.counted and row.state in (None, AttendanceState.LEAVE_DECLINED):
            label = t(
                "meetings.btn.leave_for",
                lang,
                day=render.short_day(row.meeting.starts_at, o.tz, lang),
                title=row.meeting.title[:16],
            )
            rows.append([(label, AskLeave(row.meeting.id).data)])
    for row in o.past:
        missed = row.meeting.closed_at is not None and row.state not in _ATTENDED
        if missed and not row.made_up and row.state is not None:
            rows.append(
                [
                    (
                        t("meetings.btn.made_up_for", lang, title=row.meeting.title[:20]),
                        MadeUp(row.meeting.id).data,
                    )
                ]
            )
    for m in o.managed:
        label = f"⚙️ {render.when(m.starts_at, o.tz, lang, year=False)} {m.title[:16]}"
        rows.append([(label, ManageMeeting(m.id).data)])
    tools = []
    if o.may_schedule:
        tools.append((t("menu.newmeeting", lang), StartNewMeeting().data))
    if o.may_report:
        tools.append((t("meetings.btn.report", lang), ReportMenu().data))
    if tools:
        rows.append(tools)
    return inline(rows) if rows else None
