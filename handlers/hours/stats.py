"""📈 Totals for officers and team leaders: any period, a team or the branch, leaderboard, .xlsx."""

from __future__ import annotations

import asyncio
import html

from telegram import Update

from bot.context import Context
from bot.domain.hours.periods import PeriodKind, parse_kind
from bot.domain.hours.rules import format_halves
from bot.domain.hours.sheet import Labels, build
from bot.services.hours import export, totals
from bot.services.hours.common import Refusal, Refused
from bot.services.hours.totals import Totals
from bot.texts import t
from handlers.base import unit
from handlers.hours.common import answer, num, parts, refuse, show
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
        rows = [[(t(f"hours.period.{p.value}", lang), f"vh:sp:{p.value}")] for p in PeriodKind]
        await show(update, context, t("hours.stats.period", lang), inline(rows))

    async def teams(self, update: Update, context: Context) -> None:
        period = parts(update)[0]
        async with unit(update, context) as u:
            scope = await totals.scope(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(scope, Refused) or parse_kind(period) is None:
            await refuse(update, context, scope if isinstance(scope, Refused) else _no(), lang)
            return
        await answer(update)
        rows: list[list[tuple[str, str]]] = []
        if scope.branch_wide:
            rows.append([(t("hours.btn.all_teams", lang), f"vh:sg:{period}:0")])
        rows += [[(name, f"vh:sg:{period}:{tid}")] for tid, name in scope.teams]
        await show(update, context, t("hours.stats.team", lang), inline(rows))

    async def show_totals(self, update: Update, context: Context) -> None:
        kind, team_id = parse_kind(parts(update)[0]), num(update, 1)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found: Totals | Refused = _no()
            if kind is not None:
                found = await totals.totals(
                    u.session, u.actor, kind, team_id or None, u.data.clock.now()
                )
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        assert kind is not None
        rows = [[(t("hours.btn.export", lang), f"vh:xl:{kind.value}:{team_id}")]]
        await show(update, context, totals_text(found, lang), inline(rows))

    async def export(self, update: Update, context: Context) -> None:
        kind, team_id = parse_kind(parts(update)[0]), num(update, 1)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found: export.Export | Refused = _no()
            if kind is not None:
                found = await export.export(
                    u.session, u.actor, kind, team_id or None, u.data.clock.now()
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
            filename=f"volunteer-hours-{first}-{last}.xlsx",
            caption=t(
                "hours.export.caption",
                lang,
                first=first,
                last=last,
                n=len(found.lines),
                h=format_halves(total),
            ),
        )


def _no() -> Refused:
    return Refused(Refusal.NOT_ALLOWED)
