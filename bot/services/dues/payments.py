"""Paying: a member's 「我已缴纳」 through the approval queue, and officers recording directly."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.ledger import check_months, split_payment
from bot.domain.dues.money import ZERO, yuan
from bot.domain.dues.months import Month, label
from bot.domain.members import Permission
from bot.kernel import approvals
from bot.services.dues import telling
from bot.services.dues.common import (
    PAYMENT_KIND,
    Refusal,
    Refused,
    as_line,
    branch_settings,
    current_month,
    due_at,
    dues_deciders,
    ensure_lines,
    member_of,
    officer_of,
    start_month,
    today_in,
)
from bot.services.identity import Actor
from bot.texts import LANGS, t
from storage.models.core import Member
from storage.repos import dues as repo


@dataclass(frozen=True)
class Claim:
    payment_id: int
    item_id: int
    months: tuple[Month, ...]
    amount: Decimal
    decider_ids: tuple[int, ...]
    summary: str


@dataclass(frozen=True)
class PaymentView:
    payment_id: int
    member_id: int
    member_name: str
    months: tuple[Month, ...]
    amount: Decimal
    extra: Decimal
    paid_on: date
    photo_file_id: str | None
    state: str


async def _owed_for(
    session: AsyncSession,
    member: Member,
    months: Sequence[Month],
    now: datetime,
    *,
    ignore_claims: bool = False,
) -> list[repo.DuesLine] | Refused:
    """The member's lines for these months, locked, once the rules allow paying them.

    Checked before any line is opened: a refused payment leaves the ledger as it was.
    """
    branch = await repo.branch(session, member.branch_id)
    assert branch is not None
    month = current_month(branch.timezone, now)
    wanted = sorted(set(months))
    rows = await repo.lines_of(session, [member.id], lock=True)
    problem = check_months(
        wanted,
        current=month,
        settings=branch_settings(branch.settings),
        start=start_month(member),
        lines={r.month: as_line(r) for r in rows},
        ignore_claims=ignore_claims,
    )
    if problem is not None:
        return Refused(Refusal.NOT_ALLOWED, problem.value)
    existing = {r.month: r for r in rows}
    bases = await repo.confirmed_bases(session, [member.id])
    for m in wanted:
        line = existing.get(m)
        if (line.due if line is not None else due_at(bases, m)) is None:
            return Refused(Refusal.NO_BASIS)
    await ensure_lines(session, member, [m for m in wanted if m not in existing], now)
    rows = await repo.lines_of(session, [member.id], lock=True)
    return [r for r in rows if r.month in set(wanted)]


def _summary(name: str, months: Sequence[Month], amount: Decimal) -> str:
    spans = "、".join(label(m, "zh") for m in sorted(months))
    return f"{name} {spans} {yuan(amount)}元"


async def claim(
    session: AsyncSession,
    actor: Actor,
    months: Sequence[Month],
    now: datetime,
    photo_file_id: str | None = None,
) -> Claim | Refused:
    """「我已缴纳」 for one or several months: waits for the secretary's confirmation."""
    me = member_of(actor)
    if isinstance(me, Refused):
        return me
    member = await repo.member(session, me.member_id)
    assert member is not None
    lines = await _owed_for(session, member, months, now)
    if isinstance(lines, Refused):
        return lines
    amount = sum((r.due - r.paid for r in lines if r.due is not None), ZERO)
    if amount <= 0:
        return Refused(Refusal.NOTHING_OWED)
    payment = repo.DuesPayment(
        branch_id=member.branch_id,
        member_id=member.id,
        months=sorted(r.month for r in lines),
        amount=amount,
        extra=ZERO,
        paid_on=today_in(me.branch_tz, now),
        photo_file_id=photo_file_id,
        source="member",
        state="pending",
        recorded_by_member_id=member.id,
        created_at=now,
    )
    await repo.add(session, payment)
    for r in lines:
        r.claim_id = payment.id
    summary = _summary(member.name, payment.months, amount)
    item = await approvals.submit(
        session,
        branch_id=member.branch_id,
        kind=PAYMENT_KIND,
        subject_id=payment.id,
        requester_member_id=member.id,
        permission=Permission.RECORD_DUES,
        summary=summary,
        now=now,
    )
    payment.approval_id = item.id
    deciders = await dues_deciders(session, item)
    await telling.ask_payment(
        session,
        branch_id=member.branch_id,
        payment_id=payment.id,
        name=member.name,
        months=payment.months,
        amount_text=yuan(amount),
        day=payment.paid_on.isoformat(),
        decider_ids=deciders,
        now=now,
    )
    return Claim(payment.id, item.id, tuple(payment.months), amount, tuple(deciders), summary)


async def attach_photo(
    session: AsyncSession, actor: Actor, payment_id: int, photo_file_id: str
) -> bool:
    """A receipt photo sent after the claim; only the payer's own pending claim takes it."""
    me = actor.member
    payment = await repo.payment(session, payment_id, lock=True)
    if me is None or payment is None or payment.member_id != me.member_id:
        return False
    if payment.state != "pending":
        return False
    payment.photo_file_id = photo_file_id
    return True


def _apply_to_lines(
    payment: repo.DuesPayment, lines: Sequence[repo.DuesLine], now: datetime
) -> None:
    owed = [max((r.due or ZERO) - r.paid, ZERO) for r in lines]
    parts, extra = split_payment(payment.amount, owed)
    for row, part in zip(lines, parts, strict=True):
        row.paid = row.paid + part
        row.paid_on = payment.paid_on
        row.payment_id = payment.id
        row.claim_id = None
        row.updated_at = now
    payment.extra = extra


async def apply_payment_decision(
    session: AsyncSession, item: approvals.ApprovalItem, approve: bool
) -> None:
    """The approval queue's callback: confirm changes the ledger once; a question frees the
    months so the member can claim them again."""
    payment = await repo.payment(session, item.subject_id, lock=True)
    if payment is None or payment.state != "pending":
        return
    now = item.decided_at or payment.created_at
    payment.decided_at = now
    payment.reason = item.reason
    if not approve:
        payment.state = "questioned"
        await repo.release_claim(session, payment.id)
        return
    rows = await repo.lines_of(session, [payment.member_id], lock=True)
    chosen = [r for r in rows if r.month in set(payment.months)]
    payment.state = "confirmed"
    _apply_to_lines(payment, chosen, now)


async def pending_payments(session: AsyncSession, actor: Actor) -> list[PaymentView] | Refused:
    """Claims this officer may decide, oldest first."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    items = await approvals.pending_for(session, me.member_id, kinds=[PAYMENT_KIND])
    found = []
    for item in items:
        view = await payment_view(session, item.subject_id)
        if view is not None:
            found.append(view)
    return found


async def payment_view(session: AsyncSession, payment_id: int) -> PaymentView | None:
    payment = await repo.payment(session, payment_id)
    if payment is None:
        return None
    member = await repo.member(session, payment.member_id)
    return PaymentView(
        payment.id,
        payment.member_id,
        member.name if member else "",
        tuple(payment.months),
        payment.amount,
        payment.extra,
        payment.paid_on,
        payment.photo_file_id,
        payment.state,
    )


@dataclass(frozen=True)
class Decision:
    payment: PaymentView
    approved: bool
    payer_id: int
    decider_name: str


async def decide_payment(
    session: AsyncSession,
    actor: Actor,
    payment_id: int,
    *,
    approve: bool,
    reason: str | None,
    now: datetime,
) -> Decision | Refused:
    """确认 / 有疑问 on a claim; the queue refuses one's own and already-decided items."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    payment = await repo.payment(session, payment_id)
    if payment is None or payment.branch_id != me.branch_id or payment.approval_id is None:
        return Refused(Refusal.NOT_FOUND)
    result = await approvals.decide(
        session,
        kind=PAYMENT_KIND,
        item_id=payment.approval_id,
        decider_member_id=me.member_id,
        approve=approve,
        reason=reason,
        now=now,
        apply=apply_payment_decision,
    )
    if not isinstance(result, approvals.Decided):
        return Refused(_REFUSALS.get(result.value, Refusal.NOT_ALLOWED))
    view = await payment_view(session, payment.id)
    assert view is not None
    key = "confirmed" if approve else "questioned"
    await telling.tell(
        session,
        branch_id=payment.branch_id,
        key=f"dues:told:{payment.id}:{key}",
        member_id=payment.member_id,
        texts={
            lang: t(
                f"dues.told.{key}",
                lang,
                months=telling.months_text(view.months, lang),
                by=html.escape(me.name),
            )
            for lang in LANGS
        },
        now=now,
    )
    return Decision(view, approve, payment.member_id, me.name)


_REFUSALS = {
    "not_found": Refusal.NOT_FOUND,
    "self": Refusal.SELF,
    "not_allowed": Refusal.NOT_ALLOWED,
    "already_decided": Refusal.ALREADY_DECIDED,
}
