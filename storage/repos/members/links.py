"""Invite, secretary and binding links: made, found by token, used up, revoked. Never commits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.members import Invite


async def add_invite(session: AsyncSession, row: Invite) -> Invite:
    session.add(row)
    await session.flush()
    return row


async def invite(session: AsyncSession, invite_id: int) -> Invite | None:
    return await session.get(Invite, invite_id, populate_existing=True)


async def invite_by_token(session: AsyncSession, token: str) -> Invite | None:
    rows = await session.scalars(select(Invite).where(Invite.token == token).limit(1))
    return rows.first()


async def consume_invite(session: AsyncSession, invite_id: int, now: datetime) -> bool:
    """Count one use if the link is still usable; the check and the count are one statement."""
    result = await session.execute(
        update(Invite)
        .where(
            Invite.id == invite_id,
            Invite.revoked_at.is_(None),
            or_(Invite.expires_at.is_(None), Invite.expires_at > now),
            or_(Invite.max_uses.is_(None), Invite.used < Invite.max_uses),
        )
        .values(used=Invite.used + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def usable_invites(
    session: AsyncSession, branch_id: int, kind: str, now: datetime, *, label: str | None = None
) -> list[Invite]:
    """Unrevoked, unexpired, not used-up links of a kind, newest first."""
    conditions = [
        Invite.branch_id == branch_id,
        Invite.kind == kind,
        Invite.revoked_at.is_(None),
        or_(Invite.expires_at.is_(None), Invite.expires_at > now),
        or_(Invite.max_uses.is_(None), Invite.used < Invite.max_uses),
    ]
    conditions.append(Invite.label.is_(None) if label is None else Invite.label == label)
    rows = await session.scalars(
        select(Invite).where(*conditions).order_by(Invite.id.desc()).limit(20)
    )
    return list(rows)


async def member_links(session: AsyncSession, member_ids: Collection[int]) -> list[Invite]:
    """Binding links of these records, newest first."""
    if not member_ids:
        return []
    rows = await session.scalars(
        select(Invite)
        .where(Invite.member_id.in_(tuple(member_ids)), Invite.kind == "b")
        .order_by(Invite.id.desc())
    )
    return list(rows)


async def revoke_member_links(session: AsyncSession, member_id: int, now: datetime) -> None:
    await session.execute(
        update(Invite)
        .where(Invite.member_id == member_id, Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )
