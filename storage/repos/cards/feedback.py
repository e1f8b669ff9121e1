"""Residents' feedback on members: the entries, the ratings, and the one-use feedback links.
Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.cards import FeedbackEntry, FeedbackLink
from storage.models.residents import ResidentRequest


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
