"""SQL for running several processes: handled update ids, the shared send budget, health."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from storage.models.delivery import Delivery
from storage.models.roles import HandledUpdate, SendBudget

# Telegram keeps an unconfirmed update for 24 h; a retry can come no later than that.
HANDLED_KEPT = timedelta(hours=25)


async def take_update(session: AsyncSession, bot_id: int, update_id: int, now: datetime) -> bool:
    """Record that this process handles the update; False if some process already took it."""
    dialect = session.bind.dialect.name if session.bind is not None else "postgresql"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    stmt = (
        insert(HandledUpdate)
        .values(bot_id=bot_id, update_id=update_id, handled_at=now)
        .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
        .returning(HandledUpdate.update_id)
    )
    return (await session.execute(stmt)).first() is not None


async def prune_handled(session: AsyncSession, now: datetime) -> int:
    """Forget update ids older than Telegram could deliver again."""
    result = await session.execute(
        delete(HandledUpdate).where(HandledUpdate.handled_at < now - HANDLED_KEPT)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def send_slot(
    conn: AsyncConnection,
    bot: str,
    chat: str | None,
    *,
    chat_gap: float,
    bulk: bool,
    gap: float,
    bulk_gap: float,
    window_max: int = 0,
    window: float = 0.0,
) -> float:
    """Book the next shared slot (PostgreSQL function partybot_send_slot, migration 0025):
    seconds to wait for it, or minus the seconds the chat is still busy (book again then).
    With `window_max`, the chat also takes at most that many messages in any `window` s."""
    value = await conn.scalar(
        text(
            "SELECT partybot_send_slot(:bot, :chat, :chat_gap, :bulk, :gap, :bulk_gap,"
            " :window_max, :window)"
        ),
        {
            "bot": bot,
            "chat": chat,
            "chat_gap": chat_gap,
            "bulk": bulk,
            "gap": gap,
            "bulk_gap": bulk_gap,
            "window_max": window_max,
            "window": window,
        },
    )
    return float(value or 0.0)


async def hold_budget(conn: AsyncConnection, key: str, seconds: float) -> None:
    """Nothing of this key goes for `seconds` (a 429 seen by one process holds them all)."""
    now = func.extract("epoch", func.clock_timestamp())
    stmt = pg_insert(SendBudget).values(key=key, next_at=now + seconds)
    await conn.execute(
        stmt.on_conflict_do_update(
            index_elements=["key"],
            set_={"next_at": func.greatest(SendBudget.next_at, stmt.excluded.next_at)},
        )
    )


async def prune_budget(session: AsyncSession) -> int:
    """Drop chat rows whose slot is long past (the bot and bulk rows stay)."""
    now = func.extract("epoch", func.clock_timestamp())
    result = await session.execute(
        delete(SendBudget).where(SendBudget.key.like("c:%"), SendBudget.next_at < now - 60)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def outbox_figures(session: AsyncSession, now: datetime) -> tuple[int, float | None]:
    """(queued deliveries, age in seconds of the oldest one that is due, None if none is)."""
    queued = await session.scalar(select(func.count()).where(Delivery.state == "queued"))
    oldest = await session.scalar(
        select(func.min(Delivery.next_attempt_at)).where(
            Delivery.state == "queued", Delivery.next_attempt_at <= now
        )
    )
    lag = (now - oldest).total_seconds() if oldest is not None else None
    return int(queued or 0), lag


async def advisory_lock_holder(session: AsyncSession, key1: int, key2: int) -> str | None:
    """application_name of the session holding the two-key advisory lock (PostgreSQL)."""
    row = (
        await session.execute(
            text(
                "SELECT a.application_name, a.pid FROM pg_locks l "
                "JOIN pg_stat_activity a ON a.pid = l.pid "
                "WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
                "AND l.classid = CAST(:k1 AS oid) AND l.objid = CAST(:k2 AS oid)"
            ),
            {"k1": key1, "k2": key2},
        )
    ).first()
    if row is None:
        return None
    return f"{row[0]} (backend pid {row[1]})"
