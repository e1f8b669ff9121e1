"""Meetings queries: the members a meeting concerns; never commits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Member
from storage.repos.meetings._common import ACTIVE


async def active_members(
    session: AsyncSession,
    branch_id: int,
    *,
    group_id: int | None = None,
    roles: Iterable[str] | None = None,
    category: str | None = None,
) -> Sequence[Member]:
    conditions = [Member.branch_id == branch_id, Member.status == ACTIVE]
    if group_id is not None:
        conditions.append(Member.group_id == group_id)
    if roles is not None:
        conditions.append(Member.role.in_(list(roles)))
    if category is not None:
        conditions.append(Member.category == category)
    rows = await session.scalars(select(Member).where(*conditions).order_by(Member.id))
    return rows.all()


async def get_member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def officers(session: AsyncSession, branch_id: int) -> list[tuple[int, str, int | None]]:
    """(id, role, group id) of the branch's active members who hold any role above member."""
    rows = await session.execute(
        select(Member.id, Member.role, Member.group_id)
        .where(Member.branch_id == branch_id, Member.status == ACTIVE, Member.role != "member")
        .order_by(Member.id)
    )
    return [(i, r, g) for i, r, g in rows]
