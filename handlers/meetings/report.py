"""/report: the attendance register as .xlsx, by period and party group."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import Context
from bot.services.meetings.access import Refused
from bot.services.meetings.reports import (
    PERIODS,
    RegisterData,
    build_register,
    meeting_register,
    period_register,
    report_scope,
)
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.keyboards import inline
from handlers.meetings.buttons import (
    REPORT_PERIODS,
    MeetingRegister,
    ReportGroup,
    ReportMenu,
    ReportPeriod,
)
from handlers.meetings.common import answer, refuse_with, send, show


class ReportFlow:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("report", self.command, filters=private),
            on(ReportMenu, self.from_button),
            on(ReportPeriod, self.period),
            on(ReportGroup, self.group),
            on(MeetingRegister, self.one_meeting),
        ]

    async def from_button(self, update: Update, context: Context, _: ReportMenu) -> None:
        await self.command(update, context)

    async def command(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            scope = await report_scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused):
            await refuse_with(update, context, scope, lang)
            return
        await answer(update)
        rows = [
            [(t(f"meetings.report.period.{p}", lang), ReportPeriod(p).data)] for p in REPORT_PERIODS
        ]
        await send(update, context, t("meetings.report.choose_period", lang), inline(rows))

    async def period(self, update: Update, context: Context, button: ReportPeriod) -> None:
        period = button.period
        async with unit(update, context) as u:
            scope = await report_scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused) or period not in PERIODS:
            await refuse_with(update, context, scope if isinstance(scope, Refused) else _no(), lang)
            return
        await answer(update)
        rows: list[list[tuple[str, str]]] = []
        if scope.branch_wide:
            rows.append([(t("meetings.report.all", lang), ReportGroup(period, 0).data)])
        rows += [[(name, ReportGroup(period, gid).data)] for gid, name in scope.groups.items()]
        await show(update, context, t("meetings.report.choose_group", lang), inline(rows))

    async def group(self, update: Update, context: Context, button: ReportGroup) -> None:
        async with unit(update, context) as u:
            result = await period_register(
                u.session, u.actor, button.period, button.group or None, u.data.clock.now()
            )
            lang = u.actor.lang
        await self._send(update, context, result, lang)

    async def one_meeting(self, update: Update, context: Context, button: MeetingRegister) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            result = await meeting_register(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        await self._send(update, context, result, lang)

    async def _send(
        self, update: Update, context: Context, result: RegisterData | Refused, lang: str
    ) -> None:
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await answer(update)
        # Built after the transaction and off the event loop: openpyxl is slow on big branches.
        register = await asyncio.to_thread(build_register, result)
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_document(
            chat.id,
            register.content,
            filename=register.filename,
            caption=t(
                "meetings.report.caption",
                lang,
                meetings=register.meetings,
                members=register.members,
            ),
        )


def _no() -> Refused:
    from bot.services.meetings.access import Refusal

    return Refused(Refusal.NOT_ALLOWED)
