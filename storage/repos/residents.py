"""Residents' requests: the public link, requests, blocks, and what they need of others' tables.

Never commits; the services own the transaction. The post catalogue and who holds a post come
from the posts slice's service; here post tables are only read for the taker's own post and
written to file a done request as a duty record.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch, Member
from storage.models.delivery import Notice
from storage.models.members import Invite
from storage.models.posts import DutyRecord, Post, PostCategory, PostClaim
from storage.models.residents import ResidentBlock, ResidentRequest

LINK_KIND = "q"


def _is_pg(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


# --- the branch's public link -------------------------------------------------------------


async def usable_link(session: AsyncSession, branch_id: int, now: datetime) -> Invite | None:
    rows = await session.scalars(
        select(Invite)
        .where(
            Invite.branch_id == branch_id,
            Invite.kind == LINK_KIND,
            Invite.revoked_at.is_(None),
            or_(Invite.expires_at.is_(None), Invite.expires_at > now),
        )
        .order_by(Invite.id.desc())
        .limit(1)
    )
    return rows.first()


async def link_by_token(session: AsyncSession, token: str) -> Invite | None:
    rows = await session.scalars(
        select(Invite).where(Invite.token == token, Invite.kind == LINK_KIND).limit(1)
    )
    return rows.first()


async def add_link(session: AsyncSession, row: Invite) -> Invite:
    session.add(row)
    await session.flush()
    return row


async def revoke_links(session: AsyncSession, branch_id: int, now: datetime) -> int:
    result = await session.execute(
        update(Invite)
        .where(Invite.branch_id == branch_id, Invite.kind == LINK_KIND, Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- branches, categories, members --------------------------------------------------------


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    return await session.get(Branch, branch_id)


async def set_branch_setting(session: AsyncSession, branch_id: int, key: str, value: int) -> None:
    row = await session.get(Branch, branch_id, with_for_update=True)
    if row is not None:
        row.settings = {**(row.settings or {}), key: value}


async def category(session: AsyncSession, category_id: int) -> PostCategory | None:
    return await session.get(PostCategory, category_id)


async def held_post(
    session: AsyncSession, member_id: int, category_id: int, term: int
) -> int | None:
    return await session.scalar(
        select(Post.id)
        .join(PostClaim, PostClaim.post_id == Post.id)
        .where(
            PostClaim.member_id == member_id,
            Post.category_id == category_id,
            Post.term == term,
            Post.closed_at.is_(None),
            PostClaim.released_at.is_(None),
        )
        .limit(1)
    )


async def active_members(session: AsyncSession, branch_id: int) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(Member.id, Member.name)
        .where(Member.branch_id == branch_id, Member.status == "active")
        .order_by(Member.name, Member.id)
        .limit(60)
    )
    return [(int(i), str(n)) for i, n in rows]


async def secretaries(session: AsyncSession, branch_id: int) -> list[int]:
    rows = await session.scalars(
        select(Member.id).where(
            Member.branch_id == branch_id, Member.status == "active", Member.role == "secretary"
        )
    )
    return list(rows)


async def member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


# --- requests -----------------------------------------------------------------------------


async def add_request(session: AsyncSession, row: ResidentRequest) -> ResidentRequest:
    session.add(row)
    await session.flush()
    return row


async def request(
    session: AsyncSession, request_id: int, *, lock: bool = False
) -> ResidentRequest | None:
    return await session.get(
        ResidentRequest, request_id, with_for_update=lock, populate_existing=True
    )


async def counts_of(
    session: AsyncSession, branch_id: int, tg_id: int, since: datetime
) -> tuple[int, int]:
    """(open or taken requests, requests made since `since`) of one resident in a branch."""
    mine = and_(ResidentRequest.branch_id == branch_id, ResidentRequest.resident_tg_id == tg_id)
    open_count = await session.scalar(
        select(func.count())
        .select_from(ResidentRequest)
        .where(mine, ResidentRequest.state.in_(("open", "taken")))
    )
    recent = await session.scalar(
        select(func.count())
        .select_from(ResidentRequest)
        .where(mine, ResidentRequest.created_at >= since)
    )
    return int(open_count or 0), int(recent or 0)


async def requests_of_resident(session: AsyncSession, tg_id: int) -> list[ResidentRequest]:
    rows = await session.scalars(
        select(ResidentRequest)
        .where(ResidentRequest.resident_tg_id == tg_id)
        .order_by(ResidentRequest.id.desc())
        .limit(10)
    )
    return list(rows)


async def taken_by(session: AsyncSession, member_id: int) -> list[ResidentRequest]:
    rows = await session.scalars(
        select(ResidentRequest)
        .where(ResidentRequest.taken_by_member_id == member_id, ResidentRequest.state == "taken")
        .order_by(ResidentRequest.id)
        .limit(20)
    )
    return list(rows)


async def unfinished(session: AsyncSession, branch_id: int) -> list[ResidentRequest]:
    rows = await session.scalars(
        select(ResidentRequest)
        .where(
            ResidentRequest.branch_id == branch_id,
            ResidentRequest.state.in_(("open", "taken")),
        )
        .order_by(ResidentRequest.id)
        .limit(20)
    )
    return list(rows)


async def take(session: AsyncSession, request_id: int, member_id: int, now: datetime) -> bool:
    """One statement checks and takes: of many holders pressing at once exactly one wins."""
    result = await session.execute(
        update(ResidentRequest)
        .where(ResidentRequest.id == request_id, ResidentRequest.state == "open")
        .values(state="taken", taken_by_member_id=member_id, taken_at=now, updated_at=now)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def reassign(
    session: AsyncSession, request_id: int, old_id: int, member_id: int, now: datetime
) -> bool:
    """The secretary hands a taken request to someone else; only if `old_id` still has it."""
    result = await session.execute(
        update(ResidentRequest)
        .where(
            ResidentRequest.id == request_id,
            ResidentRequest.state == "taken",
            ResidentRequest.taken_by_member_id == old_id,
        )
        .values(taken_by_member_id=member_id, taken_at=now, updated_at=now)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def finished(
    session: AsyncSession, branch_id: int, offset: int, limit: int
) -> list[ResidentRequest]:
    """Done and closed requests of the branch, the latest finished first."""
    at = func.coalesce(ResidentRequest.done_at, ResidentRequest.closed_at)
    rows = await session.scalars(
        select(ResidentRequest)
        .where(
            ResidentRequest.branch_id == branch_id,
            ResidentRequest.state.in_(("done", "closed")),
        )
        .order_by(at.desc(), ResidentRequest.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows)


async def category_counts(
    session: AsyncSession, branch_id: int
) -> list[tuple[int | None, str, int, float | None]]:
    """(category id, state, how many, their mean rating) of the branch's kept requests."""
    rows = await session.execute(
        select(
            ResidentRequest.category_id,
            ResidentRequest.state,
            func.count(),
            func.avg(ResidentRequest.rating),
        )
        .where(ResidentRequest.branch_id == branch_id)
        .group_by(ResidentRequest.category_id, ResidentRequest.state)
    )
    return [(c, str(st), int(n), float(avg) if avg is not None else None) for c, st, n, avg in rows]


async def rate(
    session: AsyncSession, request_id: int, tg_id: int, rating: int, now: datetime
) -> bool:
    result = await session.execute(
        update(ResidentRequest)
        .where(
            ResidentRequest.id == request_id,
            ResidentRequest.resident_tg_id == tg_id,
            ResidentRequest.state == "done",
            ResidentRequest.rating.is_(None),
        )
        .values(rating=rating, rated_at=now, updated_at=now)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def comment(
    session: AsyncSession, request_id: int, tg_id: int, text: str, now: datetime
) -> bool:
    result = await session.execute(
        update(ResidentRequest)
        .where(
            ResidentRequest.id == request_id,
            ResidentRequest.resident_tg_id == tg_id,
            ResidentRequest.rating.is_not(None),
            ResidentRequest.rating_comment.is_(None),
        )
        .values(rating_comment=text, updated_at=now)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def add_duty(session: AsyncSession, row: DutyRecord) -> None:
    session.add(row)
    await session.flush()


# --- the job ------------------------------------------------------------------------------


async def unescalated(session: AsyncSession) -> list[tuple[ResidentRequest, dict[str, Any]]]:
    """Open requests nobody escalated yet, with their branch's settings."""
    rows = await session.execute(
        select(ResidentRequest, Branch.settings)
        .join(Branch, Branch.id == ResidentRequest.branch_id)
        .where(ResidentRequest.state == "open", ResidentRequest.escalated_at.is_(None))
        .order_by(ResidentRequest.id)
        .limit(500)
    )
    return [(r, dict(s or {})) for r, s in rows]


async def taken_unfinished(
    session: AsyncSession, before: datetime
) -> list[tuple[ResidentRequest, dict[str, Any]]]:
    """Requests taken before `before` and not done yet, with their branch's settings."""
    rows = await session.execute(
        select(ResidentRequest, Branch.settings)
        .join(Branch, Branch.id == ResidentRequest.branch_id)
        .where(ResidentRequest.state == "taken", ResidentRequest.taken_at <= before)
        .order_by(ResidentRequest.id)
        .limit(500)
    )
    return [(r, dict(s or {})) for r, s in rows]


async def mark_escalated(session: AsyncSession, request_id: int, now: datetime) -> bool:
    """Only the first marker tells the secretary (two job runs at once tell once)."""
    result = await session.execute(
        update(ResidentRequest)
        .where(ResidentRequest.id == request_id, ResidentRequest.escalated_at.is_(None))
        .values(escalated_at=now)
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def finished_before(
    session: AsyncSession, cutoff: datetime
) -> list[tuple[int, datetime | None, datetime | None, dict[str, Any]]]:
    """Done or closed requests finished before the shortest retention any branch may set."""
    finished = func.coalesce(ResidentRequest.done_at, ResidentRequest.closed_at)
    rows = await session.execute(
        select(
            ResidentRequest.id, ResidentRequest.done_at, ResidentRequest.closed_at, Branch.settings
        )
        .join(Branch, Branch.id == ResidentRequest.branch_id)
        .where(ResidentRequest.state.in_(("done", "closed")), finished < cutoff)
        .limit(1000)
    )
    return [(int(i), d, c, dict(s or {})) for i, d, c, s in rows]


async def delete_requests(session: AsyncSession, ids: Sequence[int]) -> int:
    """The requests and the outbox notices that quoted them (text, address, photo): what is
    forgotten must not live on in the outbox. Duty records keep, their request_id set NULL."""
    if not ids:
        return 0
    for request_id in ids:
        await session.execute(
            delete(Notice).where(
                Notice.kind == "residents", Notice.key.like(f"residents:{request_id}:%")
            )
        )
    result = await session.execute(delete(ResidentRequest).where(ResidentRequest.id.in_(ids)))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- blocks -------------------------------------------------------------------------------


async def is_blocked(session: AsyncSession, branch_id: int, tg_id: int) -> bool:
    found = await session.scalar(
        select(ResidentBlock.id).where(
            ResidentBlock.branch_id == branch_id, ResidentBlock.resident_tg_id == tg_id
        )
    )
    return found is not None


async def block(
    session: AsyncSession, branch_id: int, tg_id: int, by_member_id: int, now: datetime
) -> bool:
    """Whether this call added the block (blocking twice adds nothing)."""
    insert = pg_insert if _is_pg(session) else sqlite_insert
    result = await session.execute(
        insert(ResidentBlock)
        .values(
            branch_id=branch_id,
            resident_tg_id=tg_id,
            blocked_by_member_id=by_member_id,
            reason="",
            created_at=now,
            updated_at=now,
        )
        .on_conflict_do_nothing(
            index_elements=[ResidentBlock.branch_id, ResidentBlock.resident_tg_id]
        )
    )
    return int(result.rowcount or 0) == 1  # type: ignore[attr-defined]


async def unblock(session: AsyncSession, branch_id: int, tg_id: int) -> bool:
    result = await session.execute(
        delete(ResidentBlock).where(
            ResidentBlock.branch_id == branch_id, ResidentBlock.resident_tg_id == tg_id
        )
    )
    return int(result.rowcount or 0) > 0  # type: ignore[attr-defined]
