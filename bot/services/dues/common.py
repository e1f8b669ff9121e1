"""What the dues use cases share: refusals, who may act, today's month, pricing a month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.brackets import BasisKind, Calculation, monthly_due
from bot.domain.dues.ledger import Line, Settings, handles_dues, settings_from
from bot.domain.dues.months import Month, month_of
from bot.domain.members import Permission, can_branchwide
from bot.kernel import approvals, refusals
from bot.services.identity import Actor, Membership, role_of
from storage.models.core import Member
from storage.models.dues import DuesBasis, DuesLine
from storage.repos import dues as repo

PAYMENT_KIND = "dues_payment"
BASIS_KIND = "dues_basis"


class Refusal(StrEnum):
    """Why nothing was done; rendered as the text "dues.refuse.<value>"."""

    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    NO_BASIS = "no_basis"
    SELF = "self"
    ALREADY_DECIDED = "already_decided"
    NOTHING_OWED = "nothing_owed"
    AMOUNT_TOO_SMALL = "amount_too_small"
    ALREADY_PUBLISHED = "already_published"


class Refused(refusals.Refused[Refusal]):
    """What a dues service answers when it does nothing, and why."""


def member_of(actor: Actor) -> Membership | Refused:
    me = actor.member
    return me if me is not None else Refused(Refusal.NOT_MEMBER)


async def officer_of(session: AsyncSession, actor: Actor) -> Membership | Refused:
    """The secretary, or the committee member the secretary put in charge of dues."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    if not await is_officer(session, me):
        return Refused(Refusal.NOT_ALLOWED)
    return me


async def is_officer(session: AsyncSession, me: Membership | None) -> bool:
    if me is None or not can_branchwide(role_of(me), Permission.RECORD_DUES):
        return False
    branch = await repo.branch(session, me.branch_id)
    settings = branch_settings(branch.settings if branch else None)
    return handles_dues(me.role, me.member_id, settings.treasurer_id)


async def dues_deciders(session: AsyncSession, item: approvals.ApprovalItem) -> list[int]:
    """Whom a claim or a reported basis goes to: the queue's choice, less those not in charge."""
    ids = await approvals.deciders(session, item)
    branch = await repo.branch(session, item.branch_id)
    treasurer = branch_settings(branch.settings if branch else None).treasurer_id
    people = [await repo.member(session, i) for i in ids]
    return [p.id for p in people if p is not None and handles_dues(p.role, p.id, treasurer)]


def today_in(tz: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def current_month(tz: str, now: datetime) -> Month:
    return month_of(today_in(tz, now))


def branch_settings(raw: dict[str, object] | None) -> Settings:
    return settings_from(raw)


def start_month(member: Member) -> Month | None:
    """预备党员 pay from the month the branch meeting admitted them."""
    if member.category == "probationary" and member.joined_party_on is not None:
        return month_of(member.joined_party_on)
    return None


def basis_at(bases: Sequence[DuesBasis], month: Month) -> DuesBasis | None:
    """The confirmed basis in force in month (the latest effective on or before it)."""
    found = None
    for basis in bases:
        if basis.effective_month <= month and (
            found is None or (basis.effective_month, basis.id) > (found.effective_month, found.id)
        ):
            found = basis
    return found


def calculation(basis: DuesBasis) -> Calculation:
    return monthly_due(BasisKind(basis.kind), basis.value)


def due_at(bases: Sequence[DuesBasis], month: Month) -> Decimal | None:
    basis = basis_at(bases, month)
    return None if basis is None else calculation(basis).amount


def as_line(row: DuesLine) -> Line:
    return Line(row.month, row.due, row.paid, claimed=row.claim_id is not None)


async def ensure_lines(
    session: AsyncSession, member: Member, months: Sequence[Month], now: datetime
) -> None:
    """Open the member's lines for these months (priced by the basis then) if absent."""
    start = start_month(member)
    bases = await repo.confirmed_bases(session, [member.id])
    rows: list[dict[str, object]] = [
        {
            "branch_id": member.branch_id,
            "member_id": member.id,
            "month": m,
            "due": due_at(bases, m),
            "paid": Decimal("0.00"),
            **repo.stamp(now),
        }
        for m in months
        if start is None or m >= start
    ]
    await repo.open_lines(session, rows)
