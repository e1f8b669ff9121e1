"""The monthly opening of dues lines, and what a member sees in /dues."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.brackets import Calculation
from bot.domain.dues.ledger import (
    LEAVING_LINE,
    OFFICER_ALERTS,
    Line,
    arrears_months,
    payable_months,
    unpaid,
)
from bot.domain.dues.months import Month
from bot.services.dues.common import (
    Refusal,
    Refused,
    as_line,
    basis_at,
    branch_settings,
    calculation,
    current_month,
    due_at,
    ensure_lines,
    is_officer,
    member_of,
    start_month,
)
from bot.services.identity import Actor
from storage.repos import dues as repo


async def open_month(session: AsyncSession, now: datetime) -> int:
    """Open every paying member's line for their branch's current month; idempotent."""
    opened = 0
    for branch in await repo.active_branches(session):
        month = current_month(branch.timezone, now)
        members = await repo.paying_members(session, branch.id)
        bases = await repo.confirmed_bases(session, [m.id for m in members])
        by_member: dict[int, list[repo.DuesBasis]] = {}
        for b in bases:
            by_member.setdefault(b.member_id, []).append(b)
        rows: list[dict[str, object]] = []
        for m in members:
            start = start_month(m)
            if start is not None and month < start:
                continue
            rows.append(
                {
                    "branch_id": branch.id,
                    "member_id": m.id,
                    "month": month,
                    "due": due_at(by_member.get(m.id, []), month),
                    "paid": Decimal("0.00"),
                    **repo.stamp(now),
                }
            )
        opened += await repo.open_lines(session, rows)
    return opened


@dataclass(frozen=True)
class MonthView:
    month: Month
    due: Decimal | None
    paid: Decimal
    paid_on: date | None
    claimed: bool

    @property
    def settled(self) -> bool:
        return self.due is not None and self.paid >= self.due


@dataclass(frozen=True)
class MemberDues:
    member_id: int
    name: str
    month: Month
    calc: Calculation | None  # None: no basis recorded yet
    basis_reason: str | None
    current: MonthView | None
    arrears: int
    owed_total: Decimal
    history: tuple[MonthView, ...]  # newest first
    payable: tuple[Month, ...]
    pending_claims: int
    officer: bool
    branch: BranchGlance | None = None  # officers only


@dataclass(frozen=True)
class BranchGlance:
    """What an officer sees first: what waits, and who nears or passed the six-month line."""

    to_confirm: int
    no_basis: int
    near_line: tuple[str, ...]  # 3-5 months in arrears
    at_line: tuple[str, ...]  # 6 months or more


async def branch_glance(session: AsyncSession, branch_id: int, month: Month) -> BranchGlance:
    members = await repo.paying_members(session, branch_id)
    rows = await repo.lines_of(session, [m.id for m in members])
    by_member: dict[int, list[Line]] = {}
    for r in rows:
        by_member.setdefault(r.member_id, []).append(as_line(r))
    near: list[str] = []
    at: list[str] = []
    no_basis = 0
    for m in members:
        lines = by_member.get(m.id, [])
        current = next((ln for ln in lines if ln.month == month), None)
        no_basis += current is not None and current.due is None
        arrears = arrears_months(lines, month)
        if arrears >= LEAVING_LINE:
            at.append(m.name)
        elif arrears >= OFFICER_ALERTS[0]:
            near.append(m.name)
    pending = len(await repo.branch_payments(session, branch_id, ("pending",)))
    return BranchGlance(pending, no_basis, tuple(near), tuple(at))


def _view(row: repo.DuesLine) -> MonthView:
    return MonthView(row.month, row.due, row.paid, row.paid_on, row.claim_id is not None)


async def member_dues(
    session: AsyncSession, actor: Actor, now: datetime, member_id: int | None = None
) -> MemberDues | Refused:
    """The member's own dues (an officer may look at any member of the branch)."""
    me = member_of(actor)
    if isinstance(me, Refused):
        return me
    target_id = member_id or me.member_id
    member = await repo.member(session, target_id)
    if member is None or member.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if target_id != me.member_id and not await is_officer(session, me):
        return Refused(Refusal.NOT_FOUND)
    month = current_month(me.branch_tz, now)
    await ensure_lines(session, member, [month], now)
    rows = await repo.lines_of(session, [member.id])
    lines = [as_line(r) for r in rows]
    bases = await repo.confirmed_bases(session, [member.id])
    basis = basis_at(bases, month)
    branch = await repo.branch(session, member.branch_id)
    settings = branch_settings(branch.settings if branch else None)
    current = next((_view(r) for r in rows if r.month == month), None)
    payments = await repo.payments_of(session, member.id)
    officer = await is_officer(session, me)
    return MemberDues(
        member_id=member.id,
        name=member.name,
        month=month,
        calc=calculation(basis) if basis else None,
        basis_reason=basis.reason if basis else None,
        current=current,
        arrears=arrears_months(lines, month),
        owed_total=sum((ln.owed for ln in unpaid(lines, month)), Decimal("0.00")),
        history=tuple(_view(r) for r in sorted(rows, key=lambda r: -r.month)[:12]),
        payable=tuple(
            payable_months(
                current=month,
                settings=settings,
                start=start_month(member),
                lines={ln.month: ln for ln in lines},
            )
        ),
        pending_claims=sum(1 for p in payments if p.state == "pending"),
        officer=officer,
        branch=await branch_glance(session, me.branch_id, month) if officer else None,
    )
