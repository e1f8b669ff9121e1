"""Migrations go up, match the models, and come all the way down, on every backend."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

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
