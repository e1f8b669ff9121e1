"""Certificates of volunteer service: issued from approved hours, checked by /verify CODE."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours import certificate as codes
from bot.domain.hours.periods import PeriodKind, resolve
from bot.services.hours.common import Refusal, Refused, audit, is_officer, local_today, me_in
from bot.services.identity import Actor
from storage.models.hours import HoursCertificate
from storage.repos import hours as repo


@dataclass(frozen=True)
class Certificate:
    id: int
    code: str
    name: str
    branch_name: str
    first: date
    last: date
    halves: int
    issued_on: date


@dataclass(frozen=True)
class Verdict:
    genuine: bool
    certificate: Certificate | None  # what it certifies, when genuine


async def issue(
    session: AsyncSession,
    actor: Actor,
    member_id: int | None,
    token: str,
    secret: bytes,
    now: datetime,
) -> Certificate | Refused:
    """A certificate for the actor (or, for an officer, any member) over a period (a preset or
    a range token, see bot.domain.hours.periods.resolve)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    target_id = member_id or me.member_id
    if target_id != me.member_id and not is_officer(me):
        return Refused(Refusal.NOT_YOURS)
    person = await repo.member(session, target_id)
    branch = await repo.branch(session, me.branch_id)
    if person is None or branch is None or person.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    today = local_today(me.branch_tz, now)
    period = resolve(token, today)
    if period is None:
        return Refused(Refusal.NOT_FOUND)
    rows = await repo.approved(
        session, me.branch_id, member_id=person.id, first=period.first, last=period.last
    )
    halves = sum(r.halves for r in rows)
    # "All time" starts at the first record, not at the calendar's epoch.
    first = period.first
    if token == PeriodKind.ALL.value:
        first = min((r.day for r in rows if r.day), default=today)
    row = HoursCertificate(
        branch_id=me.branch_id,
        member_id=person.id,
        name=person.name,
        first_day=first,
        last_day=period.last,
        halves=halves,
        issued_by_member_id=me.member_id,
        issued_at=now,
    )
    repo.add(session, row)
    await session.flush()
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="certificate.issue",
        target="hours_certificate",
        target_id=row.id,
        before=None,
        after={
            "member_id": person.id,
            "halves": halves,
            "first": first.isoformat(),
            "last": period.last.isoformat(),
        },
        now=now,
    )
    return _view(row, branch.name, secret, today)


def _facts(row: HoursCertificate) -> codes.Facts:
    return codes.Facts(row.id, row.member_id, row.name, row.first_day, row.last_day, row.halves)


def _view(row: HoursCertificate, branch_name: str, secret: bytes, issued_on: date) -> Certificate:
    return Certificate(
        id=row.id,
        code=codes.code_for(secret, _facts(row)),
        name=row.name,
        branch_name=branch_name,
        first=row.first_day,
        last=row.last_day,
        halves=row.halves,
        issued_on=issued_on,
    )


async def verify(session: AsyncSession, text: str, secret: bytes) -> Verdict:
    """Whether a code is one the bot issued for a certificate unchanged since; anyone may ask."""
    parsed = codes.parse_code(text)
    if parsed is None:
        return Verdict(False, None)
    cert_id, mac = parsed
    row = await repo.certificate(session, cert_id)
    if row is None or not codes.genuine(secret, _facts(row), mac):
        return Verdict(False, None)
    branch = await repo.branch(session, row.branch_id)
    issued_on = local_today(branch.timezone if branch else "Asia/Shanghai", row.issued_at)
    return Verdict(True, _view(row, branch.name if branch else "", secret, issued_on))
