"""Reminders on the branch's days to unpaid members only (kind first, firmer later), and the
secretary told privately at 3 and 5 months of arrears, with 6 flagged."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.ledger import (
    Tone,
    arrears_months,
    is_reminder_day,
    officer_alert,
    reminder_tone,
    unpaid,
)
from bot.domain.dues.money import ZERO
from bot.domain.dues.months import Month
from bot.services.delivery import notices
from bot.services.dues.common import as_line, branch_settings, current_month, today_in
from bot.texts import t
from storage.repos import dues as repo

# Reminders go out from this local hour, not at midnight.
REMIND_FROM_HOUR = 9
NOTICE_KIND = "dues_reminder"
ALERT_KIND = "dues_alert"


@dataclass(frozen=True)
class ReminderReport:
    reminded: int
    alerts: int


async def run_reminders(session: AsyncSession, now: datetime) -> ReminderReport:
    """One pass over every branch; idempotent per branch and day (notice keys)."""
    reminded = alerts = 0
    for branch in await repo.active_branches(session):
        settings = branch_settings(branch.settings)
        today = today_in(branch.timezone, now)
        local_hour = now.astimezone(ZoneInfo(branch.timezone)).hour
        if not is_reminder_day(today.day, settings) or local_hour < REMIND_FROM_HOUR:
            continue
        month = current_month(branch.timezone, now)
        r, a = await _branch(session, branch.id, month, today.isoformat(), now)
        reminded += r
        alerts += a
    return ReminderReport(reminded, alerts)


async def _branch(
    session: AsyncSession, branch_id: int, month: Month, day: str, now: datetime
) -> tuple[int, int]:
    members = await repo.paying_members(session, branch_id)
    paused = await repo.paused_ids(session, branch_id)
    rows = await repo.lines_of(session, [m.id for m in members])
    by_member: dict[int, list[repo.DuesLine]] = {}
    for row in rows:
        by_member.setdefault(row.member_id, []).append(row)
    by_tone: dict[Tone, list[int]] = {}
    flagged: dict[int, list[tuple[str, int, Decimal]]] = {}
    for m in members:
        if m.id in paused:
            continue
        lines = [as_line(r) for r in by_member.get(m.id, [])]
        open_lines = [ln for ln in unpaid(lines, month) if not ln.claimed]
        if not open_lines:
            continue
        arrears = arrears_months(lines, month)
        by_tone.setdefault(reminder_tone(arrears), []).append(m.id)
        level = officer_alert(arrears)
        if level is not None:
            owed = sum((ln.owed for ln in open_lines), ZERO)
            flagged.setdefault(level, []).append((m.name, arrears, owed))
    reminded = 0
    for tone, ids in by_tone.items():
        content = {
            lang: notices.Content(text=t(f"dues.remind.{tone.value}", lang))
            for lang in ("zh", "en")
        }
        result = await notices.enqueue_notice(
            session,
            branch_id=branch_id,
            kind=NOTICE_KIND,
            key=f"dues:remind:{branch_id}:{day}:{tone.value}",
            content=content,
            member_ids=ids,
            now=now,
        )
        reminded += result.added
    alerts = 0
    if flagged:
        officers = await repo.officer_ids(session, branch_id, ("secretary",))
        for level, people in sorted(flagged.items()):
            content = {
                lang: notices.Content(
                    text=t(
                        f"dues.alert.{level}",
                        lang,
                        names=_name_list(people, lang),
                        count=len(people),
                    )
                )
                for lang in ("zh", "en")
            }
            # Once per month and level, however many reminder days the branch has.
            result = await notices.enqueue_notice(
                session,
                branch_id=branch_id,
                kind=ALERT_KIND,
                key=f"dues:alert:{branch_id}:{month}:{level}",
                content=content,
                member_ids=officers,
                now=now,
            )
            alerts += result.added
    return reminded, alerts


def _name_list(people: list[tuple[str, int, Decimal]], lang: str) -> str:
    """ "王阿姨（3）、李大爷（4）": who, with their months in arrears."""
    return t("dues.list.sep", lang).join(
        t("dues.list.with", lang, name=html.escape(name), what=n) for name, n, _ in people
    )
