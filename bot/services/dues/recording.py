"""An officer records payments directly: one member (any amount ≥ owed, the rest a voluntary
extra) or many at once (e.g. a whole party group paid in cash at the meeting)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.money import MAX_PAYMENT, ZERO
from bot.domain.dues.months import Month
from bot.services.dues.common import (
    Refusal,
    Refused,
    current_month,
    officer_of,
    today_in,
)
from bot.services.dues.payments import _apply_to_lines, _owed_for
from bot.services.identity import Actor
from storage.repos import core as core_repo
from storage.repos import dues as repo


@dataclass(frozen=True)
class Recorded:
    recorded: tuple[str, ...]  # names
    skipped: tuple[tuple[str, str], ...]  # (name, why: a rule code or a Refusal value)
    total: Decimal
    extra: Decimal


async def record(
    session: AsyncSession,
    actor: Actor,
    member_ids: Sequence[int],
    now: datetime,
    *,
    months: Sequence[Month] | None = None,
    amount: Decimal | None = None,
) -> Recorded | Refused:
    """Record payments for these members (default: the current month). An amount is only for
    one member; members who cannot be recorded are listed with the reason, nothing else done."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    if amount is not None and (len(member_ids) != 1 or amount <= 0 or amount > MAX_PAYMENT):
        return Refused(Refusal.NOT_ALLOWED, "amount")
    chosen = list(months) if months else [current_month(me.branch_tz, now)]
    recorded: list[str] = []
    skipped: list[tuple[str, str]] = []
    total = extra = ZERO
    for member_id in dict.fromkeys(member_ids):
        member = await repo.member(session, member_id)
        if member is None or member.branch_id != me.branch_id or member.status != "active":
            return Refused(Refusal.NOT_FOUND)
        if member.id == me.member_id:
            # One's own payment is recorded by another officer, like any other confirmation.
            skipped.append((member.name, Refusal.SELF.value))
            continue
        lines = await _owed_for(session, member, chosen, now)
        if isinstance(lines, Refused):
            skipped.append((member.name, lines.detail or lines.reason.value))
            continue
        owed = sum((max((r.due or ZERO) - r.paid, ZERO) for r in lines), ZERO)
        paid = owed if amount is None else amount
        if paid < owed:
            return Refused(Refusal.AMOUNT_TOO_SMALL)
        if paid <= 0:
            skipped.append((member.name, Refusal.NOTHING_OWED.value))
            continue
        payment = repo.DuesPayment(
            branch_id=member.branch_id,
            member_id=member.id,
            months=sorted(r.month for r in lines),
            amount=paid,
            extra=ZERO,
            paid_on=today_in(me.branch_tz, now),
            source="officer",
            state="confirmed",
            recorded_by_member_id=me.member_id,
            created_at=now,
            decided_at=now,
        )
        await repo.add(session, payment)
        _apply_to_lines(payment, lines, now)
        recorded.append(member.name)
        total += paid
        extra += payment.extra
        core_repo.audit(
            session,
            branch_id=member.branch_id,
            actor_tg_id=actor.tg_id,
            action="dues.record",
            target="member",
            target_id=member.id,
            after={"months": payment.months, "amount": str(paid), "payment": payment.id},
            now=now,
        )
    return Recorded(tuple(recorded), tuple(skipped), total, extra)


@dataclass(frozen=True)
class Candidate:
    member_id: int
    name: str
    owes: bool  # the current month is still open


async def candidates(
    session: AsyncSession, actor: Actor, now: datetime, group_id: int | None = None
) -> tuple[Month, list[Candidate]] | Refused:
    """Paying members (of one group) and whether this month is still open, for the picker."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    month = current_month(me.branch_tz, now)
    members = await repo.paying_members(session, me.branch_id, group_id=group_id)
    lines = {
        r.member_id: r
        for r in await repo.lines_of(session, [m.id for m in members])
        if r.month == month
    }
    found = []
    for m in members:
        row = lines.get(m.id)
        owes = row is None or row.due is None or row.paid < row.due
        found.append(Candidate(m.id, m.name, owes))
    return month, found


async def group_choices(session: AsyncSession, actor: Actor) -> list[tuple[int, str]]:
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return []
    return [(g.id, g.name) for g in await repo.groups(session, me.branch_id)]
