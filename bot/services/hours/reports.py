"""/hours: a member reports hours done outside an activity; edit or withdraw while pending.

The report is built in a draft row (state "draft"), one button at a time, so a restart loses
nothing and a forged button can only ever touch the presser's own draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours.rules import (
    MAX_PHOTOS,
    DayEntry,
    DayError,
    HoursError,
    RecordState,
    Source,
    check_day,
    check_halves,
    clean_what,
    format_halves,
    likely_duplicate,
    max_age_of,
    over_daily_limit,
)
from bot.services.hours import submit as queue
from bot.services.hours.common import (
    Refusal,
    Refused,
    audit,
    local_today,
    me_in,
    record_facts,
)
from bot.services.hours.views import RecordView, record_view
from bot.services.identity import Actor, Membership
from storage.models.hours import HoursRecord
from storage.repos import hours as repo

ACTIVITY_TYPES = (
    "publicity",
    "rights",
    "assistance",
    "environment",
    "patrol",
    "culture",
    "elderly",
)


@dataclass(frozen=True)
class Draft:
    record: RecordView
    today: date
    max_age_days: int
    teams: tuple[tuple[int, str], ...]  # the member's teams, for the team picker


@dataclass(frozen=True)
class Duplicate:
    """The same day, team and hours were reported already: ask before saving."""

    draft: Draft


@dataclass(frozen=True)
class Submitted:
    record: RecordView


def _refuse_day(error: DayError, max_age_days: int) -> Refused:
    if error is DayError.FUTURE:
        return Refused(Refusal.FUTURE)
    return Refused(Refusal.TOO_OLD, detail=str(max_age_days))


def _refuse_hours(error: HoursError) -> Refused:
    return Refused(Refusal(error.value))


async def _draft(session: AsyncSession, me: Membership, row: HoursRecord, now: datetime) -> Draft:
    branch = await repo.branch(session, me.branch_id)
    teams = await repo.teams(session, me.branch_id)
    mine = {tm.team_id for tm in await repo.memberships_of(session, me.member_id)}
    return Draft(
        record=await record_view(session, row),
        today=local_today(me.branch_tz, now),
        max_age_days=max_age_of(branch.settings if branch else None),
        teams=tuple((t.id, t.name) for t in teams if t.id in mine),
    )


async def start(session: AsyncSession, actor: Actor, now: datetime) -> Draft | Refused:
    """A fresh draft (an unfinished one of the same person is dropped)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    for old in await repo.drafts_of(session, me.member_id):
        if old.source == Source.REPORT:
            await session.delete(old)
    row = HoursRecord(
        branch_id=me.branch_id,
        member_id=me.member_id,
        source=Source.REPORT.value,
        state=RecordState.DRAFT.value,
        halves=0,
        photos=[],
        flagged=False,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await session.flush()
    return await _draft(session, me, row, now)


async def _own(
    session: AsyncSession, actor: Actor, record_id: int
) -> tuple[Membership, HoursRecord] | Refused:
    """The actor's own record of their branch, locked for the change that follows."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.record_for_update(session, record_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if row.member_id != me.member_id:
        return Refused(Refusal.NOT_YOURS)
    return me, row


async def _own_draft(
    session: AsyncSession, actor: Actor, record_id: int
) -> tuple[Membership, HoursRecord] | Refused:
    found = await _own(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    if row.state != RecordState.DRAFT or row.source != Source.REPORT:
        return Refused(Refusal.LOCKED if row.state == RecordState.APPROVED else Refusal.NOT_FOUND)
    return me, row


async def show(
    session: AsyncSession, actor: Actor, record_id: int, now: datetime
) -> Draft | Refused:
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    return await _draft(session, found[0], found[1], now)


async def set_day(
    session: AsyncSession, actor: Actor, record_id: int, day: date, now: datetime
) -> Draft | Refused:
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    draft = await _draft(session, me, row, now)
    error = check_day(day, draft.today, draft.max_age_days)
    if error is not None:
        return _refuse_day(error, draft.max_age_days)
    row.day = day
    row.updated_at = now
    return await _draft(session, me, row, now)


async def set_halves(
    session: AsyncSession, actor: Actor, record_id: int, halves: int | HoursError, now: datetime
) -> Draft | Refused:
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    checked = halves if isinstance(halves, HoursError) else check_halves(halves)
    if isinstance(checked, HoursError):
        return _refuse_hours(checked)
    row.halves = checked
    row.updated_at = now
    return await _draft(session, me, row, now)


async def set_team(
    session: AsyncSession,
    actor: Actor,
    record_id: int,
    now: datetime,
    *,
    team_id: int | None = None,
    activity_type: str | None = None,
) -> Draft | Refused:
    """A team the member is in, or else a kind of activity (宣教, 环保服务 ...)."""
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    if team_id is not None:
        mine = {tm.team_id for tm in await repo.memberships_of(session, me.member_id)}
        if team_id not in mine:
            return Refused(Refusal.NOT_IN_TEAM)
        row.team_id, row.activity_type = team_id, None
    elif activity_type in ACTIVITY_TYPES:
        row.team_id, row.activity_type = None, activity_type
    else:
        return Refused(Refusal.NOT_FOUND)
    row.updated_at = now
    return await _draft(session, me, row, now)


async def set_what(
    session: AsyncSession, actor: Actor, record_id: int, text: str, now: datetime
) -> Draft | Refused:
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    cleaned = clean_what(text)
    if cleaned is None:
        return Refused(Refusal.BAD_WHAT)
    row.what = cleaned
    row.updated_at = now
    return await _draft(session, me, row, now)


async def add_photo(
    session: AsyncSession, actor: Actor, record_id: int, file_id: str, now: datetime
) -> Draft | Refused:
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    photos = list(row.photos or [])
    if len(photos) >= MAX_PHOTOS:
        return Refused(Refusal.TOO_MANY_PHOTOS)
    row.photos = [*photos, file_id[:200]]
    row.updated_at = now
    return await _draft(session, me, row, now)


async def submit(
    session: AsyncSession,
    actor: Actor,
    record_id: int,
    now: datetime,
    *,
    confirmed_duplicate: bool = False,
) -> Submitted | Duplicate | Refused:
    """Check every rule again (the draft may be days old), then put it in the approval queue."""
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    draft = await _draft(session, me, row, now)
    if row.day is None or row.halves <= 0 or (row.team_id is None and row.activity_type is None):
        return Refused(Refusal.INCOMPLETE)
    if not row.what:
        return Refused(Refusal.BAD_WHAT)
    error = check_day(row.day, draft.today, draft.max_age_days)
    if error is not None:
        return _refuse_day(error, draft.max_age_days)
    same_day = await repo.day_records(session, me.member_id, row.day, exclude=row.id)
    already = sum(r.halves for r in same_day)
    if over_daily_limit(already, row.halves):
        return Refused(Refusal.DAILY_LIMIT, detail=format_halves(already))
    entries = [DayEntry(r.team_id, r.halves) for r in same_day]
    if not confirmed_duplicate and likely_duplicate(entries, row.team_id, row.halves):
        return Duplicate(draft)
    before = record_facts(row)
    row.state = RecordState.PENDING.value
    row.updated_at = now
    await session.flush()
    await queue.put(session, row, actor_tg_id=actor.tg_id, now=now)
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="record.submit",
        target="hours_record",
        target_id=row.id,
        before=before,
        after=record_facts(row),
        now=now,
    )
    return Submitted(await record_view(session, row))


async def discard(session: AsyncSession, actor: Actor, record_id: int) -> bool | Refused:
    """Drop the member's own draft (取消)."""
    found = await _own_draft(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    await session.delete(found[1])
    return True


async def _own_pending(
    session: AsyncSession, actor: Actor, record_id: int
) -> tuple[Membership, HoursRecord] | Refused:
    found = await _own(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    if row.state != RecordState.PENDING:
        return Refused(Refusal.LOCKED)
    return me, row


async def withdraw(
    session: AsyncSession, actor: Actor, record_id: int, now: datetime, *, to_edit: bool = False
) -> Draft | RecordView | Refused:
    """Take a pending report back: withdrawn, or (to_edit) a draft again to change and resend."""
    found = await _own_pending(session, actor, record_id)
    if isinstance(found, Refused):
        return found
    me, row = found
    if to_edit and row.source != Source.REPORT:
        return Refused(Refusal.NOT_ALLOWED)  # a leader's record or a check-in: dispute it instead
    refused = await queue.take_back(session, row, me.member_id, now)
    if refused is not None:
        return refused
    before = record_facts(row)
    row.state = (RecordState.DRAFT if to_edit else RecordState.WITHDRAWN).value
    row.updated_at = now
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="record.edit" if to_edit else "record.withdraw",
        target="hours_record",
        target_id=row.id,
        before=before,
        after=record_facts(row),
        now=now,
    )
    if to_edit:
        return await _draft(session, me, row, now)
    return await record_view(session, row)


async def mine(session: AsyncSession, actor: Actor) -> tuple[RecordView, ...] | Refused:
    """The member's own records waiting for a decision, and the newest decided ones."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    rows = await repo.member_records(
        session, me.member_id, ("pending", "approved", "declined"), limit=15
    )
    return tuple([await record_view(session, r) for r in rows])
