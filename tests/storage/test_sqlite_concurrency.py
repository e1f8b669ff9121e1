"""SQLite under 100 concurrent read-then-write transactions: no lock errors, no lost writes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select

from storage import migrate
from storage.db import Database
from storage.models.core import AppState, AuditEntry
from tests.conftest import DatabaseFactory


async def test_hundred_concurrent_writers_no_lock_errors_no_lost_updates(
    db_factory: DatabaseFactory,
) -> None:
    db = Database(await db_factory.new_url("sqlite"))
    await migrate.upgrade(db.engine)
    async with db.transaction() as s:
        s.add(AppState(key="counter", value="0"))

    async def writer(i: int) -> None:
        # Read, think (yield to the loop so others interleave), then write: the pattern that
        # deadlocks or loses updates with a deferred BEGIN.
        async with db.transaction() as s:
            row = await s.get(AppState, "counter")
            assert row is not None
            current = int(row.value)
            await asyncio.sleep(0)
            row.value = str(current + 1)
            exists = await s.scalar(
                select(func.count()).select_from(AuditEntry).where(AuditEntry.target_id == i % 10)
            )
            if not exists:
                s.add(
                    AuditEntry(
                        action="once", target="slot", target_id=i % 10, created_at=datetime.now(UTC)
                    )
                )

    results = await asyncio.gather(*(writer(i) for i in range(100)), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    try:
        assert errors == []
        async with db.transaction() as s:
            row = await s.get(AppState, "counter")
            assert row is not None and row.value == "100"
            slots = await s.scalar(select(func.count()).select_from(AuditEntry))
            assert slots == 10  # each of the ten "insert if absent" happened exactly once
    finally:
        await db.close()
