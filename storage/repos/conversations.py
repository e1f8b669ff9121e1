"""Conversation state rows; never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.conversations import Conversation


async def get(session: AsyncSession, user_id: int, chat_id: int) -> Conversation | None:
    return await session.get(Conversation, (user_id, chat_id), populate_existing=True)


async def upsert(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    flow: str,
    step: str,
    data: dict[str, Any],
    message_id: int | None,
    expires_at: datetime,
    now: datetime,
) -> None:
    values = {
        "flow": flow,
        "step": step,
        "data": data,
        "message_id": message_id,
        "expires_at": expires_at,
        "updated_at": now,
    }
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(Conversation)
        .values(user_id=user_id, chat_id=chat_id, **values)
        .on_conflict_do_update(index_elements=["user_id", "chat_id"], set_=values)
    )


async def remove(session: AsyncSession, user_id: int, chat_id: int, flow: str | None) -> int:
    query = delete(Conversation).where(
        Conversation.user_id == user_id, Conversation.chat_id == chat_id
    )
    if flow is not None:
        query = query.where(Conversation.flow == flow)
    result = await session.execute(query)
    return int(getattr(result, "rowcount", 0) or 0)


async def remove_expired(session: AsyncSession, now: datetime) -> int:
    result = await session.execute(delete(Conversation).where(Conversation.expires_at <= now))
    return int(getattr(result, "rowcount", 0) or 0)
