"""📈 Totals for officers and team leaders: any period, a team or the branch, leaderboard, .xlsx."""

from __future__ import annotations

import asyncio
import html

from telegram import Update

from bot.context import Context
from bot.domain.hours.periods import PeriodKind, parse_range, range_token
from bot.domain.hours.rules import format_halves
from bot.domain.hours.sheet import Labels, build
from bot.kernel.conversations import FlowState
from bot.services.hours import export, totals
from bot.services.hours.common import Refusal, Refused, local_today
from bot.services.hours.totals import Scope, Totals
from bot.texts import t
from handlers.base import unit
from handlers.hours.buttons import (
    CertificatePeople,
    ExportHours,
    MemberCertificate,
    ShowTotals,
    StatsTeams,
    StatsTypeRange,
)
from handlers.hours.common import answer, done, expect, refuse, send, show
from handlers.keyboards import inline

BOARD = 10


def totals_text(found: Totals, lang: str) -> str:
    scope = found.team_name or t("hours.stats.branch", lang)
    lines = [
        t(
            "hours.stats.title",
            lang,
            scope=html.escape(scope),
            first=found.period.first.isoformat(),
            last=found.period.last.isoformat(),
            h=format_halves(found.total),
        )
    ]
    if found.team_name is None and found.teams:
        lines.append(t("hours.stats.teams", lang))
        lines += [
            t(
                "hours.totals.team_line",
                lang,
                team=html.escape(name or t("hours.stats.no_team", lang)),
                h=format_halves(h),
            )
            for name, h in found.teams
        ]
    if found.leaderboard:
        lines.append(t("hours.stats.board", lang))
        lines += [
            t(
                "hours.stats.rank",
                lang,
                place=r.place,
                name=html.escape(r.name) if r.name else t("hours.stats.anonymous", lang),
                h=format_halves(r.halves),
            )
            for r in found.leaderboard[:BOARD]
        ]
    return "\n".join(lines)


def labels(lang: str, first: str, last: str, scope: str) -> Labels:
    return Labels(
        sheet_records=t("hours.export.sheet", lang),
        sheet_totals=t("hours.export.sums", lang),
        headers=tuple(t("hours.export.headers", lang).split("|")),
        totals_headers=tuple(t("hours.export.sum_headers", lang).split("|")),
        title=t("hours.export.title", lang, first=first, last=last, scope=scope),
        total=t("hours.export.total", lang),
    )


class StatsFlow:
    async def periods(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            scope = await totals.scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused):
            await refuse(update, context, scope, lang)
            return
        await answer(update)
        rows = [[(t(f"hours.period.{p.value}", lang), StatsTeams(p).data)] for p in PeriodKind]
        rows.append([(t("hours.btn.period_typed", lang), StatsTypeRange().data)])
        await show(update, context, t("hours.stats.period", lang), inline(rows))

    async def ask_range(self, update: Update, context: Context) -> None:
        """Another period, typed: "2026-01-01 至 2026-02-15"."""
        async with unit(update, context) as u:
            scope = await totals.scope(u.session, u.actor)
            if not isinstance(scope, Refused):
                await expect(u, update, "period")
            lang = u.actor.lang
        if isinstance(scope, Refused):
            await refuse(update, context, scope, lang)
            return
        await answer(update)
        await show(update, context, t("hours.stats.range_typed", lang))

    async def on_range(self, update: Update, context: Context, _state: FlowState) -> None:
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = u.actor.member
            today = local_today(me.branch_tz, u.data.clock.now()) if me else None
            period = parse_range(message.text or "", today) if today else None
            scope = await totals.scope(u.session, u.actor)
            if period is not None:
                await done(u, update)
        if isinstance(scope, Refused):
            await refuse(update, context, scope, lang)
            return
        if period is None:
            await send(update, context, t("hours.stats.bad_range", lang))
            return
        token = range_token(period.first, period.last)
        await send(
            update, context, t("hours.stats.team", lang), inline(_team_rows(scope, token, lang))
        )

    async def teams(self, update: Update, context: Context, b: StatsTeams) -> None:
        async with unit(update, context) as u:
            scope = await totals.scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused):
            await refuse(update, context, scope, lang)
            return
        await answer(update)
        rows = _team_rows(scope, b.period.value, lang)
        await show(update, context, t("hours.stats.team", lang), inline(rows))

    async def show_totals(self, update: Update, context: Context, b: ShowTotals) -> None:
        token, team_id = b.period, b.team or None
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await totals.totals(u.session, u.actor, token, team_id, u.data.clock.now())
            scope = await totals.scope(u.session, u.actor)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        branch_wide = not isinstance(scope, Refused) and scope.branch_wide
        await answer(update)
        rows = [[(t("hours.btn.export", lang), ExportHours(token, team_id).data)]]
        if branch_wide and found.members:
            rows.append(
                [(t("hours.btn.certificates", lang), CertificatePeople(token, team_id).data)]
            )
        await show(update, context, totals_text(found, lang), inline(rows))

    async def certificate_people(
        self, update: Update, context: Context, b: CertificatePeople
    ) -> None:
        """An officer picks whom to issue a certificate for (people with hours in the period)."""
        token = b.period
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await totals.totals(
                u.session, u.actor, token, b.team or None, u.data.clock.now()
            )
            scope = await totals.scope(u.session, u.actor)
        if isinstance(found, Refused) or isinstance(scope, Refused) or not scope.branch_wide:
            await refuse(update, context, found if isinstance(found, Refused) else _no(), lang)
            return
        await answer(update)
        buttons = [
            (f"{p.name} {format_halves(p.halves)}h", MemberCertificate(p.member_id, token).data)
            for p in found.members[:40]
        ]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        await show(update, context, t("hours.cert.whom", lang), inline(rows))

    async def export(self, update: Update, context: Context, b: ExportHours) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await export.export(
                u.session, u.actor, b.period, b.team or None, u.data.clock.now()
            )
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        first, last = found.period.first.isoformat(), found.period.last.isoformat()
        scope = found.team_name or t("hours.stats.branch", lang)
        content = await asyncio.to_thread(build, found.lines, labels(lang, first, last, scope))
        chat = update.effective_chat
        assert chat is not None
        total = sum(line.halves for line in found.lines)
        await context.bot.send_document(
            chat.id,
            content,
            filename=f"volunteer-hours-{first}-{last}-含个人信息.xlsx",
            caption=t(
                "hours.export.caption",
                lang,
                first=first,
                last=last,
                n=len(found.lines),
                h=format_halves(total),
            ),
        )


def _team_rows(scope: Scope, token: str, lang: str) -> list[list[tuple[str, str]]]:
    rows: list[list[tuple[str, str]]] = []
    if scope.branch_wide:
        rows.append([(t("hours.btn.all_teams", lang), ShowTotals(token, None).data)])
    rows += [[(name, ShowTotals(token, tid).data)] for tid, name in scope.teams]
    return rows


def _no() -> Refused:
    return Refused(Refusal.NOT_ALLOWED)
