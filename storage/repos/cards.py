"""Reads and writes of the four cards and the assessment. Never commits.

The tally reads a whole branch with one grouped query per kind of record (attendance, duties,
requests, hours, dues, corrections), never one query per member: a branch of 10,000 members is
six queries. The same functions with `member_ids` serve one member's cards.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.elements import ColumnElement

from storage.models.cards import FeedbackEntry, FeedbackLink, ScoreCorrection, TallyRun
from storage.models.core import Branch, Member, PartyGroup
from storage.models.dues import DuesLine
from storage.models.hours import HoursRecord, TeamMember, VolunteerTeam
from storage.models.meetings import Attendance, Meeting
from storage.models.posts import CommunityReport, DutyRecord, Post, PostCategory, PostClaim
from storage.models.residents import ResidentRequest

ASSESSED_STATUS = "active"
NOT_ASSESSED_CATEGORIES = ("activist",)  # 入党积极分子 are contacts, not members


@dataclass(frozen=True)
class MemberRow:
    id: int
    branch_id: int
    name: str
    group_id: int | None
    category: str
    role: str
    status: str
    joined_on: date | None
    full_on: date | None
    work_unit: str | None
    tg_user_id: int | None


def _member_row(m: Member) -> MemberRow:
    return MemberRow(
        m.id,
        m.branch_id,
        m.name,
        m.group_id,
        m.category,
        m.role,
        m.status,
        m.joined_party_on,
        m.full_member_on,
        m.work_unit,
        m.tg_user_id,
    )


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    return await session.get(Branch, branch_id)


async def branches(session: AsyncSession) -> list[Branch]:
    rows = await session.scalars(select(Branch).where(Branch.archived_at.is_(None)))
    return list(rows)


async def member(session: AsyncSession, member_id: int) -> MemberRow | None:
    found = await session.get(Member, member_id)
    return _member_row(found) if found is not None else None


_MEMBER_COLUMNS = (
    Member.id,
    Member.branch_id,
    Member.name,
    Member.group_id,
    Member.category,
    Member.role,
    Member.status,
    Member.joined_party_on,
    Member.full_member_on,
    Member.work_unit,
    Member.tg_user_id,
)


async def assessed_members(
    session: AsyncSession, branch_id: int, group_id: int | None = None
) -> list[MemberRow]:
    """Active members (not activists) of the branch, by name; of one group when given.

    Plain columns, not ORM objects: a 10,000-member branch loads in a fraction of the time.
    """
    query = select(*_MEMBER_COLUMNS).where(
        Member.branch_id == branch_id,
        Member.status == ASSESSED_STATUS,
        Member.category.not_in(NOT_ASSESSED_CATEGORIES),
    )
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    rows = await session.execute(query.order_by(Member.name, Member.id))
    return [MemberRow(*row) for row in rows]


async def group_names(session: AsyncSession, branch_id: int) -> dict[int, str]:
    rows = await session.execute(
        select(PartyGroup.id, PartyGroup.name).where(PartyGroup.branch_id == branch_id)
    )
    return {int(i): str(n) for i, n in rows}


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


async def teams_of(session: AsyncSession, member_id: int) -> list[str]:
    rows = await session.scalars(
        select(VolunteerTeam.name)
        .join(TeamMember, TeamMember.team_id == VolunteerTeam.id)
        .where(
            TeamMember.member_id == member_id,
            TeamMember.left_at.is_(None),
            VolunteerTeam.archived_at.is_(None),
        )
        .order_by(VolunteerTeam.name)
    )
    return list(rows)


async def posts_held(session: AsyncSession, member_id: int, term: int) -> list[tuple[str, str]]:
    """(category, post) the member holds (or held, for a past term) in the term."""
    query = (
        select(PostCategory.name, Post.name)
        .select_from(PostClaim)
        .join(Post, Post.id == PostClaim.post_id)
        .join(PostCategory, PostCategory.id == Post.category_id)
        .where(PostClaim.member_id == member_id, PostClaim.term == term)
    )
    query = query.where(
        or_(PostClaim.released_at.is_(None), PostClaim.end_reason.in_(("closed", "left")))
    )
    rows = await session.execute(query.order_by(PostClaim.claimed_at))
    return [(str(c), str(p)) for c, p in rows]


async def posts_held_by_branch(
    session: AsyncSession, branch_id: int, term: int
) -> dict[int, list[str]]:
    rows = await session.execute(
        select(PostClaim.member_id, Post.name)
        .select_from(PostClaim)
        .join(Post, Post.id == PostClaim.post_id)
        .where(
            PostClaim.branch_id == branch_id,
            PostClaim.term == term,
            PostClaim.released_at.is_(None),
        )
        .order_by(PostClaim.claimed_at)
    )
    out: dict[int, list[str]] = {}
    for m, name in rows:
        out.setdefault(int(m), []).append(str(name))
    return out


async def community_report(session: AsyncSession, member_id: int) -> CommunityReport | None:
    return await session.get(CommunityReport, member_id)


async def community_reports(session: AsyncSession, branch_id: int) -> dict[int, CommunityReport]:
    rows = await session.scalars(
        select(CommunityReport).where(CommunityReport.branch_id == branch_id)
    )
    return {r.member_id: r for r in rows}


async def feedback(session: AsyncSession, member_id: int, term: int) -> list[FeedbackEntry]:
    rows = await session.scalars(
        select(FeedbackEntry)
        .where(FeedbackEntry.member_id == member_id, FeedbackEntry.term == term)
        .order_by(FeedbackEntry.id)
    )
    return list(rows)


@dataclass(frozen=True)
class FeedbackRow:
    source: str
    rating: int
    comment: str


async def feedback_by_branch(
    session: AsyncSession, branch_id: int, term: int
) -> dict[int, list[FeedbackRow]]:
    rows = await session.execute(
        select(
            FeedbackEntry.member_id,
            FeedbackEntry.source,
            FeedbackEntry.rating,
            FeedbackEntry.comment,
        )
        .where(FeedbackEntry.branch_id == branch_id, FeedbackEntry.term == term)
        .order_by(FeedbackEntry.id)
    )
    out: dict[int, list[FeedbackRow]] = {}
    for member_id, source, rating, comment in rows:
        out.setdefault(int(member_id), []).append(FeedbackRow(source, rating, comment or ""))
    return out


async def resident_ratings(
    session: AsyncSession, member_id: int, start: datetime, end: datetime
) -> list[tuple[int, str, datetime | None]]:
    rows = await session.execute(
        select(ResidentRequest.rating, ResidentRequest.rating_comment, ResidentRequest.rated_at)
        .where(
            ResidentRequest.taken_by_member_id == member_id,
            ResidentRequest.state == "done",
            ResidentRequest.rating.is_not(None),
            ResidentRequest.done_at >= start,
            ResidentRequest.done_at < end,
        )
        .order_by(ResidentRequest.rated_at)
    )
    return [(int(r or 0), str(c or ""), at) for r, c, at in rows]


async def link_by_token(session: AsyncSession, token: str) -> FeedbackLink | None:
    found: FeedbackLink | None = await session.scalar(
        select(FeedbackLink).where(FeedbackLink.token == token)
    )
    return found


async def link(session: AsyncSession, link_id: int) -> FeedbackLink | None:
    return await session.get(FeedbackLink, link_id)


async def use_link(session: AsyncSession, link_id: int, now: datetime) -> bool:
    """Mark the link used if it is still usable; False when someone (or expiry) came first."""
    result = await session.execute(
        update(FeedbackLink)
        .where(
            FeedbackLink.id == link_id,
            FeedbackLink.used_at.is_(None),
            FeedbackLink.revoked_at.is_(None),
            FeedbackLink.expires_at > now,
        )
        .values(used_at=now, updated_at=now)
    )
    return bool(getattr(result, "rowcount", 0) == 1)


async def tally_run(session: AsyncSession, branch_id: int, period: str) -> TallyRun | None:
    found: TallyRun | None = await session.scalar(
        select(TallyRun).where(TallyRun.branch_id == branch_id, TallyRun.period == period)
    )
    return found


async def tally_run_by_id(session: AsyncSession, run_id: int) -> TallyRun | None:
    return await session.get(TallyRun, run_id)


async def claim_tally(session: AsyncSession, branch_id: int, period: str, now: datetime) -> bool:
    """Insert the period's run row unless it exists: True for the one caller who made it."""
    if await tally_run(session, branch_id, period) is not None:
        return False
    session.add(
        TallyRun(
            branch_id=branch_id,
            period=period,
            done_at=None,
            result={},
            created_at=now,
            updated_at=now,
        )
    )
    await session.flush()
    return True


async def teams_by_branch(session: AsyncSession, branch_id: int) -> dict[int, list[str]]:
    rows = await session.execute(
        select(TeamMember.member_id, VolunteerTeam.name)
        .join(VolunteerTeam, VolunteerTeam.id == TeamMember.team_id)
        .where(
            VolunteerTeam.branch_id == branch_id,
            VolunteerTeam.archived_at.is_(None),
            TeamMember.left_at.is_(None),
        )
    )
    out: dict[int, list[str]] = {}
    for m, name in rows:
        out.setdefault(int(m), []).append(str(name))
    return out
