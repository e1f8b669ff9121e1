"""Meetings queries: set-based reads and writes for the tick (a page of meetings at once)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch, Member, PartyGroup
from storage.models.meetings import (
    Attendance,
    Meeting,
    MeetingFile,
    MeetingRun,
    MeetingSeries,
    ReminderLog,
)
from storage.repos.meetings._common import ACTIVE, _insert


async def lock_meetings(session: AsyncSession, meeting_ids: Sequence[int]) -> list[Meeting]:
    """The meetings, fresh and locked until commit, in (starts_at, id) order: the order every
    other multi-meeting lock takes (mark_reminders_due, future_occurrences), so none deadlock."""
    if not meeting_ids:
        return []
    rows = await session.scalars(
        select(Meeting)
        .where(Meeting.id.in_(list(meeting_ids)))
        .order_by(Meeting.starts_at, Meeting.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return list(rows.all())


async def branches_by_id(session: AsyncSession, branch_ids: Iterable[int]) -> dict[int, Branch]:
    """Fresh rows: settings another transaction changed meanwhile count."""
    ids = sorted(set(branch_ids))
    if not ids:
        return {}
    rows = await session.scalars(
        select(Branch).where(Branch.id.in_(ids)).execution_options(populate_existing=True)
    )
    return {b.id: b for b in rows}


async def series_by_id(
    session: AsyncSession, series_ids: Iterable[int]
) -> dict[int, MeetingSeries]:
    ids = sorted(set(series_ids))
    if not ids:
        return {}
    rows = await session.scalars(select(MeetingSeries).where(MeetingSeries.id.in_(ids)))
    return {s.id: s for s in rows}


async def file_counts(session: AsyncSession, meeting_ids: Iterable[int]) -> dict[int, int]:
    ids = sorted(set(meeting_ids))
    if not ids:
        return {}
    rows = await session.execute(
        select(MeetingFile.meeting_id, func.count())
        .where(MeetingFile.meeting_id.in_(ids))
        .group_by(MeetingFile.meeting_id)
    )
    return {int(mid): int(n) for mid, n in rows if mid is not None}


async def group_names_of(
    session: AsyncSession, branch_ids: Iterable[int]
) -> dict[int, dict[int, str]]:
    """branch -> {group id: name}, in each branch's display order."""
    ids = sorted(set(branch_ids))
    found: dict[int, dict[int, str]] = {b: {} for b in ids}
    if not ids:
        return found
    rows = await session.execute(
        select(PartyGroup.branch_id, PartyGroup.id, PartyGroup.name)
        .where(PartyGroup.branch_id.in_(ids))
        .order_by(PartyGroup.branch_id, PartyGroup.position, PartyGroup.id)
    )
    for branch_id, group_id, name in rows:
        found[branch_id][group_id] = name
    return found


@dataclass(frozen=True, slots=True)
class RosterEntry:
    """What the monthly digest needs of an active member, as plain values: building an ORM
    object for each of a district's 300,000 members cost more than reading them."""

    id: int
    branch_id: int
    name: str
    category: str
    role: str
    created_at: datetime


async def active_members_of(session: AsyncSession, branch_ids: Iterable[int]) -> list[RosterEntry]:
    """Active members of all these branches, by id."""
    ids = sorted(set(branch_ids))
    if not ids:
        return []
    rows = await session.execute(
        select(Member.id, Member.branch_id, Member.name, Member.category, Member.role,
               Member.created_at)
        .where(Member.branch_id.in_(ids), Member.status == ACTIVE)
        .order_by(Member.id)
    )  # fmt: skip
    return [RosterEntry(*row) for row in rows]


async def claim_reminders(
    session: AsyncSession, rows: Sequence[dict[str, Any]]
) -> set[tuple[int, int, int]]:
    """Record many reminders' fates in one statement; the (meeting, version, offset) this
    transaction recorded (the others were recorded first by someone else)."""
    if not rows:
        return set()
    stmt = (
        _insert(session)(ReminderLog)
        .values(list(rows))
        .on_conflict_do_nothing(
            index_elements=[ReminderLog.meeting_id, ReminderLog.version, ReminderLog.offset_seconds]
        )
        .returning(ReminderLog.meeting_id, ReminderLog.version, ReminderLog.offset_seconds)
    )
    return {(m, v, o) for m, v, o in await session.execute(stmt)}


async def postpone_many(session: AsyncSession, meeting_ids: Sequence[int], until: datetime) -> None:
    if meeting_ids:
        await session.execute(
            update(Meeting)
            .where(Meeting.id.in_(list(meeting_ids)), Meeting.remind_at.is_not(None))
            .values(remind_at=until),
            execution_options={"synchronize_session": False},
        )


async def claim_runs(
    session: AsyncSession, kind: str, periods: dict[int, str], now: datetime
) -> set[int]:
    """`claim_run` for many branches (branch -> period) in one statement; the branches this
    transaction claimed."""
    if not periods:
        return set()
    stmt = (
        _insert(session)(MeetingRun)
        .values(
            [
                {"branch_id": b, "kind": kind, "period": p, "created_at": now}
                for b, p in sorted(periods.items())
            ]
        )
        .on_conflict_do_nothing(
            index_elements=[MeetingRun.branch_id, MeetingRun.kind, MeetingRun.period]
        )
        .returning(MeetingRun.branch_id)
    )
    return set((await session.scalars(stmt)).all())


async def held_meetings(
    session: AsyncSession, branch_ids: Sequence[int], since: datetime, now: datetime
) -> list[tuple[int, str, str, datetime]]:
    """(branch, type, audience, start) of scheduled meetings with since <= start < now."""
    if not branch_ids:
        return []
    rows = await session.execute(
        select(Meeting.branch_id, Meeting.type, Meeting.audience, Meeting.starts_at).where(
            Meeting.branch_id.in_(list(branch_ids)),
            Meeting.status == "scheduled",
            Meeting.starts_at < now,
            Meeting.starts_at >= since,
        )
    )
    return [(b, k, a, s) for b, k, a, s in rows]


async def last_participation_of(
    session: AsyncSession, branch_ids: Sequence[int]
) -> list[tuple[int, int, datetime | None]]:
    """(branch, member, when): the latest attended start and the latest 补学 of each member at
    each branch's meetings (two rows per member at most; the caller takes the later)."""
    if not branch_ids:
        return []
    ids = list(branch_ids)
    attended = await session.execute(
        select(Meeting.branch_id, Attendance.member_id, func.max(Meeting.starts_at))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.branch_id.in_(ids), Attendance.state.in_(("present", "late")))
        .group_by(Meeting.branch_id, Attendance.member_id)
    )
    made_up = await session.execute(
        select(Meeting.branch_id, Attendance.member_id, func.max(Attendance.made_up_at))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.branch_id.in_(ids), Attendance.made_up_at.is_not(None))
        .group_by(Meeting.branch_id, Attendance.member_id)
    )
    return [(b, m, w) for b, m, w in [*attended, *made_up]]
