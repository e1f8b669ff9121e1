"""/hours: the menu, my records, my totals with the chart and certificate, /verify, settings."""

from __future__ import annotations

import asyncio
import calendar
import html

from telegram import Update

from bot.context import Context
from bot.domain.hours.periods import PeriodKind
from bot.domain.hours.rules import MAX_AGE_CHOICES, format_halves
from bot.kernel.conversations import FlowState
from bot.services.hours import approval, certificates, reports, settings, teams, totals
from bot.services.hours.certificates import Certificate
from bot.services.hours.common import Refused, certificate_secret
from bot.services.hours.render import CertificateText, ChartText, certificate_png, chart_png
from bot.services.hours.reports import Draft
from bot.texts import t
from handlers.base import Unit, unit
from handlers.hours.buttons import (
    Activities,
    CertificatePeriods,
    EditRecord,
    HideName,
    HoursSettings,
    MemberCertificate,
    MyCertificate,
    MyChart,
    MyRecords,
    MyTotals,
    NewReport,
    OpenActivity,
    PendingHours,
    RecordActivity,
    SetMaxAge,
    StatsPeriods,
    Teams,
    WithdrawRecord,
)
from handlers.hours.common import answer, done, expect, refuse, send, show
from handlers.hours.report import card_screen
from handlers.keyboards import inline

CERT_PERIODS = (PeriodKind.MONTH, PeriodKind.YEAR, PeriodKind.LAST_YEAR, PeriodKind.ALL)


async def _secret(u: Unit) -> bytes:
    configured = u.data.settings.bot_secret_key
    return await certificate_secret(
        u.session, configured.get_secret_value() if configured else None
    )


class Menu:
    async def menu(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            now, lang = u.data.clock.now(), u.actor.lang
            mine = await totals.mine(u.session, u.actor, now)
            if isinstance(mine, Refused):
                summary: str | Refused = mine
            else:
                pending = (
                    t("hours.menu.pending", lang, h=format_halves(mine.pending))
                    if mine.pending
                    else ""
                )
                summary = t(
                    "hours.menu",
                    lang,
                    month=format_halves(mine.month),
                    year=format_halves(mine.year),
                    all=format_halves(mine.all_time),
                    pending=pending,
                )
            led = await teams.my_led_teams(u.session, u.actor)
            waiting = await approval.count_pending(u.session, u.actor)
            scope = await totals.scope(u.session, u.actor)
            secretary = u.actor.is_secretary
        if isinstance(summary, Refused):
            await refuse(update, context, summary, lang)
            return
        rows = [
            [
                (t("hours.btn.report", lang), NewReport().data),
                (t("hours.btn.mine", lang), MyRecords().data),
            ],
            [
                (t("hours.btn.totals", lang), MyTotals().data),
                (t("hours.btn.teams", lang), Teams().data),
            ],
            [(t("hours.btn.activities", lang), Activities().data)],
        ]
        if led:
            rows.append(
                [
                    (t("hours.btn.open", lang), OpenActivity().data),
                    (t("hours.btn.record", lang), RecordActivity().data),
                ]
            )
        if led or waiting:
            rows.append([(t("hours.btn.pending", lang, n=waiting), PendingHours().data)])
        if not isinstance(scope, Refused):
            rows.append([(t("hours.btn.stats", lang), StatsPeriods().data)])
        if secretary:
            rows.append([(t("hours.btn.settings", lang), HoursSettings().data)])
        await answer(update)
        await show(update, context, summary, inline(rows))

    async def mine(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await reports.mine(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        if not found:
            await send(update, context, t("hours.mine.none", lang))
            return
        lines = [t("hours.mine.title", lang)]
        rows: list[list[tuple[str, str]]] = []
        for r in found:
            team = r.team_name or t(f"hours.type.{r.activity_type}", lang)
            lines.append(
                t(
                    "hours.mine.line",
                    lang,
                    state=t(f"hours.state.{r.state}", lang),
                    day=r.day.isoformat() if r.day else "",
                    team=html.escape(team),
                    h=format_halves(r.halves),
                    what=html.escape(r.what or ""),
                )
            )
            if r.state == "pending" and r.source == "report":
                label = f"{r.day.month}/{r.day.day} {format_halves(r.halves)}h" if r.day else ""
                rows.append(
                    [
                        (f"{t('hours.btn.edit', lang)} {label}", EditRecord(r.id).data),
                        (f"{t('hours.btn.withdraw', lang)} {label}", WithdrawRecord(r.id).data),
                    ]
                )
        await send(update, context, "\n".join(lines), inline(rows) if rows else None)

    async def edit(self, update: Update, context: Context, b: EditRecord) -> None:
        await self._withdraw(update, context, b.record, to_edit=True)

    async def withdraw(self, update: Update, context: Context, b: WithdrawRecord) -> None:
        await self._withdraw(update, context, b.record, to_edit=False)

    async def _withdraw(
        self, update: Update, context: Context, record_id: int, *, to_edit: bool
    ) -> None:
        async with unit(update, context) as u:
            result = await reports.withdraw(
                u.session, u.actor, record_id, u.data.clock.now(), to_edit=to_edit
            )
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        if isinstance(result, Draft):
            await send(update, context, *card_screen(result, lang))
        else:
            await send(update, context, t("hours.report.withdrawn", lang))

    async def my_totals(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            mine = await totals.mine(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(mine, Refused):
            await refuse(update, context, mine, lang)
            return
        lines = [
            t(
                "hours.totals.team_line",
                lang,
                team=html.escape(name or t("hours.stats.no_team", lang)),
                h=format_halves(h),
            )
            for name, h in mine.by_team
        ]
        if mine.hide_name:
            lines.append(t("hours.totals.hidden", lang))
        text = t(
            "hours.totals",
            lang,
            name=html.escape(mine.name),
            month=format_halves(mine.month),
            year=format_halves(mine.year),
            all=format_halves(mine.all_time),
            teams="\n".join(lines),
        )
        hide = "hours.btn.show" if mine.hide_name else "hours.btn.hide"
        rows = [
            [
                (t("hours.btn.chart", lang), MyChart().data),
                (t("hours.btn.certificate", lang), CertificatePeriods().data),
            ],
            [(t(hide, lang), HideName(not mine.hide_name).data)],
        ]
        await answer(update)
        await show(update, context, text, inline(rows))

    async def hide(self, update: Update, context: Context, b: HideName) -> None:
        async with unit(update, context) as u:
            result = await totals.set_hidden(u.session, u.actor, b.hide, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await self.my_totals(update, context)

    async def chart(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            data = await totals.chart(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(data, Refused):
            await refuse(update, context, data, lang)
            return
        await answer(update)
        text = chart_text(data.name, data.months, lang)
        png = await asyncio.to_thread(chart_png, text, data.halves)
        chat = update.effective_chat
        assert chat is not None
        caption = t("hours.chart.caption", lang, h=format_halves(sum(data.halves)))
        await context.bot.send_photo(chat.id, png, caption=caption)

    async def cert_periods(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
        await answer(update)
        rows = [[(t(f"hours.period.{p.value}", lang), MyCertificate(p).data)] for p in CERT_PERIODS]
        await show(update, context, t("hours.cert.choose", lang), inline(rows))

    async def my_certificate(self, update: Update, context: Context, b: MyCertificate) -> None:
        await self._certificate(update, context, None, b.period.value)

    async def member_certificate(
        self, update: Update, context: Context, b: MemberCertificate
    ) -> None:
        await self._certificate(update, context, b.member, b.period)

    async def _certificate(
        self, update: Update, context: Context, member_id: int | None, token: str
    ) -> None:
        """For oneself (member_id None), or by an officer for a member."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await certificates.issue(
                u.session, u.actor, member_id, token, await _secret(u), u.data.clock.now()
            )
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        png = await asyncio.to_thread(certificate_png, certificate_text(result, lang))
        chat = update.effective_chat
        assert chat is not None
        caption = t("hours.cert.caption", lang, h=format_halves(result.halves), code=result.code)
        await context.bot.send_photo(chat.id, png, caption=caption)

    async def verify(self, update: Update, context: Context) -> None:
        """/verify CODE (anyone may check a certificate); /verify alone asks for the code."""
        text = " ".join(context.args or [])
        async with unit(update, context) as u:
            lang = u.actor.lang
            if not text:
                await expect(u, update, "verify")
            else:
                reply = await _verdict(u, text)
        await send(update, context, t("hours.verify.ask", lang) if not text else reply)

    async def on_verify(self, update: Update, context: Context, _state: FlowState) -> None:
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            reply = await _verdict(u, message.text or "")
            await done(u, update)
        await send(update, context, reply)

    async def settings(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await settings.max_age(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [
            (("✅ " if d == found else "") + t("hours.btn.days", lang, n=d), SetMaxAge(i).data)
            for i, d in enumerate(MAX_AGE_CHOICES)
        ]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        await show(update, context, t("hours.settings", lang, days=found), inline(rows))

    async def set_max_age(self, update: Update, context: Context, b: SetMaxAge) -> None:
        index = b.choice
        days = MAX_AGE_CHOICES[index] if index < len(MAX_AGE_CHOICES) else 0
        async with unit(update, context) as u:
            result = await settings.set_max_age(u.session, u.actor, days, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        await show(update, context, t("hours.settings.saved", lang, days=result))


async def _verdict(u: Unit, code: str) -> str:
    lang = u.actor.lang
    verdict = await certificates.verify(u.session, code, await _secret(u))
    if not verdict.genuine or verdict.certificate is None:
        return t("hours.verify.fake", lang)
    c = verdict.certificate
    return t(
        "hours.verify.genuine",
        lang,
        name=html.escape(c.name),
        first=c.first.isoformat(),
        last=c.last.isoformat(),
        branch=html.escape(c.branch_name),
        h=format_halves(c.halves),
        day=c.issued_on.isoformat(),
    )


def chart_text(name: str, months: tuple[tuple[int, int], ...], lang: str) -> ChartText:
    labels = tuple(
        t("hours.chart.month", lang, m=m if lang == "zh" else calendar.month_abbr[m])
        for _y, m in months
    )
    return ChartText(
        title=t("hours.chart.title", lang, name=name),
        ylabel=t("hours.chart.ylabel", lang),
        months=labels,
    )


def certificate_text(c: Certificate, lang: str) -> CertificateText:
    return CertificateText(
        title=t("hours.cert.title", lang),
        body=t(
            "hours.cert.body",
            lang,
            name=c.name,
            first=c.first.isoformat(),
            last=c.last.isoformat(),
            branch=c.branch_name,
            h=format_halves(c.halves),
        ),
        code_line=t("hours.cert.code", lang, code=c.code),
        issuer=c.branch_name,
        date_line=t("hours.cert.date", lang, day=c.issued_on.isoformat()),
        verify_hint=t("hours.cert.hint", lang),
    )
