"""/report: the attendance register as .xlsx, by period and party group."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

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
from handlers.keyboards import inline
from handlers.meetings.common import answer, args_of, int_arg, refuse_with, send, show


class ReportFlow:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("report", self.command, filters=private),
            CallbackQueryHandler(self.command, pattern=r"^mt:rp$"),
            CallbackQueryHandler(self.period, pattern=r"^mt:rp:\w+$"),
            CallbackQueryHandler(self.group, pattern=r"^mt:rg:\w+:\d+$"),
            CallbackQueryHandler(self.one_meeting, pattern=r"^mt:xl:\d+$"),
        ]

    async def command(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            scope = await report_scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused):
            await refuse_with(update, context, scope, lang)
            return
        await answer(update)
        rows = [[(t(f"meetings.report.period.{p}", lang), f"mt:rp:{p}")] for p in PERIODS]
        await send(update, context, t("meetings.report.choose_period", lang), inline(rows))

    async def period(self, update: Update, context: Context) -> None:
        period = args_of(update)[0]
        async with unit(update, context) as u:
            scope = await report_scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused) or period not in PERIODS:
            await refuse_with(update, context, scope if isinstance(scope, Refused) else _no(), lang)
            return
        await answer(update)
        rows: list[list[tuple[str, str]]] = []
        if scope.branch_wide:
            rows.append([(t("meetings.report.all", lang), f"mt:rg:{period}:0")])
        rows += [[(name, f"mt:rg:{period}:{gid}")] for gid, name in scope.groups.items()]
        await show(update, context, t("meetings.report.choose_group", lang), inline(rows))

    async def group(self, update: Update, context: Context) -> None:
        period, group = args_of(update)
        async with unit(update, context) as u:
            result = await period_register(
                u.session, u.actor, period, int(group) or None, u.data.clock.now()
            )
            lang = u.actor.lang
        await self._send(update, context, result, lang)

    async def one_meeting(self, update: Update, context: Context) -> None:
        meeting_id = int_arg(update)
        assert meeting_id is not None
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
