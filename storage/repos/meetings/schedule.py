"""Meetings queries: meetings, series and their files; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch
from storage.models.meetings import (
    Meeting,
    MeetingFile,
    MeetingSeries,
)
from storage.repos.meetings._common import _insert


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
