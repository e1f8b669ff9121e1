"""The roster list an officer drew last (filters and page), kept per person. Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.members import MemberListView


async def list_view(session: AsyncSession, user_id: int) -> MemberListView | None:
    return await session.get(MemberListView, user_id, populate_existing=True)


async def save_list_view(
    session: AsyncSession, user_id: int, query: dict[str, Any], now: datetime
) -> None:
    values = {"query": query, "updated_at": now}
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(MemberListView)
        .values(user_id=user_id, **values)
        .on_conflict_do_update(index_elements=["user_id"], set_=values)
    )
