"""Storage tests run each on a private, migrated database of every backend."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from storage import migrate
from storage.db import Database
from tests.conftest import BACKENDS, DatabaseFactory


@pytest.fixture(params=BACKENDS)
async def fresh(
    request: pytest.FixtureRequest, db_factory: DatabaseFactory
) -> AsyncIterator[Database]:
    database = Database(await db_factory.new_url(request.param))
    await migrate.upgrade(database.engine)
    yield database
    await database.close()
