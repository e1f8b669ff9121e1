"""Branches and their party groups: found, added, linked to their group chats. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch, PartyGroup


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    found = await session.get(Branch, branch_id)
    return found if found is not None and found.archived_at is None else None


async def branch_by_name(session: AsyncSession, name: str) -> Branch | None:
    rows = await session.scalars(
        select(Branch).where(Branch.name == name, Branch.archived_at.is_(None)).limit(1)
    )
    return rows.first()


async def branch_by_chat(session: AsyncSession, chat_id: int) -> Branch | None:
    rows = await session.scalars(select(Branch).where(Branch.group_chat_id == chat_id).limit(1))
    return rows.first()


async def add_branch(
    session: AsyncSession, name: str, parent_id: int | None, timezone: str, now: datetime
) -> Branch:
    row = Branch(
        name=name,
        parent_id=parent_id,
        timezone=timezone,
        settings={},
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def add_groups(
    session: AsyncSession, branch_id: int, names: Sequence[str], now: datetime
) -> list[PartyGroup]:
    rows = [
        PartyGroup(branch_id=branch_id, name=n, position=i, created_at=now, updated_at=now)
        for i, n in enumerate(names)
    ]
    session.add_all(rows)
    await session.flush()
    return rows


async def groups(session: AsyncSession, branch_id: int) -> list[PartyGroup]:
    rows = await session.scalars(
        select(PartyGroup)
        .where(PartyGroup.branch_id == branch_id)
        .order_by(PartyGroup.position, PartyGroup.id)
    )
    return list(rows)


async def group_in_branch(
    session: AsyncSession, branch_id: int, group_id: int
) -> PartyGroup | None:
    found = await session.get(PartyGroup, group_id)
    return found if found is not None and found.branch_id == branch_id else None


async def set_group_chat(session: AsyncSession, branch_id: int, chat_id: int | None) -> None:
    await session.execute(
        update(Branch).where(Branch.id == branch_id).values(group_chat_id=chat_id)
    )


async def move_group_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> int:
    """Follow a group that became a supergroup; returns how many branches were updated."""
    result = await session.execute(
        update(Branch).where(Branch.group_chat_id == old_chat_id).values(group_chat_id=new_chat_id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
