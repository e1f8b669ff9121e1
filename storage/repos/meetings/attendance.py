"""Meetings queries: attendance, leave and rsvp; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Member
from storage.models.meetings import (
    Attendance,
    CheckinAttempt,
    LeaveRequest,
    Meeting,
    MeetingRsvp,
)
from storage.repos.meetings._common import _insert


async def attendance_rows(session: AsyncSession, meeting_id: int) -> Sequence[Attendance]:
    rows = await session.scalars(
        select(Attendance).where(Attendance.meeting_id == meeting_id).order_by(Attendance.id)
    )
    return rows.all()


async def attendance_of(
    session: AsyncSession, meeting_id: int, member_id: int
) -> Attendance | None:
    row = await session.execute(
        select(Attendance)
        .where(Attendance.meeting_id == meeting_id, Attendance.member_id == member_id)
        .execution_options(populate_existing=True)
    )
    return row.scalar_one_or_none()


async def attendance_for_member(
    session: AsyncSession, member_id: int, meeting_ids: Iterable[int]
) -> dict[int, Attendance]:
    ids = list(meeting_ids)
    if not ids:
        return {}
    rows = await session.scalars(
        select(Attendance).where(Attendance.member_id == member_id, Attendance.meeting_id.in_(ids))
    )
    return {a.meeting_id: a for a in rows}


async def insert_attendance(session: AsyncSession, values: dict[str, Any]) -> bool:
    """Add the member's record unless one exists (the unique key settles races)."""
    stmt = (
        _insert(session)(Attendance)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[Attendance.meeting_id, Attendance.member_id])
        .returning(Attendance.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def update_attendance_if(
    session: AsyncSession,
    meeting_id: int,
    member_id: int,
    expected_state: str,
    values: dict[str, Any],
) -> bool:
    """Compare-and-set: change the record only if it is still in expected_state."""
    result = await session.execute(
        update(Attendance)
        .where(
            Attendance.meeting_id == meeting_id,
            Attendance.member_id == member_id,
            Attendance.state == expected_state,
        )
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def insert_rsvp(
    session: AsyncSession, meeting_id: int, member_id: int, now: datetime
) -> bool:
    stmt = (
        _insert(session)(MeetingRsvp)
        .values(meeting_id=meeting_id, member_id=member_id, created_at=now)
        .on_conflict_do_nothing(index_elements=[MeetingRsvp.meeting_id, MeetingRsvp.member_id])
        .returning(MeetingRsvp.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def rsvp_member_ids(session: AsyncSession, meeting_id: int) -> set[int]:
    rows = await session.scalars(
        select(MeetingRsvp.member_id).where(MeetingRsvp.meeting_id == meeting_id)
    )
    return set(rows.all())


async def count_pending_leaves(
    session: AsyncSession, branch_id: int, group_id: int | None, *, branchwide: bool
) -> int:
    """Undecided leave requests of a branch's members (only group_id's unless branchwide)."""
    query = (
        select(func.count())
        .select_from(LeaveRequest)
        .join(Meeting, Meeting.id == LeaveRequest.meeting_id)
        .join(Member, Member.id == LeaveRequest.member_id)
        .where(Meeting.branch_id == branch_id, LeaveRequest.status == "pending")
    )
    if not branchwide:
        if group_id is None:
            return 0
        query = query.where(Member.group_id == group_id)
    return int(await session.scalar(query) or 0)


async def pending_leaves(
    session: AsyncSession, branch_id: int
) -> Sequence[tuple[LeaveRequest, Member, Meeting]]:
    """Undecided leave requests of a branch's members, for meetings not over yet, oldest first."""
    rows = await session.execute(
        select(LeaveRequest, Member, Meeting)
        .join(Meeting, Meeting.id == LeaveRequest.meeting_id)
        .join(Member, Member.id == LeaveRequest.member_id)
        .where(
            Meeting.branch_id == branch_id,
            LeaveRequest.status == "pending",
            Meeting.status == "scheduled",
        )
        .order_by(LeaveRequest.requested_at, LeaveRequest.id)
    )
    return [(leave, member, meeting) for leave, member, meeting in rows]


async def get_leave(session: AsyncSession, leave_id: int) -> LeaveRequest | None:
    return await session.get(LeaveRequest, leave_id, populate_existing=True)


async def decide_leave_if_pending(
    session: AsyncSession, leave_id: int, status: str, by_member_id: int | None, now: datetime
) -> bool:
    """None as the decider: a leave recorded as reported, which nobody else could decide."""
    result = await session.execute(
        update(LeaveRequest)
        .where(LeaveRequest.id == leave_id, LeaveRequest.status == "pending")
        .values(status=status, decided_at=now, decided_by_member_id=by_member_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def count_wrong_codes(
    session: AsyncSession, meeting_id: int, member_id: int, since: datetime
) -> int:
    total = await session.scalar(
        select(func.count())
        .select_from(CheckinAttempt)
        .where(
            CheckinAttempt.meeting_id == meeting_id,
            CheckinAttempt.member_id == member_id,
            CheckinAttempt.at >= since,
        )
    )
    return int(total or 0)
