"""Dues bases: an officer records one; a member reports a new one that the secretary confirms.
A basis applies from its month: unpaid lines from then on are re-priced."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.brackets import BasisKind, Calculation, check_basis, monthly_due
from bot.domain.dues.ledger import BACK_PAY_MONTHS
from bot.domain.dues.months import Month, month_range, months_between
from bot.domain.members import Permission
from bot.kernel import approvals
from bot.services.dues import telling
from bot.services.dues.common import (
    BASIS_KIND,
    Refusal,
    Refused,
    current_month,
    due_at,
    dues_deciders,
    ensure_lines,
    member_of,
    officer_of,
    start_month,
)
from bot.services.identity import Actor
from bot.texts import LANGS, t
from storage.models.dues import DuesBasis
from storage.repos import core as core_repo
from storage.repos import dues as repo

# How far ahead a basis may be set (a raise announced for next month).
AHEAD_MONTHS = 3


@dataclass(frozen=True)
class BasisSet:
    basis_id: int
    member_id: int
    member_name: str
    calc: Calculation
    effective_month: Month
    pending: bool  # reported by the member, waiting for confirmation
    item_id: int | None = None
    decider_ids: tuple[int, ...] = ()


def _validate(
    kind: BasisKind, value: Decimal | None, reason: str | None, month: Month, current: Month
) -> Refused | None:
    problem = check_basis(kind, value, reason)
    if problem is not None:
        return Refused(Refusal.NOT_ALLOWED, problem.value)
    if months_between(month, current) > BACK_PAY_MONTHS:
        return Refused(Refusal.NOT_ALLOWED, "too_old")
    if months_between(current, month) > AHEAD_MONTHS:
        return Refused(Refusal.NOT_ALLOWED, "too_far_ahead")
    return None


async def _reprice(session: AsyncSession, member_id: int, now: datetime) -> None:
    """Every unpaid line of the member priced by the bases in force in its month."""
    member = await repo.member(session, member_id)
    assert member is not None
    bases = await repo.confirmed_bases(session, [member_id])
    branch = await repo.branch(session, member.branch_id)
    assert branch is not None
    current = current_month(branch.timezone, now)
    # Lines from the earliest basis month up to now exist, so arrears are counted from then.
    first = min((b.effective_month for b in bases), default=current)
    start = start_month(member)
    if start is not None:
        first = max(first, start)
    await ensure_lines(session, member, list(month_range(first, current)), now)
    for row in await repo.lines_of(session, [member_id], lock=True):
        if row.payment_id is None:
            row.due = due_at(bases, row.month)


async def set_basis(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    kind: BasisKind,
    value: Decimal | None,
    *,
    effective_month: Month | None,
    reason: str | None,
    now: datetime,
) -> BasisSet | Refused:
    """An officer records a member's basis (income, pension, category or approved hardship)."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    member = await repo.member(session, member_id)
    if member is None or member.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if member.id == me.member_id:
        # Setting one's own basis (a waiver above all) is deciding one's own request.
        return Refused(Refusal.SELF, "own_basis")
    current = current_month(me.branch_tz, now)
    month = effective_month or current
    invalid = _validate(kind, value, reason, month, current)
    if invalid is not None:
        return invalid
    row = DuesBasis(
        branch_id=member.branch_id,
        member_id=member.id,
        kind=kind.value,
        value=value,
        reason=(reason or "").strip() or None,
        effective_month=month,
        state="confirmed",
        reported_by_member_id=me.member_id,
        decided_by_member_id=me.member_id,
        created_at=now,
        decided_at=now,
    )
    await repo.add(session, row)
    await _reprice(session, member.id, now)
    # The base is personal information: the audit keeps that it changed, not the income.
    core_repo.audit(
        session,
        branch_id=member.branch_id,
        actor_tg_id=actor.tg_id,
        action="dues.basis",
        target="member",
        target_id=member.id,
        after={"kind": kind.value, "from": month, "basis": row.id},
        now=now,
    )
    return BasisSet(row.id, member.id, member.name, monthly_due(kind, value), month, False)


async def report_basis(
    session: AsyncSession,
    actor: Actor,
    kind: BasisKind,
    value: Decimal | None,
    *,
    reason: str | None,
    now: datetime,
) -> BasisSet | Refused:
    """A member reports a new basis from this month; it counts once the secretary confirms."""
    me = member_of(actor)
    if isinstance(me, Refused):
        return me
    current = current_month(me.branch_tz, now)
    invalid = _validate(kind, value, reason, current, current)
    if invalid is not None:
        return invalid
    row = DuesBasis(
        branch_id=me.branch_id,
        member_id=me.member_id,
        kind=kind.value,
        value=value,
        reason=(reason or "").strip() or None,
        effective_month=current,
        state="pending",
        reported_by_member_id=me.member_id,
        created_at=now,
    )
    await repo.add(session, row)
    calc = monthly_due(kind, value)
    item = await approvals.submit(
        session,
        branch_id=me.branch_id,
        kind=BASIS_KIND,
        subject_id=row.id,
        requester_member_id=me.member_id,
        permission=Permission.RECORD_DUES,
        summary=f"{me.name} 申报党费基数，每月 {calc.amount} 元",
        now=now,
    )
    deciders = await dues_deciders(session, item)
    await telling.ask_basis(
        session,
        branch_id=me.branch_id,
        item_id=item.id,
        name=me.name,
        calc_text={lang: telling.calc_line(calc, lang) for lang in LANGS},
        decider_ids=deciders,
        now=now,
    )
    return BasisSet(row.id, me.member_id, me.name, calc, current, True, item.id, tuple(deciders))


async def apply_basis_decision(
    session: AsyncSession, item: approvals.ApprovalItem, approve: bool
) -> None:
    row = await repo.basis(session, item.subject_id, lock=True)
    if row is None or row.state != "pending":
        return
    now = item.decided_at or row.created_at
    row.state = "confirmed" if approve else "declined"
    row.decided_by_member_id = item.decided_by_member_id
    row.decided_at = now
    if approve:
        await _reprice(session, row.member_id, now)


@dataclass(frozen=True)
class PendingBasis:
    item_id: int
    basis_id: int
    member_name: str
    calc: Calculation
    reason: str | None


async def pending_bases(session: AsyncSession, actor: Actor) -> list[PendingBasis] | Refused:
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    found = []
    for item in await approvals.pending_for(session, me.member_id, kinds=[BASIS_KIND]):
        row = await repo.basis(session, item.subject_id)
        if row is not None:
            calc = monthly_due(BasisKind(row.kind), row.value)
            found.append(PendingBasis(item.id, row.id, item.requester_name, calc, row.reason))
    return found


@dataclass(frozen=True)
class BasisDecision:
    member_id: int
    member_name: str
    approved: bool
    calc: Calculation


async def decide_basis(
    session: AsyncSession, actor: Actor, item_id: int, *, approve: bool, now: datetime
) -> BasisDecision | Refused:
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    result = await approvals.decide(
        session,
        kind=BASIS_KIND,
        item_id=item_id,
        decider_member_id=me.member_id,
        approve=approve,
        reason=None,
        now=now,
        apply=apply_basis_decision,
    )
    if not isinstance(result, approvals.Decided):
        return Refused(
            Refusal(result.value)
            if result.value in Refusal._value2member_map_
            else Refusal.NOT_ALLOWED
        )
    row = await repo.basis(session, result.item.subject_id)
    assert row is not None
    calc = monthly_due(BasisKind(row.kind), row.value)
    await telling.tell(
        session,
        branch_id=row.branch_id,
        key=f"dues:toldbasis:{row.id}",
        member_id=row.member_id,
        texts={
            lang: t("dues.told.basis_ok", lang, calc=telling.calc_line(calc, lang))
            if approve
            else t("dues.told.basis_no", lang)
            for lang in LANGS
        },
        now=now,
    )
    return BasisDecision(
        row.member_id,
        result.item.requester_name,
        approve,
        monthly_due(BasisKind(row.kind), row.value),
    )
