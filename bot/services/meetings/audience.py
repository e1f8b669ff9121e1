"""Who a meeting's audience is, resolved on the server from the roster every time."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience, AudienceKind
from bot.services.meetings.access import COMMITTEE_ROLES, in_audience
from storage.models.core import Member, PartyGroup
from storage.repos import meetings as repo


async def audience_members(
    session: AsyncSession, branch_id: int, audience: str
) -> Sequence[Member]:
    """Active members of the branch invited by `audience` (ordered by id)."""
    parsed = Audience.from_string(audience)
    if parsed.kind is AudienceKind.GROUP:
        rows = await repo.active_members(session, branch_id, group_id=parsed.group_id)
    elif parsed.kind is AudienceKind.COMMITTEE:
        rows = await repo.active_members(session, branch_id, roles=COMMITTEE_ROLES)
    elif parsed.kind is AudienceKind.CATEGORY:
        rows = await repo.active_members(session, branch_id, category=parsed.category)
    else:
        rows = await repo.active_members(session, branch_id)
    return [
        m
        for m in rows
        if in_audience(parsed, category=m.category, role=m.role, group_id=m.group_id)
    ]


async def audience_ids(session: AsyncSession, branch_id: int, audience: str) -> list[int]:
    return [m.id for m in await audience_members(session, branch_id, audience)]


async def group_names(session: AsyncSession, branch_id: int) -> dict[int, str]:
    rows = await session.execute(
        select(PartyGroup.id, PartyGroup.name)
        .where(PartyGroup.branch_id == branch_id)
        .order_by(PartyGroup.position, PartyGroup.id)
    )
    return {gid: name for gid, name in rows}


async def secretary_ids(session: AsyncSession, branch_id: int) -> list[int]:
    return [m.id for m in await repo.active_members(session, branch_id, roles=("secretary",))]
