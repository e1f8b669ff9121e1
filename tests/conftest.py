"""Shared fixtures: a migrated database per backend per session, a fresh one per need."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest

from storage import migrate
from storage.db import Database

PG_ADMIN_DSN = os.environ.get("TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")


def _pg_reachable() -> bool:
    async def probe() -> bool:
        try:
            conn = await asyncpg.connect(PG_ADMIN_DSN, timeout=3)
        except (OSError, asyncpg.PostgresError, TimeoutError):
            return False
        await conn.close()
        return True

    return asyncio.run(probe())


_PG = _pg_reachable()
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("REQUIRE_POSTGRES") and not _PG:
        raise pytest.UsageError("REQUIRE_POSTGRES is set but PostgreSQL is not reachable")
    skip = pytest.mark.skip(reason="PostgreSQL is not reachable at " + PG_ADMIN_DSN)
    for item in items:
        if not _PG and "postgresql" in item.keywords:
            item.add_marker(skip)


class DatabaseFactory:
    """Makes empty databases (SQLite files or PostgreSQL databases) and drops them at the end."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.pg_names: list[str] = []

    async def new_url(self, backend: str) -> str:
        name = f"partybot_test_{uuid.uuid4().hex[:12]}"
        if backend == "sqlite":
            return f"sqlite+aiosqlite:///{self.tmp / name}.sqlite3"

        conn = await asyncpg.connect(PG_ADMIN_DSN)
        try:
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        self.pg_names.append(name)
        base = PG_ADMIN_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
        return f"{base}/{name}"

    def drop_all(self) -> None:
        async def drop() -> None:
            conn = await asyncpg.connect(PG_ADMIN_DSN)
            try:
                for name in self.pg_names:
                    await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            finally:
                await conn.close()

        if self.pg_names:
            asyncio.run(drop())


@pytest.fixture(scope="session")
def db_factory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DatabaseFactory]:
    factory = DatabaseFactory(tmp_path_factory.mktemp("db"))
    yield factory
    factory.drop_all()


@pytest.fixture(scope="session", params=BACKENDS)
def db_url(request: pytest.FixtureRequest, db_factory: DatabaseFactory) -> str:
    """A migrated database shared by a whole session; tests isolate by making their own data."""

    async def up() -> str:
        url = await db_factory.new_url(request.param)
        db = Database(url)
        try:
            await migrate.upgrade(db.engine)
        finally:
            await db.close()
        return url

    return asyncio.run(up())


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    yield database
    await database.close()
