"""Migrations go up, match the models, and come all the way down, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import insert, inspect, text

from storage import migrate
from storage.db import Database
from storage.models import Base
from tests.conftest import BACKENDS, DatabaseFactory


async def _tables(db: Database) -> set[str]:
    async with db.engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


@pytest.mark.parametrize("backend", BACKENDS)
async def test_upgrade_check_downgrade_upgrade(backend: str, db_factory: DatabaseFactory) -> None:
    db = Database(await db_factory.new_url(backend))
    try:
        await migrate.upgrade(db.engine)
        assert set(Base.metadata.tables) <= await _tables(db)
        await migrate.check(db.engine)  # raises if models and migrations disagree
        await migrate.downgrade(db.engine, "base")
        assert await _tables(db) <= {"alembic_version"}
        assert await migrate.current_heads(db.engine) == set()
        await migrate.upgrade(db.engine)
        assert set(Base.metadata.tables) <= await _tables(db)
    finally:
        await db.close()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_stepping_down_keeps_the_rows_of_other_columns(
    backend: str, db_factory: DatabaseFactory
) -> None:
    # A table rebuild on SQLite (foreign keys on) would cascade-delete every child row.
    db = Database(await db_factory.new_url(backend))
    now = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    tables = Base.metadata.tables
    try:
        await migrate.upgrade(db.engine)
        async with db.engine.begin() as conn:

            async def add(table: str, **values: object) -> int:
                stmt = insert(tables[table]).values(**values).returning(tables[table].c.id)
                return int((await conn.execute(stmt)).scalar_one())

            stamps = {"created_at": now}
            branch = await add("branches", name="支部", settings={}, updated_at=now, **stamps)
            member = await add(
                "members",
                branch_id=branch,
                name="党员",
                category="retired",
                updated_at=now,
                **stamps,
            )
            meeting = await add(
                "meetings",
                branch_id=branch,
                type="theme_day",
                title="学习",
                audience="branch",
                starts_at=now,
                announce_at=now,
                updated_at=now,
                **stamps,
            )
            await add(
                "meeting_reminders",
                meeting_id=meeting,
                version=1,
                offset_seconds=3600,
                status="sent",
                send_at=now,
                recorded_at=now,
            )
            await add(
                "meeting_attendance",
                meeting_id=meeting,
                member_id=member,
                state="present",
                updated_at=now,
                **stamps,
            )
            notice = await add(
                "notices", branch_id=branch, kind="broadcast", key="k", updated_at=now, **stamps
            )
            await add("deliveries", notice_id=notice, member_id=member, **stamps)
        counted = ("meetings", "meeting_reminders", "meeting_attendance", "deliveries")
        await migrate.downgrade(db.engine, "0004_meetings")
        async with db.engine.connect() as conn:
            for table in counted:
                found = await conn.scalar(text(f"SELECT count(*) FROM {table}"))
                assert found == 1, table
        await migrate.upgrade(db.engine)
    finally:
        await db.close()
