"""Meetings queries: reminders and once-per-period claims; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch
from storage.models.delivery import Delivery, Notice
from storage.models.meetings import (
    CheckinAttempt,
    Meeting,
    MeetingRun,
    ReminderLog,
)
from storage.repos.meetings._common import _insert


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
