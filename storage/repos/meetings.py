"""Queries for meetings, attendance, leave, reminders and claims; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch, Member, PartyGroup
from storage.models.delivery import Delivery, Notice
from storage.models.meetings import (
    Attendance,
    CheckinAttempt,
    LeaveRequest,
    Meeting,
    MeetingFile,
    MeetingRsvp,
    MeetingRun,
    MeetingSeries,
    ReminderLog,
)

ACTIVE = "active"


def _insert(session: AsyncSession) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


# --- meetings and series -------------------------------------------------------------------


async def get_meeting(
    session: AsyncSession, meeting_id: int, *, lock: bool = False
) -> Meeting | None:
    """One meeting, fresh from the database; `lock` holds its row until commit (PostgreSQL)."""
    return await session.get(Meeting, meeting_id, populate_existing=True, with_for_update=lock)


async def get_series(
    session: AsyncSession, series_id: int, *, lock: bool = False
) -> MeetingSeries | None:
    return await session.get(MeetingSeries, series_id, populate_existing=True, with_for_update=lock)


async def get_branch(
    session: AsyncSession, branch_id: int, *, fresh: bool = False
) -> Branch | None:
    """`fresh` re-reads the row: settings another transaction changed meanwhile count."""
    return await session.get(Branch, branch_id, populate_existing=fresh)


async def insert_occurrence(session: AsyncSession, values: dict[str, Any]) -> int | None:
    """Add one series occurrence unless it exists (moved or cancelled ones included)."""
    stmt = (
        _insert(session)(Meeting)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[Meeting.series_id, Meeting.original_start_utc])
        .returning(Meeting.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def series_to_extend(
    session: AsyncSession, stale_before: datetime, *, limit: int = 200
) -> Sequence[MeetingSeries]:
    """Live series whose materialised horizon ends before `stale_before`."""
    rows = await session.scalars(
        select(MeetingSeries)
        .join(Branch, Branch.id == MeetingSeries.branch_id)
        .where(
            MeetingSeries.cancelled_at.is_(None),
            Branch.archived_at.is_(None),
            or_(
                MeetingSeries.materialized_until.is_(None),
                MeetingSeries.materialized_until < stale_before,
            ),
        )
        .order_by(MeetingSeries.id)
        .limit(limit)
    )
    return rows.all()


async def series_files(session: AsyncSession, series_id: int) -> Sequence[MeetingFile]:
    rows = await session.scalars(
        select(MeetingFile).where(MeetingFile.series_id == series_id).order_by(MeetingFile.position)
    )
    return rows.all()


async def meeting_files(session: AsyncSession, meeting_id: int) -> Sequence[MeetingFile]:
    rows = await session.scalars(
        select(MeetingFile)
        .where(MeetingFile.meeting_id == meeting_id)
        .order_by(MeetingFile.position)
    )
    return rows.all()


async def claim_announcement(session: AsyncSession, meeting_id: int, now: datetime) -> bool:
    """Mark the meeting announced; False if another transaction already did."""
    result = await session.execute(
        update(Meeting)
        .where(
            Meeting.id == meeting_id,
            Meeting.announced_at.is_(None),
            Meeting.status == "scheduled",
        )
        .values(announced_at=now, updated_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def claim_close(session: AsyncSession, meeting_id: int, now: datetime) -> bool:
    """Mark check-in closed; False if another transaction already did."""
    result = await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id, Meeting.closed_at.is_(None))
        .values(closed_at=now, updated_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def due_announcements(
    session: AsyncSession, now: datetime, *, limit: int = 200
) -> Sequence[int]:
    rows = await session.scalars(
        select(Meeting.id)
        .where(
            Meeting.announced_at.is_(None),
            Meeting.announce_at <= now,
            Meeting.status == "scheduled",
            Meeting.starts_at > now,
        )
        .order_by(Meeting.announce_at)
        .limit(limit)
    )
    return rows.all()


async def meetings_starting_between(
    session: AsyncSession,
    lo: datetime,
    hi: datetime,
    *,
    branch_id: int | None = None,
    announced: bool = False,
    limit: int = 1000,
) -> Sequence[Meeting]:
    """Scheduled meetings with lo <= starts_at < hi, earliest first."""
    conditions = [Meeting.status == "scheduled", Meeting.starts_at >= lo, Meeting.starts_at < hi]
    if branch_id is not None:
        conditions.append(Meeting.branch_id == branch_id)
    if announced:
        conditions.append(Meeting.announced_at.is_not(None))
    rows = await session.scalars(
        select(Meeting).where(*conditions).order_by(Meeting.starts_at, Meeting.id).limit(limit)
    )
    return rows.all()


async def reminders_to_decide(
    session: AsyncSession,
    now: datetime,
    *,
    after: tuple[datetime, int] | None = None,
    limit: int = 200,
) -> Sequence[tuple[datetime, int]]:
    """(remind_at, id) of meetings with a reminder decision due, in keyset pages."""
    conditions = [Meeting.remind_at <= now]
    if after is not None:
        conditions.append(
            or_(
                Meeting.remind_at > after[0],
                and_(Meeting.remind_at == after[0], Meeting.id > after[1]),
            )
        )
    rows = await session.execute(
        select(Meeting.remind_at, Meeting.id)
        .where(*conditions)
        .order_by(Meeting.remind_at, Meeting.id)
        .limit(limit)
    )
    return [(at, meeting_id) for at, meeting_id in rows if at is not None]


async def postpone_reminders(session: AsyncSession, meeting_id: int, until: datetime) -> None:
    """A meeting whose reminders failed to be decided: try again at `until`, not every tick."""
    await session.execute(
        update(Meeting)
        .where(Meeting.id == meeting_id, Meeting.remind_at.is_not(None))
        .values(remind_at=until)
    )


async def earliest_remind_at(session: AsyncSession) -> datetime | None:
    """The first pending reminder decision; in the past if one is overdue (failing)."""
    found: datetime | None = await session.scalar(select(func.min(Meeting.remind_at)))
    return found


async def mark_reminders_due(session: AsyncSession, branch_id: int, now: datetime) -> int:
    """Every upcoming scheduled meeting of the branch: decide its reminders again, now.

    Announced or not: a meeting being announced right now (not committed yet) is waited for
    and marked too. Rows are locked in (starts_at, id) order, as cancel_series does.
    """
    ids = (
        select(Meeting.id)
        .where(
            Meeting.branch_id == branch_id,
            Meeting.status == "scheduled",
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        .with_for_update()
    )
    result = await session.execute(
        update(Meeting).where(Meeting.id.in_(ids)).values(remind_at=now),
        execution_options={"synchronize_session": False},
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def upcoming_announced_ids(
    session: AsyncSession, now: datetime, *, after_id: int = 0, limit: int = 200
) -> Sequence[int]:
    """Scheduled, announced meetings that have not started, by id (keyset pages)."""
    rows = await session.scalars(
        select(Meeting.id)
        .where(
            Meeting.status == "scheduled",
            Meeting.announced_at.is_not(None),
            Meeting.starts_at > now,
            Meeting.id > after_id,
        )
        .order_by(Meeting.id)
        .limit(limit)
    )
    return rows.all()


async def unclosed_before(
    session: AsyncSession, before: datetime, *, limit: int = 200
) -> Sequence[Meeting]:
    """Scheduled meetings that started before `before` and whose check-in is not closed yet."""
    rows = await session.scalars(
        select(Meeting)
        .where(
            Meeting.closed_at.is_(None),
            Meeting.starts_at < before,
            Meeting.status == "scheduled",
        )
        .order_by(Meeting.starts_at)
        .limit(limit)
    )
    return rows.all()


async def member_meetings(
    session: AsyncSession,
    branch_id: int,
    audiences: Sequence[str],
    *,
    after: datetime | None = None,
    before: datetime | None = None,
    newest_first: bool = False,
    limit: int = 10,
) -> Sequence[Meeting]:
    """Scheduled meetings of the branch whose audience is one of `audiences`."""
    conditions = [
        Meeting.branch_id == branch_id,
        Meeting.status == "scheduled",
        Meeting.audience.in_(audiences),
    ]
    if after is not None:
        conditions.append(Meeting.starts_at >= after)
    if before is not None:
        conditions.append(Meeting.starts_at < before)
    order = Meeting.starts_at.desc() if newest_first else Meeting.starts_at
    rows = await session.scalars(select(Meeting).where(*conditions).order_by(order).limit(limit))
    return rows.all()


# --- members -----------------------------------------------------------------------------


async def active_members(
    session: AsyncSession,
    branch_id: int,
    *,
    group_id: int | None = None,
    roles: Iterable[str] | None = None,
    category: str | None = None,
) -> Sequence[Member]:
    conditions = [Member.branch_id == branch_id, Member.status == ACTIVE]
    if group_id is not None:
        conditions.append(Member.group_id == group_id)
    if roles is not None:
        conditions.append(Member.role.in_(list(roles)))
    if category is not None:
        conditions.append(Member.category == category)
    rows = await session.scalars(select(Member).where(*conditions).order_by(Member.id))
    return rows.all()


async def get_member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def officers(session: AsyncSession, branch_id: int) -> list[tuple[int, str, int | None]]:
    """(id, role, group id) of the branch's active members who hold any role above member."""
    rows = await session.execute(
        select(Member.id, Member.role, Member.group_id)
        .where(Member.branch_id == branch_id, Member.status == ACTIVE, Member.role != "member")
        .order_by(Member.id)
    )
    return [(i, r, g) for i, r, g in rows]


# --- attendance, leave, rsvp -------------------------------------------------------------


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


# --- reminders and once-per-period claims ------------------------------------------------


async def reminder_logs(
    session: AsyncSession, meeting_ids: Iterable[int]
) -> dict[tuple[int, int], set[int]]:
    """(meeting_id, version) -> offsets (seconds) already decided."""
    ids = list(meeting_ids)
    found: dict[tuple[int, int], set[int]] = {}
    if not ids:
        return found
    rows = await session.execute(
        select(ReminderLog.meeting_id, ReminderLog.version, ReminderLog.offset_seconds).where(
            ReminderLog.meeting_id.in_(ids)
        )
    )
    for meeting_id, version, offset in rows:
        found.setdefault((meeting_id, version), set()).add(offset)
    return found


async def claim_reminder(
    session: AsyncSession,
    *,
    meeting_id: int,
    version: int,
    offset_seconds: int,
    status: str,
    send_at: datetime,
    now: datetime,
) -> bool:
    """Record a reminder's fate; False if another transaction recorded it first."""
    stmt = (
        _insert(session)(ReminderLog)
        .values(
            meeting_id=meeting_id,
            version=version,
            offset_seconds=offset_seconds,
            status=status,
            send_at=send_at,
            recorded_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=[ReminderLog.meeting_id, ReminderLog.version, ReminderLog.offset_seconds]
        )
        .returning(ReminderLog.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def claim_run(
    session: AsyncSession, branch_id: int, kind: str, period: str, now: datetime
) -> bool:
    stmt = (
        _insert(session)(MeetingRun)
        .values(branch_id=branch_id, kind=kind, period=period, created_at=now)
        .on_conflict_do_nothing(
            index_elements=[MeetingRun.branch_id, MeetingRun.kind, MeetingRun.period]
        )
        .returning(MeetingRun.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def runs_in_periods(
    session: AsyncSession, kind: str, periods: Iterable[str]
) -> set[tuple[int, str]]:
    """(branch_id, period) of the runs of `kind` already claimed in these periods."""
    rows = await session.execute(
        select(MeetingRun.branch_id, MeetingRun.period).where(
            MeetingRun.kind == kind, MeetingRun.period.in_(sorted(set(periods)))
        )
    )
    return {(branch_id, period) for branch_id, period in rows}


async def live_branches(session: AsyncSession) -> Sequence[Branch]:
    rows = await session.scalars(
        select(Branch).where(Branch.archived_at.is_(None)).order_by(Branch.id)
    )
    return rows.all()


async def prune_attempts(session: AsyncSession, before: datetime) -> None:
    await session.execute(delete(CheckinAttempt).where(CheckinAttempt.at < before))


async def future_occurrences(
    session: AsyncSession, series_id: int, now: datetime
) -> Sequence[Meeting]:
    rows = await session.scalars(
        select(Meeting)
        .where(
            Meeting.series_id == series_id,
            Meeting.status == "scheduled",
            Meeting.starts_at > now,
        )
        .order_by(Meeting.starts_at, Meeting.id)
        # Locked like a single edit, so a racing tick cannot announce or remind meanwhile.
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return rows.all()


async def cancelled_occurrences(
    session: AsyncSession, series_id: int, at: datetime
) -> Sequence[Meeting]:
    """The occurrences of a series cancelled at `at` (one cancellation of the series)."""
    rows = await session.scalars(
        select(Meeting).where(
            Meeting.series_id == series_id,
            Meeting.status == "cancelled",
            Meeting.cancelled_at == at,
        )
    )
    return rows.all()


async def sent_notice_copies(
    session: AsyncSession, meeting_ids: Sequence[int]
) -> list[tuple[int, int, str]]:
    """(chat, message, lang) of every notice and reminder about these meetings that reached a
    chat, except the cancellation itself: the copies whose buttons a cancellation retires."""
    if not meeting_ids:
        return []
    keys = or_(*(Notice.key.like(f"meeting:{mid}:v%") for mid in meeting_ids))
    rows = await session.execute(
        select(Delivery.chat_id, Delivery.message_id, Delivery.lang)
        .join(Notice, Notice.id == Delivery.notice_id)
        .where(keys, Delivery.state == "sent", Delivery.message_id.is_not(None))
        .order_by(Delivery.id)
    )
    return [(int(c), int(m), str(lang)) for c, m, lang in rows if c is not None and m is not None]


async def reachable_count(session: AsyncSession, notice_id: int) -> int:
    """Recipients of a notice it can reach (queued, being sent or sent)."""
    n = await session.scalar(
        select(func.count()).where(
            Delivery.notice_id == notice_id,
            Delivery.member_id.is_not(None),
            Delivery.state.in_(("queued", "sending", "sent")),
        )
    )
    return int(n or 0)


# --- set-based reads and writes for the tick (a district's page of meetings at once) ---------


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


async def active_members_of(session: AsyncSession, branch_ids: Iterable[int]) -> list[Member]:
    """Active members of all these branches, by id."""
    ids = sorted(set(branch_ids))
    if not ids:
        return []
    rows = await session.scalars(
        select(Member).where(Member.branch_id.in_(ids), Member.status == ACTIVE).order_by(Member.id)
    )
    return list(rows.all())


async def audience_rows_of(
    session: AsyncSession, branch_ids: Iterable[int]
) -> list[tuple[int, int, str, str, int | None]]:
    """(id, branch, category, role, group) of the active members of these branches, by id:
    what deciding an audience needs, without building a member object for each."""
    ids = sorted(set(branch_ids))
    if not ids:
        return []
    rows = await session.execute(
        select(Member.id, Member.branch_id, Member.category, Member.role, Member.group_id)
        .where(Member.branch_id.in_(ids), Member.status == ACTIVE)
        .order_by(Member.id)
    )
    return [(i, b, c, r, g) for i, b, c, r, g in rows]


async def attendance_in_states(
    session: AsyncSession, meeting_ids: Iterable[int], states: Iterable[str]
) -> set[tuple[int, int]]:
    """(meeting, member) of the records of these meetings in one of `states`."""
    ids = sorted(set(meeting_ids))
    if not ids:
        return set()
    rows = await session.execute(
        select(Attendance.meeting_id, Attendance.member_id).where(
            Attendance.meeting_id.in_(ids), Attendance.state.in_(sorted(set(states)))
        )
    )
    return {(m, p) for m, p in rows}


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
