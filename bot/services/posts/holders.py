"""The secretary assigns a post to a member, moves a place to someone else, or removes a holder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.posts.rules import ClaimError, EndReason
from bot.services.identity import Actor
from bot.services.posts.catalog import PostView, post_view
from bot.services.posts.claims import end_claim, take_place
from bot.services.posts.common import Refusal, Refused, audit, manager, term_of
from bot.services.posts.telling import tell_holders
from storage.models.posts import PostClaim
from storage.repos import posts as repo


@dataclass(frozen=True)
class HolderView:
    claim_id: int
    member_id: int
    name: str
    assigned: bool


@dataclass(frozen=True)
class Candidate:
    member_id: int
    name: str
    held: int


@dataclass(frozen=True)
class Holders:
    post: PostView
    holders: tuple[HolderView, ...]


async def holders(session: AsyncSession, actor: Actor, post_id: int) -> Holders | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.post(session, post_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    found = tuple(
        HolderView(c.id, m.id, m.name, c.assigned_by_member_id is not None)
        for c, m in await repo.holders(session, row.id)
    )
    return Holders(await post_view(session, row), found)


async def candidates(
    session: AsyncSession, actor: Actor, post_id: int, now: datetime
) -> tuple[PostView, list[Candidate]] | Refused:
    """Active members of the branch not holding the post, with how many posts they hold."""
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.post(session, post_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    term = term_of(me.branch_tz, now)
    holding = {c.member_id for c, _m in await repo.holders(session, row.id)}
    found = []
    for m in await repo.active_members(session, me.branch_id):
        if m.id not in holding:
            found.append(Candidate(m.id, m.name, len(await repo.claims_of(session, m.id, term))))
    return await post_view(session, row), found


async def move_candidates(
    session: AsyncSession, actor: Actor, claim_id: int, now: datetime
) -> tuple[PostView, list[Candidate]] | Refused:
    """Whom a holder's place may go to: the claim's post's candidates."""
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.claim(session, claim_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if row.released_at is not None:
        return Refused(Refusal.STALE)
    return await candidates(session, actor, row.post_id, now)


def _claim_refusal(error: ClaimError) -> Refused:
    return Refused(Refusal(error.value))


async def assign(
    session: AsyncSession, actor: Actor, post_id: int, member_id: int, now: datetime
) -> PostView | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    target = await repo.member(session, member_id)
    if target is None or target.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if target.status != "active":
        return Refused(Refusal.NOT_ACTIVE)
    result = await take_place(
        session,
        member_id=member_id,
        post_id=post_id,
        branch_id=me.branch_id,
        term=term_of(me.branch_tz, now),
        now=now,
        assigned_by=me.member_id,
    )
    if result is None:
        return Refused(Refusal.NOT_FOUND)
    if isinstance(result, ClaimError):
        return _claim_refusal(result)
    post = await repo.post(session, post_id)
    assert post is not None
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="holder.assign",
        target="post_claim",
        target_id=result.id,
        after={"post_id": post_id, "member_id": member_id},
        now=now,
    )
    await tell_holders(session, post, [member_id], "assigned", now)
    return await post_view(session, post)


async def _own_claim(
    session: AsyncSession, actor: Actor, claim_id: int
) -> tuple[PostClaim, int] | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    # The claim row is locked (not the post): a reassignment then locks member and post in
    # the order a member's own claim does, so the two never wait for each other.
    row = await repo.claim_for_update(session, claim_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if row.released_at is not None:
        return Refused(Refusal.STALE)
    return row, me.member_id


async def remove(
    session: AsyncSession, actor: Actor, claim_id: int, now: datetime
) -> PostView | Refused:
    found = await _own_claim(session, actor, claim_id)
    if isinstance(found, Refused):
        return found
    row, _me = found
    end_claim(row, EndReason.REMOVED, now)
    await session.flush()
    post = await repo.post(session, row.post_id)
    assert post is not None
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="holder.remove",
        target="post_claim",
        target_id=row.id,
        before={"post_id": row.post_id, "member_id": row.member_id},
        now=now,
    )
    await tell_holders(session, post, [row.member_id], "removed", now)
    return await post_view(session, post)


async def reassign(
    session: AsyncSession, actor: Actor, claim_id: int, member_id: int, now: datetime
) -> PostView | Refused:
    """Give one holder's place to another member in one step; nothing changes on a refusal."""
    found = await _own_claim(session, actor, claim_id)
    if isinstance(found, Refused):
        return found
    row, me_id = found
    target = await repo.member(session, member_id)
    if target is None or target.branch_id != row.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if target.status != "active":
        return Refused(Refusal.NOT_ACTIVE)
    end_claim(row, EndReason.REASSIGNED, now)
    await session.flush()
    result = await take_place(
        session,
        member_id=member_id,
        post_id=row.post_id,
        branch_id=row.branch_id,
        term=row.term,
        now=now,
        assigned_by=me_id,
    )
    if result is None or isinstance(result, ClaimError):
        # Put the old holder back: the refusal changes nothing.
        row.released_at, row.end_reason = None, None
        await session.flush()
        return Refused(Refusal.NOT_FOUND) if result is None else _claim_refusal(result)
    post = await repo.post(session, row.post_id)
    assert post is not None
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="holder.reassign",
        target="post_claim",
        target_id=result.id,
        before={"member_id": row.member_id, "claim_id": row.id},
        after={"member_id": member_id},
        now=now,
    )
    await tell_holders(session, post, [row.member_id], "reassigned", now)
    await tell_holders(session, post, [member_id], "assigned", now)
    return await post_view(session, post)
