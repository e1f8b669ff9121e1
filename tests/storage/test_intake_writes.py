"""Updates that change nothing write nothing; SQLite writers queue in the application."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event

from bot.devtools.world import World
from bot.services.identity import load_actor
from storage import migrate
from storage.db import Database, ReadOnlyTransactionError, statements_run
from storage.models.core import AppState
from storage.repos import core as core_repo
from storage.repos.core import TgUser
from tests.conftest import DatabaseFactory

_ids = itertools.count(61_000_000)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _writes(db: Database) -> list[str]:
    """Every statement that is not a read, as it reaches the driver."""
    seen: list[str] = []

    @event.listens_for(db.engine.sync_engine, "before_cursor_execute")
    def _record(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if not statement.lstrip().upper().startswith(("SELECT", "BEGIN", "COMMIT", "PRAGMA")):
            seen.append(statement)

    return seen


async def _press(db: Database, tg_id: int, name: str = "张三", username: str | None = "zs") -> None:
    async with db.unit() as session:
        await load_actor(
            session,
            tg_id=tg_id,
            first_name=name,
            username=username,
            private_chat=True,
            operators=frozenset(),
            default_lang="zh",
            now=NOW,
        )


async def test_a_second_press_by_an_unchanged_person_writes_nothing(fresh: Database) -> None:
    tg_id = next(_ids)
    await _press(fresh, tg_id)  # the first ever: the account row is created
    async with fresh.transaction() as session:  # names are kept once a notice is accepted
        await core_repo.accept_privacy(session, tg_id, "张三", NOW)
    await _press(fresh, tg_id)  # the username, known from the next update on
    writes = _writes(fresh)
    async with fresh.unit() as session:
        actor = await load_actor(
            session,
            tg_id=tg_id,
            first_name="张三",
            username="zs",
            private_chat=True,
            operators=frozenset(),
            default_lang="zh",
            now=NOW,
        )
        assert actor.first_name == "张三"
        if fresh.is_sqlite:
            assert statements_run(session) is not None
            assert statements_run(session)[1] is False  # type: ignore[index]  # no write lock
            assert not fresh.write_lock.locked()
    assert writes == []
    # A changed name is written (once), and only then.
    await _press(fresh, tg_id, name="张三丰")
    assert len(writes) == 1 and writes[0].lstrip().upper().startswith("UPDATE")
    async with fresh.read() as session:
        user = await session.get(TgUser, tg_id)
        assert user is not None and user.first_name == "张三丰" and user.started_at is not None


async def test_a_press_that_changes_nothing_does_not_wait_for_a_writer(fresh: Database) -> None:
    tg_id = next(_ids)
    await _press(fresh, tg_id)
    writer_in = asyncio.Event()
    release = asyncio.Event()

    async def long_writer() -> None:
        async with fresh.transaction() as session:
            session.add(AppState(key=f"busy-{tg_id}", value="1"))
            await session.flush()
            writer_in.set()
            await release.wait()

    task = asyncio.create_task(long_writer())
    await writer_in.wait()
    try:
        await asyncio.wait_for(_press(fresh, tg_id), 10)
    finally:
        release.set()
        await task


async def test_read_refuses_to_write_on_sqlite(db_factory: DatabaseFactory) -> None:
    db = Database(await db_factory.new_url("sqlite"))
    await migrate.upgrade(db.engine)
    try:
        with pytest.raises(ReadOnlyTransactionError):
            async with db.read() as session:
                session.add(AppState(key="nope", value="1"))
                await session.flush()
        assert not db.write_lock.locked()
    finally:
        await db.close()


async def test_sqlite_writers_queue_in_the_app_not_in_the_busy_handler(
    db_factory: DatabaseFactory,
) -> None:
    db = Database(await db_factory.new_url("sqlite"))
    await migrate.upgrade(db.engine)

    # No busy handler at all: any writer that had to wait inside SQLite fails at once with
    # "database is locked", so passing proves nobody slept there.
    @event.listens_for(db.engine.sync_engine, "connect")
    def _no_busy_wait(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=0")
        cursor.close()

    async with db.transaction() as s:
        s.add(AppState(key="counter", value="0"))

    async def eager() -> None:
        async with db.transaction() as s:
            row = await s.get(AppState, "counter")
            assert row is not None
            await asyncio.sleep(0)
            row.value = str(int(row.value) + 1)

    async def lazy(i: int) -> None:
        # An update's unit: reads first, then a locking read decides the write.
        async with db.unit() as s:
            await s.get(AppState, "nothing")
            await asyncio.sleep(0)
            row = await s.get(AppState, "counter", with_for_update=True, populate_existing=True)
            assert row is not None
            await asyncio.sleep(0)
            row.value = str(int(row.value) + 1)
            s.add(AppState(key=f"lazy-{i}", value="1"))

    try:
        jobs = [eager() if i % 2 else lazy(i) for i in range(100)]
        results = await asyncio.gather(*jobs, return_exceptions=True)
        assert [r for r in results if isinstance(r, BaseException)] == []
        async with db.read() as s:
            row = await s.get(AppState, "counter")
            assert row is not None and row.value == "100"  # no lost update either
    finally:
        await db.close()


async def test_the_actor_is_read_in_one_statement_with_every_live_membership(
    fresh: Database,
) -> None:
    tg_id = next(_ids)
    await _press(fresh, tg_id)  # the account row
    async with fresh.transaction() as s:
        w = World(s, NOW)
        live, left, closed, applied = [
            await w.branch(n, archived_at=NOW if n == "丙" else None)
            for n in ("甲", "乙", "丙", "丁")
        ]
        for b, st in (
            (live, "active"),
            (left, "archived"),
            (closed, "active"),
            (applied, "pending"),
        ):
            await w.member(b, "张三", status=st, tg_id=tg_id)
    async with fresh.read() as s:
        wanted = [(m.id, b.id) for m, b in await core_repo.memberships(s, tg_id)]
    assert len(wanted) == 2  # the active one and the pending one, in live branches
    reads: list[str] = []

    @event.listens_for(fresh.engine.sync_engine, "before_cursor_execute")
    def _record(_c: Any, _cur: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            reads.append(statement)

    async with fresh.unit() as session:
        actor = await load_actor(
            session,
            tg_id=tg_id,
            first_name="张三",
            username=None,
            private_chat=True,
            operators=frozenset(),
            default_lang="zh",
            now=NOW,
        )
    assert [(m.member_id, m.branch_id) for m in actor.memberships] == wanted
    assert len(reads) == 1
    async with fresh.read() as s:
        assert await core_repo.account_with_roster(s, next(_ids)) == (None, [])
