"""A fresh, migrated PostgreSQL database for each multi-process test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import migrate
from storage.db import Database
from tests.conftest import DatabaseFactory


@pytest.fixture
async def pg_url(db_factory: DatabaseFactory) -> AsyncIterator[str]:
    url = await db_factory.new_url("postgresql")
    db = Database(url)
    try:
        await migrate.upgrade(db.engine)
    finally:
        await db.close()
    yield url
