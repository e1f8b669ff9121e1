"""Upkeep and health figures for running several processes (one transaction each)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.db import Database
from storage.repos import roles as repo


@dataclass(frozen=True)
class Health:
    database_ok: bool
    error: str | None = None
    queued: int | None = None
    lag_s: float | None = None
    lock_holder: str | None = None


async def take_update(db: Database, bot_id: int, update_id: int, now: datetime) -> bool:
    """True if this process is the first to take the update (one effect per update_id)."""
    async with db.transaction() as session:
        return await repo.take_update(session, bot_id, update_id, now)


async def prune(db: Database, now: datetime) -> tuple[int, int]:
    """(handled update ids forgotten, shared budget rows dropped)."""
    async with db.transaction() as session:
        handled = await repo.prune_handled(session, now)
        budget = 0 if db.is_sqlite else await repo.prune_budget(session)
    return handled, budget


async def health(db: Database, now: datetime, lock_keys: tuple[int, int] | None) -> Health:
    """Database reachable, outbox size and lag, and who holds the worker lock (PostgreSQL)."""
    try:
        async with db.read() as session:
            queued, lag = await repo.outbox_figures(session, now)
            holder = (
                await repo.advisory_lock_holder(session, *lock_keys)
                if lock_keys is not None and not db.is_sqlite
                else None
            )
    except Exception as exc:
        return Health(False, error=type(exc).__name__)
    return Health(True, queued=queued, lag_s=lag, lock_holder=holder)
