"""The collection report (公示, counts and totals only), the .xlsx ledger for the secretary and
the treasurer, and remittances (上缴) with their reconciliation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.domain.dues.money import MAX_PAYMENT, ZERO, yuan
from bot.domain.dues.months import Month, add_months, label, month_range
from bot.domain.dues.report import MemberPeriod, Summary, held, summarize
from bot.domain.sheets import append_row, new_workbook, workbook_bytes
from bot.services.dues.common import (
    Refusal,
    Refused,
    current_month,
    officer_of,
    today_in,
)
from bot.services.identity import Actor
from bot.texts import t
from storage.models.dues import DuesRemittance, DuesReport
from storage.repos import core as core_repo
from storage.repos import dues as repo


def period_months(period: str) -> tuple[Month, Month] | None:
    """ "2026-03" → (202603, 202603); "2026" → (202601, 202612)."""
    if len(period) == 4 and period.isdecimal():
        return int(period) * 100 + 1, int(period) * 100 + 12
    if len(period) == 7 and period[4] == "-" and period[:4].isdecimal() and period[5:].isdecimal():
        month = int(period[:4]) * 100 + int(period[5:])
        return (month, month) if 1 <= month % 100 <= 12 else None
    return None


def month_period(month: Month) -> str:
    return f"{month // 100}-{month % 100:02d}"


@dataclass(frozen=True)
class Collection:
    branch_id: int
    branch_name: str
    period: str
    summary: Summary
    remitted: Decimal
    published: bool


async def _summary(session: AsyncSession, branch_id: int, first: Month, last: Month) -> Summary:
    members = {m.id: m for m in await repo.paying_members(session, branch_id)}
    group_names = {g.id: g.name for g in await repo.groups(session, branch_id)}
    per: dict[int, list[int | Decimal]] = {}
    collected_by: dict[int, Decimal] = {}
    for row in await repo.branch_lines(session, branch_id, first, last):
        if row.member_id not in members:
            continue
        stats = per.setdefault(row.member_id, [0, 0])
        if row.due is not None and row.due > 0:
            stats[0] = int(stats[0]) + 1
            stats[1] = int(stats[1]) + (row.paid >= row.due)
        collected_by[row.member_id] = collected_by.get(row.member_id, ZERO) + row.paid
    # Voluntary extras are collected money too.
    for payment in await repo.branch_payments(session, branch_id, ("confirmed",)):
        if payment.member_id in members and first <= min(payment.months, default=0) <= last:
            collected_by[payment.member_id] = (
                collected_by.get(payment.member_id, ZERO) + payment.extra
            )
    return summarize(
        MemberPeriod(
            group_names.get(members[mid].group_id or 0),
            int(per.get(mid, [0, 0])[0]),
            int(per.get(mid, [0, 0])[1]),
            collected_by.get(mid, ZERO),
        )
        for mid in members
    )


async def _remitted(session: AsyncSession, branch_id: int, first: Month, last: Month) -> Decimal:
    return sum(
        (
            r.amount
            for r in await repo.remittances(session, branch_id)
            if first <= r.first_month and r.last_month <= last
        ),
        ZERO,
    )


async def collection(
    session: AsyncSession, actor: Actor, period: str | None, now: datetime
) -> Collection | Refused:
    """The report as it would be published (default: last month)."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    current = current_month(me.branch_tz, now)
    if period is None:
        period = month_period(add_months(current, -1))
    bounds = period_months(period)
    if bounds is None:
        return Refused(Refusal.NOT_FOUND)
    if bounds[0] > current:
        # Published, a month to come would read "nobody paid" and lock that period for good.
        return Refused(Refusal.NOT_ALLOWED, "future_period")
    summary = await _summary(session, me.branch_id, *bounds)
    stored = await repo.report(session, me.branch_id, period)
    return Collection(
        me.branch_id,
        me.branch_name,
        period,
        summary,
        await _remitted(session, me.branch_id, *bounds),
        _published_as_is(stored, summary),
    )


def _published_as_is(stored: DuesReport | None, summary: Summary) -> bool:
    """Published with these very figures. A period published while still running (the
    monthly 公示 on the 26th) may be published again once payments changed its figures."""
    if stored is None or stored.published_at is None:
        return False
    figures = {k: v for k, v in (stored.stats or {}).items() if k != "version"}
    return figures == summary_json(summary)


@dataclass(frozen=True)
class Published:
    collection: Collection
    member_ids: tuple[int, ...]
    group_chat_id: int | None
    version: int  # 1, then 2... when a period is published again with new figures


def summary_json(summary: Summary) -> dict[str, object]:
    return {
        "paid": summary.paid,
        "unpaid": summary.unpaid,
        "collected": str(summary.collected),
        "groups": [[g.group, g.paid, g.total] for g in summary.groups],
    }


async def publish(
    session: AsyncSession, actor: Actor, period: str, now: datetime
) -> Published | Refused:
    """Publish to the branch, once: the secretary's press is the confirmation (a committee
    member sees the preview, but what the branch is shown is the secretary's to say)."""
    found = await collection(session, actor, period, now)
    if isinstance(found, Refused):
        return found
    stored = await repo.report(session, found.branch_id, period, lock=True)
    if _published_as_is(stored, found.summary):
        return Refused(Refusal.ALREADY_PUBLISHED)
    me = actor.member
    assert me is not None
    if not permits("dues.publish", subject(me.role, branch_id=me.branch_id)):
        return Refused(Refusal.NOT_ALLOWED, "secretary_only")
    if stored is None:
        stored = DuesReport(branch_id=found.branch_id, period=period, created_at=now)
        await repo.add(session, stored)
    version = int((stored.stats or {}).get("version", 0)) + 1 if stored.published_at else 1
    stored.stats = {**summary_json(found.summary), "version": version}
    stored.published_at = now
    stored.published_by_member_id = me.member_id
    members = await repo.paying_members(session, found.branch_id)
    branch = await repo.branch(session, found.branch_id)
    return Published(
        Collection(**{**found.__dict__, "published": True}),
        tuple(m.id for m in members),
        branch.group_chat_id if branch else None,
        version,
    )


# --- ledger .xlsx -----------------------------------------------------------


@dataclass(frozen=True)
class LedgerData:
    branch_name: str
    year: int
    months: tuple[Month, ...]
    # name, group, then per month (due, paid, paid_on)
    rows: tuple[tuple[str, str, tuple[tuple[Decimal | None, Decimal, date | None], ...]], ...]
    collected: Decimal
    remitted: Decimal


async def ledger(
    session: AsyncSession, actor: Actor, year: int | None, now: datetime
) -> LedgerData | Refused:
    """Member × month, for the secretary and the committee member in charge only."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    year = year or current_month(me.branch_tz, now) // 100
    months = tuple(month_range(year * 100 + 1, year * 100 + 12))
    members = await repo.paying_members(session, me.branch_id)
    group_names = {g.id: g.name for g in await repo.groups(session, me.branch_id)}
    lines = await repo.branch_lines(session, me.branch_id, months[0], months[-1])
    by = {(r.member_id, r.month): r for r in lines}
    rows = []
    for m in members:
        cells = []
        for month in months:
            r = by.get((m.id, month))
            cells.append((r.due, r.paid, r.paid_on) if r else (None, ZERO, None))
        rows.append((m.name, group_names.get(m.group_id or 0, ""), tuple(cells)))
    recon = await reconciliation(session, actor, year, now)
    assert not isinstance(recon, Refused)
    # Incomes and payments of named people leave the bot: who took them, when (issue 15).
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="dues.ledger_export",
        target="branch",
        target_id=me.branch_id,
        after={"year": year, "member_ids": [m.id for m in members]},
        now=now,
    )
    return LedgerData(me.branch_name, year, months, tuple(rows), recon.collected, recon.remitted)


def build_ledger(data: LedgerData, lang: str) -> tuple[bytes, str]:
    """The workbook and its file name (built off the event loop by the caller)."""
    from openpyxl.styles import Font  # not at start (see bot/domain/sheets.py)

    wb, ws = new_workbook()
    ws.title = str(data.year)
    head = [t("dues.ledger.name", lang), t("dues.ledger.group", lang)]
    for month in data.months:
        tag = label(month, lang)
        head += [t(f"dues.ledger.{k}", lang, month=tag) for k in ("due", "paid", "date")]
    append_row(ws, head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for name, group, cells in data.rows:
        values: list[object] = [name, group]
        for due, paid, paid_on in cells:
            # Decimal cells: openpyxl writes them as exact numbers, no float on the way.
            values += [due, paid if due is not None else None, paid_on]
        append_row(ws, values)
    append_row(ws, [])
    append_row(ws, [t("dues.ledger.collected", lang), yuan(data.collected)])
    append_row(ws, [t("dues.ledger.remitted", lang), yuan(data.remitted)])
    append_row(ws, [t("dues.ledger.held", lang), yuan(held(data.collected, data.remitted))])
    return workbook_bytes(wb), t("dues.ledger.filename", lang, year=data.year)


# --- remittance -------------------------------------------------------------


@dataclass(frozen=True)
class Reconciliation:
    year: int
    collected: Decimal
    remitted: Decimal
    held: Decimal
    remittances: tuple[tuple[Month, Month, Decimal, date], ...]


async def reconciliation(
    session: AsyncSession, actor: Actor, year: int | None, now: datetime
) -> Reconciliation | Refused:
    """Collected (dues and extras, by the months paid for) against remitted, for a year."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    year = year or current_month(me.branch_tz, now) // 100
    first, last = year * 100 + 1, year * 100 + 12
    collected = ZERO
    for payment in await repo.branch_payments(session, me.branch_id, ("confirmed",)):
        if payment.months and first <= min(payment.months) <= last:
            collected += payment.amount
    remits = [
        r for r in await repo.remittances(session, me.branch_id) if first <= r.first_month <= last
    ]
    remitted = sum((r.amount for r in remits), ZERO)
    return Reconciliation(
        year,
        collected,
        remitted,
        held(collected, remitted),
        tuple((r.first_month, r.last_month, r.amount, r.remitted_on) for r in remits),
    )


@dataclass(frozen=True)
class Remitted:
    remittance_id: int
    reconciliation: Reconciliation


async def remit(
    session: AsyncSession,
    actor: Actor,
    *,
    first: Month,
    last: Month,
    amount: Decimal,
    remitted_on: date | None,
    photo_file_id: str | None,
    now: datetime,
) -> Remitted | Refused:
    """The treasurer records a remittance to the upper committee (e.g. 街道党工委), on a day
    (default: today in the branch) that has come."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    current = current_month(me.branch_tz, now)
    if first > last or last > current or first // 100 != last // 100:
        return Refused(Refusal.NOT_ALLOWED, "bad_period")
    if amount <= 0 or amount > MAX_PAYMENT:
        return Refused(Refusal.NOT_ALLOWED, "amount")
    today = today_in(me.branch_tz, now)
    if remitted_on is None:
        remitted_on = today
    elif remitted_on > today:
        return Refused(Refusal.NOT_ALLOWED, "remit_future")
    row = DuesRemittance(
        branch_id=me.branch_id,
        first_month=first,
        last_month=last,
        amount=amount,
        remitted_on=remitted_on,
        photo_file_id=photo_file_id,
        recorded_by_member_id=me.member_id,
        created_at=now,
    )
    await repo.add(session, row)
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="dues.remit",
        target="branch",
        target_id=me.branch_id,
        after={"first": first, "last": last, "amount": str(amount)},
        now=now,
    )
    found = await reconciliation(session, actor, first // 100, now)
    assert not isinstance(found, Refused)
    return Remitted(row.id, found)


async def attach_remittance_photo(
    session: AsyncSession, actor: Actor, remittance_id: int, photo_file_id: str
) -> bool:
    """The receipt of a remittance, sent after recording it."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return False
    row = await repo.remittance(session, remittance_id)
    if row is None or row.branch_id != me.branch_id:
        return False
    row.photo_file_id = photo_file_id
    return True
