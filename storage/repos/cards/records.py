"""What the cards count, read a whole branch at a time: one grouped query per kind of record
(attendance, duties, requests, hours, dues, corrections), never one query per member, so a
branch of 10,000 members is six queries; the same functions with `member_ids` serve one
member's cards. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models.cards import ScoreCorrection
from storage.models.dues import DuesLine
from storage.models.hours import HoursRecord
from storage.models.meetings import Attendance, Meeting
from storage.models.posts import DutyRecord
from storage.models.residents import ResidentRequest


def _only(column: Any, member_ids: Sequence[int] | None) -> ColumnElement[bool]:
    return column.in_(list(member_ids)) if member_ids is not None else and_(True)


async def attendance(
    session: AsyncSession,
    branch_id: int,
    start: datetime,
    end: datetime,
    member_ids: Sequence[int] | None = None,
) -> dict[int, tuple[int, int, int, int]]:
    """member -> (attended, on leave, absent, made up) at meetings starting in [start, end)."""
    attended = func.sum(case((Attendance.state.in_(("present", "late")), 1), else_=0))
    leave = func.sum(case((Attendance.state == "leave_approved", 1), else_=0))
    absent = func.sum(
        case((Attendance.state.in_(("absent", "leave_declined", "leave_pending")), 1), else_=0)
    )
    made_up = func.sum(case((Attendance.made_up_at.is_not(None), 1), else_=0))
    rows = await session.execute(
        select(Attendance.member_id, attended, leave, absent, made_up)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(
            Meeting.branch_id == branch_id,
            Meeting.starts_at >= start,
            Meeting.starts_at < end,
            Meeting.cancelled_at.is_(None),
            _only(Attendance.member_id, member_ids),
        )
        .group_by(Attendance.member_id)
    )
    return {int(m): (int(a or 0), int(b or 0), int(c or 0), int(d or 0)) for m, a, b, c, d in rows}


async def duties(
    session: AsyncSession,
    branch_id: int,
    first: date,
    end: date,
    member_ids: Sequence[int] | None = None,
) -> dict[int, tuple[int, int]]:
    """member -> (confirmed duty records on posts, all confirmed records) dated in [first, end)."""
    on_posts = func.sum(case((DutyRecord.source == "post", 1), else_=0))
    rows = await session.execute(
        select(DutyRecord.member_id, on_posts, func.count())
        .where(
            DutyRecord.branch_id == branch_id,
            DutyRecord.state == "confirmed",
            DutyRecord.day >= first,
            DutyRecord.day < end,
            _only(DutyRecord.member_id, member_ids),
        )
        .group_by(DutyRecord.member_id)
    )
    return {int(m): (int(p or 0), int(n)) for m, p, n in rows}


async def requests_done(
    session: AsyncSession,
    branch_id: int,
    start: datetime,
    end: datetime,
    member_ids: Sequence[int] | None = None,
) -> dict[int, tuple[int, int, int]]:
    """member -> (requests done, sum of ratings, ratings given), done in [start, end)."""
    rated = ResidentRequest.rating.is_not(None)
    rows = await session.execute(
        select(
            ResidentRequest.taken_by_member_id,
            func.count(),
            func.sum(case((rated, ResidentRequest.rating), else_=0)),
            func.sum(case((rated, 1), else_=0)),
        )
        .where(
            ResidentRequest.branch_id == branch_id,
            ResidentRequest.state == "done",
            ResidentRequest.taken_by_member_id.is_not(None),
            ResidentRequest.done_at >= start,
            ResidentRequest.done_at < end,
            _only(ResidentRequest.taken_by_member_id, member_ids),
        )
        .group_by(ResidentRequest.taken_by_member_id)
    )
    return {int(m): (int(n), int(s or 0), int(c or 0)) for m, n, s, c in rows}


async def hours(
    session: AsyncSession,
    branch_id: int,
    first: date,
    end: date,
    member_ids: Sequence[int] | None = None,
) -> dict[int, int]:
    """member -> approved volunteer half hours dated in [first, end)."""
    rows = await session.execute(
        select(HoursRecord.member_id, func.sum(HoursRecord.halves))
        .where(
            HoursRecord.branch_id == branch_id,
            HoursRecord.state == "approved",
            HoursRecord.day >= first,
            HoursRecord.day < end,
            _only(HoursRecord.member_id, member_ids),
        )
        .group_by(HoursRecord.member_id)
    )
    return {int(m): int(h or 0) for m, h in rows}


async def dues(
    session: AsyncSession,
    branch_id: int,
    months: Sequence[tuple[int, date]],
    member_ids: Sequence[int] | None = None,
) -> dict[int, tuple[int, int]]:
    """member -> (months with dues owed, months paid in full before the cut-off).

    `months` pairs a month (YYYYMM) with the day its payment becomes late.
    """
    if not months:
        return {}
    owed = and_(DuesLine.due.is_not(None), DuesLine.due > Decimal(0))
    in_time = or_(*(and_(DuesLine.month == m, DuesLine.paid_on < cut) for m, cut in months))
    on_time = func.sum(case((and_(DuesLine.paid >= DuesLine.due, in_time), 1), else_=0))
    rows = await session.execute(
        select(DuesLine.member_id, func.count(), on_time)
        .where(
            DuesLine.branch_id == branch_id,
            DuesLine.month.in_([m for m, _c in months]),
            owed,
            _only(DuesLine.member_id, member_ids),
        )
        .group_by(DuesLine.member_id)
    )
    return {int(m): (int(n), int(k or 0)) for m, n, k in rows}


async def correction_sums(
    session: AsyncSession, branch_id: int, term: int, member_ids: Sequence[int] | None = None
) -> dict[int, dict[str, int]]:
    rows = await session.execute(
        select(
            ScoreCorrection.member_id, ScoreCorrection.item, func.sum(ScoreCorrection.delta_tenths)
        )
        .where(
            ScoreCorrection.branch_id == branch_id,
            ScoreCorrection.term == term,
            _only(ScoreCorrection.member_id, member_ids),
        )
        .group_by(ScoreCorrection.member_id, ScoreCorrection.item)
    )
    out: dict[int, dict[str, int]] = {}
    for m, item, total in rows:
        out.setdefault(int(m), {})[str(item)] = int(total or 0)
    return out


async def corrections(session: AsyncSession, member_id: int, term: int) -> list[ScoreCorrection]:
    rows = await session.scalars(
        select(ScoreCorrection)
        .where(ScoreCorrection.member_id == member_id, ScoreCorrection.term == term)
        .order_by(ScoreCorrection.id)
    )
    return list(rows)


def add(session: AsyncSession, row: Any) -> None:
    session.add(row)


async def flush(session: AsyncSession) -> None:
    await session.flush()
