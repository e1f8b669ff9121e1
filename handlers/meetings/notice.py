"""Buttons on meeting notices: 参加, 请假 (with a reason), 批准/不批准, materials, 已补学."""

from __future__ import annotations

import contextlib
import html

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler

from bot.context import Context
from bot.domain.meetings.attendance import AttendanceState
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices as outbox
from bot.services.meetings.access import Refused
from bot.services.meetings.leave import QUICK_REASONS, ask_leave, can_ask_leave, decide_leave, rsvp
from bot.services.meetings.makeup import made_up, materials
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.keyboards import inline
from handlers.meetings.buttons import (
    QUICK_CODES,
    ApproveLeave,
    AskLeave,
    DeclineLeave,
    Going,
    LeaveReason,
    MadeUp,
    Materials,
)
from handlers.meetings.common import answer, refuse_with, send
from handlers.meetings.state import stop_waiting, wait_for


class NoticeButtons:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            on(Going, self.going),
            on(AskLeave, self.leave),
            on(LeaveReason, self.leave_reason),
            on(ApproveLeave, self.decide),
            on(DeclineLeave, self.decide),
            on(Materials, self.materials),
            on(MadeUp, self.made_up),
        ]

    async def going(self, update: Update, context: Context, button: Going) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            result = await rsvp(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        if result.state in (AttendanceState.LEAVE_PENDING, AttendanceState.LEAVE_APPROVED):
            text = t("meetings.going.after_leave", lang)
        else:
            text = t("meetings.going.already" if result.already else "meetings.going.ok", lang)
        await answer(update, text)
        if not result.already:
            await send(update, context, text)

    async def leave(self, update: Update, context: Context, button: AskLeave) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            result = await can_ask_leave(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await answer(update)
        rows = [
            [(t(f"meetings.leave.reason.{code}", lang), LeaveReason(meeting_id, code).data)]
            for code in QUICK_CODES
        ]
        rows.append(
            [(t("meetings.leave.reason.other", lang), LeaveReason(meeting_id, "other").data)]
        )
        picker = await send(update, context, t("meetings.leave.choose_reason", lang), inline(rows))
        # While the picker shows, whatever the person types is the reason (many type it).
        async with unit(update, context) as u:
            await wait_for(u, update, "leave_reason", meeting=meeting_id, picker=picker.message_id)

    async def leave_reason(self, update: Update, context: Context, button: LeaveReason) -> None:
        meeting_id, code = button.meeting, button.reason
        if code == "other":
            query = update.callback_query
            picker = query.message.message_id if query and query.message else None
            async with unit(update, context) as u:
                lang = u.actor.lang
                await wait_for(u, update, "leave_reason", meeting=meeting_id, picker=picker)
            await answer(update)
            await send(update, context, t("meetings.leave.type_reason", lang))
            return
        if code not in QUICK_REASONS:
            await answer(update)
            return
        await self.submit_leave(update, context, meeting_id, code)

    async def submit_leave(
        self,
        update: Update,
        context: Context,
        meeting_id: int,
        reason: str,
        picker: int | None = None,
    ) -> None:
        async with unit(update, context) as u:
            result = await ask_leave(u.session, u.actor, meeting_id, reason, u.data.clock.now())
            lang = u.actor.lang
            waiting = await stop_waiting(u, update, "leave_reason")
        if waiting is not None:
            picker = picker or waiting.data.get("picker")
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        outbox.wake(context.bot_data)
        await answer(update)
        await self._close_picker(update, context, picker)
        key = "meetings.leave.self_reported" if result.self_reported else "meetings.leave.sent"
        await send(update, context, t(key, lang))

    async def _close_picker(self, update: Update, context: Context, picker: int | None) -> None:
        """The reason buttons are used up: take them away (pressed or typed, either way)."""
        query = update.callback_query
        chat = update.effective_chat
        with contextlib.suppress(TelegramError):
            if query is not None and query.message is not None:
                await query.edit_message_reply_markup(None)
            elif picker is not None and chat is not None:
                await context.bot.edit_message_reply_markup(chat.id, picker, reply_markup=None)

    async def on_input(self, update: Update, context: Context, state: FlowState, lang: str) -> None:
        message = update.message
        meeting_id, picker = state.data.get("meeting"), state.data.get("picker")
        if not isinstance(meeting_id, int) or message is None or not message.text:
            return
        await self.submit_leave(update, context, meeting_id, message.text.strip(), picker)

    async def decide(
        self, update: Update, context: Context, button: ApproveLeave | DeclineLeave
    ) -> None:
        query = update.callback_query
        assert query is not None
        approve = isinstance(button, ApproveLeave)
        leave_id = button.leave
        async with unit(update, context) as u:
            result = await decide_leave(u.session, u.actor, leave_id, approve, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        outbox.wake(context.bot_data)
        key = "meetings.leave.you_approved" if approve else "meetings.leave.you_declined"
        note = t(key, lang, name=html.escape(result.member_name))
        await answer(update, note)
        message = query.message
        text = getattr(message, "text_html", None) if message is not None else None
        try:
            if text:
                await query.edit_message_text(f"{text}\n\n{note}", reply_markup=None)
            else:
                await query.edit_message_reply_markup(None)
        except TelegramError:
            await send(update, context, note)

    async def materials(self, update: Update, context: Context, button: Materials) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            result = await materials(u.session, u.actor, meeting_id)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await answer(update)
        chat = update.effective_chat
        assert chat is not None
        meeting = result.meeting
        agenda = (
            html.escape(meeting.agenda) if meeting.agenda else t("meetings.materials.none", lang)
        )
        await send(
            update,
            context,
            t(
                "meetings.materials.head",
                lang,
                title=html.escape(meeting.title),
                agenda=agenda[:3500],
            ),
        )
        for item in result.files:
            if item.kind == "photo":
                await context.bot.send_photo(chat.id, item.file_id)
            else:
                await context.bot.send_document(chat.id, item.file_id)

    async def made_up(self, update: Update, context: Context, button: MadeUp) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            result = await made_up(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        key = "meetings.makeup.already" if result.already else "meetings.makeup.done"
        text = t(key, lang, title=html.escape(result.title))
        await answer(update, text)
        if not result.already:
            await send(update, context, text)
