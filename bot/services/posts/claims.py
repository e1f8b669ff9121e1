"""Members browse the catalogue, claim a place with one tap and let it go again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.posts.rules import ClaimError, EndReason, check_claim, claim_limit
from bot.services.identity import Actor, Membership
from bot.services.posts.catalog import (
    CategoryView,
    PostView,
    categories,
    category_view,
    post_view,
    post_views,
)
from bot.services.posts.common import (
    Refusal,
    Refused,
    local_today,
    may_manage,
    me_in,
    term_of,
)
from bot.services.posts.telling import tell_room
from storage.models.posts import PostClaim
from storage.repos import posts as repo


@dataclass(frozen=True)
class Held:
    claim_id: int
    post: PostView
    claimed_on: date
    assigned: bool


@dataclass(frozen=True)
class CategoryLine:
    category: CategoryView
    posts: int
    free: int


@dataclass(frozen=True)
class Home:
    term: int
    limit: int
    held: tuple[Held, ...]
    lines: tuple[CategoryLine, ...]
    manager: bool


@dataclass(frozen=True)
class Detail:
    post: PostView
    holds: bool
    claimed_on: date | None


@dataclass(frozen=True)
class Claimed:
    post: PostView
    held: int
    limit: int


@dataclass(frozen=True)
class NotClaimed:
    refused: Refused
    similar: tuple[PostView, ...] = field(default=())


async def _held(session: AsyncSession, me: Membership, term: int) -> tuple[Held, ...]:
    pairs = await repo.claims_of(session, me.member_id, term)
    views = await post_views(session, [p for _c, p in pairs])
    return tuple(
        Held(c.id, v, local_today(me.branch_tz, c.claimed_at), c.assigned_by_member_id is not None)
        for (c, _p), v in zip(pairs, views, strict=True)
    )


async def home(session: AsyncSession, actor: Actor, now: datetime) -> Home | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    term = term_of(me.branch_tz, now)
    branch = await repo.branch(session, me.branch_id)
    cats = await categories(session, me.branch_id, now=now)
    views = await post_views(session, list(await repo.posts(session, me.branch_id, term)))
    lines = tuple(
        CategoryLine(
            c,
            sum(1 for v in views if v.category_id == c.id),
            sum(v.free for v in views if v.category_id == c.id),
        )
        for c in cats
    )
    return Home(
        term=term,
        limit=claim_limit(branch.settings if branch else None),
        held=await _held(session, me, term),
        lines=lines,
        manager=may_manage(me),
    )


async def category_posts(
    session: AsyncSession, actor: Actor, category_id: int, now: datetime
) -> tuple[CategoryView, list[PostView]] | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    cat = await repo.category(session, category_id)
    if cat is None or cat.branch_id != me.branch_id or cat.archived_at is not None:
        return Refused(Refusal.NOT_FOUND)
    term = term_of(me.branch_tz, now)
    rows = list(await repo.posts(session, me.branch_id, term, category_id=cat.id))
    return category_view(cat), await post_views(session, rows)


async def detail(
    session: AsyncSession, actor: Actor, post_id: int, now: datetime
) -> Detail | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.post(session, post_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    mine = await repo.active_claim(session, me.member_id, row.id)
    return Detail(
        await post_view(session, row),
        mine is not None,
        local_today(me.branch_tz, mine.claimed_at) if mine else None,
    )


async def similar(
    session: AsyncSession, branch_id: int, category_id: int, term: int, exclude: int
) -> tuple[PostView, ...]:
    """Open posts of the same category with a free place (offered when one is full)."""
    rows = [
        p
        for p in await repo.posts(session, branch_id, term, category_id=category_id)
        if p.id != exclude
    ]
    return tuple(v for v in await post_views(session, rows) if v.free > 0)[:5]


async def take_place(
    session: AsyncSession,
    *,
    member_id: int,
    post_id: int,
    branch_id: int,
    term: int,
    now: datetime,
    assigned_by: int | None = None,
) -> PostClaim | ClaimError | None:
    """The checked claim, under the locks: the member row, then the post row (always in that
    order, so two claims never wait for each other). None: no such post in the branch."""
    member = await repo.member_for_update(session, member_id)
    post = await repo.post_for_update(session, post_id)
    if member is None or post is None or post.branch_id != branch_id:
        return None
    branch = await repo.branch(session, branch_id)
    held = await repo.claims_of(session, member_id, term)
    taken = (await repo.taken(session, [post.id])).get(post.id, 0)
    error = check_claim(
        closed=post.closed_at is not None,
        post_term=post.term,
        term=term,
        capacity=post.capacity,
        taken=taken,
        held_this_term=len(held),
        limit=claim_limit(branch.settings if branch else None),
        holds_it=any(p.id == post.id for _c, p in held),
    )
    if error is not None:
        return error
    row = PostClaim(
        branch_id=branch_id,
        post_id=post.id,
        member_id=member_id,
        term=term,
        claimed_at=now,
        assigned_by_member_id=assigned_by,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await session.flush()
    return row


async def claim(
    session: AsyncSession, actor: Actor, post_id: int, now: datetime
) -> Claimed | NotClaimed:
    me = me_in(actor)
    if isinstance(me, Refused):
        return NotClaimed(me)
    term = term_of(me.branch_tz, now)
    result = await take_place(
        session,
        member_id=me.member_id,
        post_id=post_id,
        branch_id=me.branch_id,
        term=term,
        now=now,
    )
    if result is None:
        return NotClaimed(Refused(Refusal.NOT_FOUND))
    post = await repo.post(session, post_id)
    assert post is not None
    if isinstance(result, ClaimError):
        offer: tuple[PostView, ...] = ()
        if result in (ClaimError.FULL, ClaimError.CLOSED):
            offer = await similar(session, me.branch_id, post.category_id, term, post.id)
        return NotClaimed(Refused(Refusal(result.value)), offer)
    branch = await repo.branch(session, me.branch_id)
    held = await repo.claims_of(session, me.member_id, term)
    return Claimed(
        await post_view(session, post), len(held), claim_limit(branch.settings if branch else None)
    )


def end_claim(row: PostClaim, reason: EndReason, now: datetime) -> None:
    row.released_at = now
    row.end_reason = reason.value
    row.updated_at = now


async def release(
    session: AsyncSession, actor: Actor, post_id: int, now: datetime
) -> PostView | Refused:
    """The member lets their own place on the post go; someone else's is never theirs to free."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    post = await repo.post_for_update(session, post_id)
    if post is None or post.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    mine = await repo.active_claim(session, me.member_id, post.id)
    if mine is None:
        return Refused(Refusal.NOT_YOURS)
    end_claim(mine, EndReason.RELEASED, now)
    await session.flush()
    return await post_view(session, post)


async def free_posts_of(session: AsyncSession, member_id: int, now: datetime) -> int:
    """A member who left the branch holds no post any more (members service hook); the
    secretary learns which posts have room now."""
    freed = []
    for c, post in await repo.claims_of(session, member_id):
        end_claim(c, EndReason.LEFT, now)
        freed.append(post)
    if freed:
        await session.flush()
        await tell_room(session, member_id, freed, now)
    return len(freed)
