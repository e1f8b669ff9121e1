"""Posts (一岗) queries: categories, posts, claims, duty records, reports; never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.approvals import ApprovalRequest
from storage.models.core import Branch, Member
from storage.models.members import Invite
from storage.models.posts import CommunityReport, DutyRecord, Post, PostCategory, PostClaim

DUTY_KIND = "duty_record"


def add(session: AsyncSession, row: object) -> None:
    session.add(row)


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    return await session.get(Branch, branch_id)


async def lock_branch(session: AsyncSession, branch_id: int) -> None:
    """Serialise seeding the defaults (two first uses at once); SQLite locks at the write."""
    await session.execute(
        select(Branch.id).where(Branch.id == branch_id).with_for_update(key_share=True)
    )


async def member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def member_for_update(session: AsyncSession, member_id: int) -> Member | None:
    rows = await session.scalars(
        select(Member).where(Member.id == member_id).with_for_update(key_share=True)
    )
    return rows.first()


async def members(session: AsyncSession, ids: Collection[int]) -> dict[int, Member]:
    if not ids:
        return {}
    rows = await session.scalars(select(Member).where(Member.id.in_(ids)))
    return {m.id: m for m in rows}


async def active_members(session: AsyncSession, branch_id: int) -> Sequence[Member]:
    rows = await session.scalars(
        select(Member)
        .where(Member.branch_id == branch_id, Member.status == "active")
        .order_by(Member.name, Member.id)
    )
    return rows.all()


# categories


async def categories(
    session: AsyncSession, branch_id: int, *, archived: bool = False
) -> Sequence[PostCategory]:
    query = select(PostCategory).where(PostCategory.branch_id == branch_id)
    if not archived:
        query = query.where(PostCategory.archived_at.is_(None))
    rows = await session.scalars(query.order_by(PostCategory.position, PostCategory.id))
    return rows.all()


async def count_categories(session: AsyncSession, branch_id: int) -> int:
    found = await session.scalar(
        select(func.count()).select_from(PostCategory).where(PostCategory.branch_id == branch_id)
    )
    return int(found or 0)


async def category(session: AsyncSession, category_id: int) -> PostCategory | None:
    return await session.get(PostCategory, category_id)


async def category_named(session: AsyncSession, branch_id: int, name: str) -> PostCategory | None:
    rows = await session.scalars(
        select(PostCategory).where(PostCategory.branch_id == branch_id, PostCategory.name == name)
    )
    return rows.first()


# posts


async def post(session: AsyncSession, post_id: int) -> Post | None:
    return await session.get(Post, post_id, populate_existing=True)


async def post_for_update(session: AsyncSession, post_id: int) -> Post | None:
    """The post row locked until commit: claims of its last place queue here.

    NO KEY UPDATE on PostgreSQL: exclusive between claimers, yet a duty record or claim row
    pointing at the post (a key-share lock) does not wait for it.
    """
    rows = await session.scalars(
        select(Post)
        .where(Post.id == post_id)
        .with_for_update(key_share=True)
        .execution_options(populate_existing=True)
    )
    return rows.first()


async def posts(
    session: AsyncSession,
    branch_id: int,
    term: int,
    *,
    category_id: int | None = None,
    open_only: bool = True,
) -> Sequence[Post]:
    query = select(Post).where(Post.branch_id == branch_id, Post.term == term)
    if category_id is not None:
        query = query.where(Post.category_id == category_id)
    if open_only:
        query = query.where(Post.closed_at.is_(None))
    rows = await session.scalars(query.order_by(Post.name, Post.id))
    return rows.all()


async def taken(session: AsyncSession, post_ids: Collection[int]) -> dict[int, int]:
    """Places held on each post."""
    if not post_ids:
        return {}
    rows = await session.execute(
        select(PostClaim.post_id, func.count())
        .where(PostClaim.post_id.in_(post_ids), PostClaim.released_at.is_(None))
        .group_by(PostClaim.post_id)
    )
    return {int(pid): int(n) for pid, n in rows.all()}


# claims


async def claim(session: AsyncSession, claim_id: int) -> PostClaim | None:
    return await session.get(PostClaim, claim_id, populate_existing=True)


async def claim_for_update(session: AsyncSession, claim_id: int) -> PostClaim | None:
    rows = await session.scalars(
        select(PostClaim)
        .where(PostClaim.id == claim_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return rows.first()


async def holders(session: AsyncSession, post_id: int) -> Sequence[tuple[PostClaim, Member]]:
    rows = await session.execute(
        select(PostClaim, Member)
        .join(Member, Member.id == PostClaim.member_id)
        .where(PostClaim.post_id == post_id, PostClaim.released_at.is_(None))
        .order_by(PostClaim.claimed_at, PostClaim.id)
    )
    return [(c, m) for c, m in rows.all()]


async def claims_of(
    session: AsyncSession, member_id: int, term: int | None = None
) -> Sequence[tuple[PostClaim, Post]]:
    """A member's current claims (of one term when given), with their posts."""
    query = (
        select(PostClaim, Post)
        .join(Post, Post.id == PostClaim.post_id)
        .where(PostClaim.member_id == member_id, PostClaim.released_at.is_(None))
    )
    if term is not None:
        query = query.where(PostClaim.term == term)
    rows = await session.execute(query.order_by(PostClaim.claimed_at, PostClaim.id))
    return [(c, p) for c, p in rows.all()]


async def active_claim(session: AsyncSession, member_id: int, post_id: int) -> PostClaim | None:
    rows = await session.scalars(
        select(PostClaim).where(
            PostClaim.member_id == member_id,
            PostClaim.post_id == post_id,
            PostClaim.released_at.is_(None),
        )
    )
    return rows.first()


async def branch_claims(
    session: AsyncSession, branch_id: int, term: int
) -> Sequence[tuple[PostClaim, Post, Member]]:
    """Every current claim of a branch's term, with post and member (the monthly nudge)."""
    rows = await session.execute(
        select(PostClaim, Post, Member)
        .join(Post, Post.id == PostClaim.post_id)
        .join(Member, Member.id == PostClaim.member_id)
        .where(
            PostClaim.branch_id == branch_id,
            PostClaim.term == term,
            PostClaim.released_at.is_(None),
            Member.status == "active",
        )
        .order_by(PostClaim.id)
    )
    return [(c, p, m) for c, p, m in rows.all()]


async def category_holder_ids(session: AsyncSession, category_id: int, term: int) -> list[int]:
    rows = await session.scalars(
        select(PostClaim.member_id)
        .join(Post, Post.id == PostClaim.post_id)
        .join(Member, Member.id == PostClaim.member_id)
        .where(
            Post.category_id == category_id,
            Post.closed_at.is_(None),
            PostClaim.term == term,
            PostClaim.released_at.is_(None),
            Member.status == "active",
        )
        .distinct()
    )
    return sorted(rows.all())


async def branches_with_claims(session: AsyncSession) -> Sequence[Branch]:
    rows = await session.scalars(
        select(Branch)
        .where(
            Branch.archived_at.is_(None),
            Branch.id.in_(select(PostClaim.branch_id).where(PostClaim.released_at.is_(None))),
        )
        .order_by(Branch.id)
    )
    return rows.all()


# duty records


async def duty(session: AsyncSession, record_id: int) -> DutyRecord | None:
    return await session.get(DutyRecord, record_id, populate_existing=True)


async def duty_for_update(session: AsyncSession, record_id: int) -> DutyRecord | None:
    rows = await session.scalars(
        select(DutyRecord)
        .where(DutyRecord.id == record_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return rows.first()


async def duties_of(session: AsyncSession, member_id: int, limit: int = 10) -> Sequence[DutyRecord]:
    rows = await session.scalars(
        select(DutyRecord)
        .where(DutyRecord.member_id == member_id)
        .order_by(DutyRecord.day.desc(), DutyRecord.id.desc())
        .limit(limit)
    )
    return rows.all()


async def members_with_duty(
    session: AsyncSession, branch_id: int, start: date, end: date
) -> set[int]:
    """Members with a duty (not withdrawn or rejected) on a day in [start, end)."""
    rows = await session.scalars(
        select(DutyRecord.member_id).where(
            DutyRecord.branch_id == branch_id,
            DutyRecord.day >= start,
            DutyRecord.day < end,
            DutyRecord.state.in_(("pending", "confirmed")),
        )
    )
    return set(rows.all())


async def approval(session: AsyncSession, approval_id: int) -> ApprovalRequest | None:
    found = await session.get(ApprovalRequest, approval_id, populate_existing=True)
    return found if found is not None and found.kind == DUTY_KIND else None


async def approval_of_duty(session: AsyncSession, record_id: int) -> ApprovalRequest | None:
    rows = await session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.kind == DUTY_KIND, ApprovalRequest.subject_id == record_id
        )
    )
    return rows.first()


async def secretaries(session: AsyncSession, branch_id: int) -> list[int]:
    rows = await session.scalars(
        select(Member.id)
        .where(Member.branch_id == branch_id, Member.status == "active", Member.role == "secretary")
        .order_by(Member.id)
    )
    return list(rows)


# in-service members reporting (在职党员到社区报到)


async def report(session: AsyncSession, member_id: int) -> CommunityReport | None:
    return await session.get(CommunityReport, member_id)


async def branch_reports(
    session: AsyncSession, branch_id: int
) -> Sequence[tuple[CommunityReport, Member]]:
    rows = await session.execute(
        select(CommunityReport, Member)
        .join(Member, Member.id == CommunityReport.member_id)
        .where(CommunityReport.branch_id == branch_id, Member.status == "active")
        .order_by(CommunityReport.reported_at.desc())
    )
    return [(r, m) for r, m in rows.all()]


async def report_link(
    session: AsyncSession, branch_id: int, kind: str, now: datetime
) -> Invite | None:
    rows = await session.scalars(
        select(Invite)
        .where(
            Invite.branch_id == branch_id,
            Invite.kind == kind,
            Invite.revoked_at.is_(None),
            or_(Invite.expires_at.is_(None), Invite.expires_at > now),
        )
        .order_by(Invite.id.desc())
        .limit(1)
    )
    return rows.first()


async def link_by_token(session: AsyncSession, token: str) -> Invite | None:
    rows = await session.scalars(select(Invite).where(Invite.token == token).limit(1))
    return rows.first()
