"""The people the four cards are about: the assessed members of a branch, their groups, teams
and posts held, their community report. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch, Member, PartyGroup
from storage.models.hours import TeamMember, VolunteerTeam
from storage.models.posts import CommunityReport, Post, PostCategory, PostClaim

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
