"""What several processes share: one taker per update_id, the shared send budget, the schema
check of `partybot run`."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.pacing import CallKind, PacerConfig, Priority
from bot.roles.budget import SHARED_BULK_PER_WINDOW, SharedBudget
from bot.roles.schema import prepare_schema
from bot.services import roles as service
from storage import migrate
from storage.db import Database
from storage.repos import roles as repo
from tests.conftest import BACKENDS, DatabaseFactory

NOW = datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


async def test_an_update_is_taken_once_even_by_racing_processes(db: Database) -> None:
    bot, update = 4_242_001, 77
    takers = await asyncio.gather(*(service.take_update(db, bot, update, NOW) for _ in range(8)))
    assert sorted(takers) == [False] * 7 + [True]
    # Another bot's update with the same id is its own.
    assert await service.take_update(db, bot + 1, update, NOW)
    # After Telegram could no longer deliver it again, it is forgotten.
    handled, _ = await service.prune(db, NOW + repo.HANDLED_KEPT + timedelta(seconds=1))
    assert handled >= 2
    assert await service.take_update(db, bot, update, NOW + timedelta(days=2))


async def test_health_figures(db: Database) -> None:
    found = await service.health(db, NOW, None)
    assert found.database_ok and found.queued is not None


@pytest.mark.postgresql
async def test_shared_budget_spaces_the_whole_bot_and_each_chat(
    db_factory: DatabaseFactory,
) -> None:
    db = Database(await db_factory.new_url("postgresql"))
    await migrate.upgrade(db.engine)
    try:
        cfg = PacerConfig()
        budget = SharedBudget(db.engine, 5_150_001, cfg)
        waits: list[float] = []
        async with db.engine.connect() as conn:
            for chat in range(40):
                waits.append(
                    await repo.send_slot(
                        conn,
                        "5150001",
                        str(chat),
                        chat_gap=1.15,
                        bulk=False,
                        gap=cfg.window / cfg.max_per_window,
                        bulk_gap=1.0,
                    )
                )
            # The same chat again at once: busy, ask again in about its gap.
            again = await repo.send_slot(
                conn, "5150001", "0", chat_gap=1.15, bulk=False, gap=0.0347, bulk_gap=1.0
            )
            await conn.commit()
        assert all(w >= 0 for w in waits)
        # Booked back to back: slot n is n gaps after the first (minus the time booking took).
        assert waits[-1] >= 39 * cfg.window / cfg.max_per_window - 0.2
        assert -1.15 <= again < -0.5
        # Booking through the gate (what the rate limiter does) sleeps until the slot.
        loop = asyncio.get_running_loop()
        started = loop.time()
        await budget.wait(None, Priority.BULK, CallKind.SEND)
        await budget.wait(None, Priority.BULK, CallKind.SEND)
        assert loop.time() - started >= cfg.window / SHARED_BULK_PER_WINDOW - 0.01
    finally:
        await db.close()


@pytest.mark.postgresql
async def test_a_group_takes_twenty_messages_a_minute_between_all_processes(
    db_factory: DatabaseFactory,
) -> None:
    """Two processes (two connections) booking for one group: the 21st message in the window
    is told to wait until the first is a window old; edits, other groups and people are not."""
    db = Database(await db_factory.new_url("postgresql"))
    await migrate.upgrade(db.engine)
    try:
        cfg = PacerConfig()

        async def book(conn: AsyncConnection, chat: str, window_max: int = 20) -> float:
            return await repo.send_slot(
                conn,
                "5150002",
                chat,
                chat_gap=0.0,
                bulk=False,
                gap=0.0,
                bulk_gap=0.0,
                window_max=window_max,
                window=cfg.group_window_s,
            )

        # Each booking commits at once, as SharedBudget's connections do.
        shared = db.engine.execution_options(isolation_level="AUTOCOMMIT")
        async with shared.connect() as worker, shared.connect() as web:
            waits = [await book(worker if i % 2 else web, "-1001") for i in range(20)]
            assert all(w >= 0 for w in waits)
            full = await book(web, "-1001")
            assert cfg.group_window_s - 5 < -full <= cfg.group_window_s
            assert await book(worker, "-1001", window_max=0) >= 0  # an edit: no message
            assert await book(worker, "-1002") >= 0  # another group
            assert await book(web, "777") >= 0  # a person
    finally:
        await db.close()


@pytest.mark.parametrize("backend", BACKENDS)
async def test_schema_behind_is_refused_new_one_is_created(
    db_factory: DatabaseFactory, backend: str
) -> None:
    url = await db_factory.new_url(backend)
    assert await prepare_schema(url, may_create=False) is not None  # empty, not for web/worker
    assert await prepare_schema(url, may_create=True) is None  # a newcomer's first run
    assert await prepare_schema(url, may_create=False) is None
    db = Database(url)
    try:
        await migrate.downgrade(db.engine, "0016_posts")
    finally:
        await db.close()
    problem = await prepare_schema(url, may_create=True)
    assert problem is not None and "partybot db upgrade" in problem


@pytest.mark.postgresql
async def test_a_web_process_enqueueing_wakes_the_worker_through_notify(
    db_factory: DatabaseFactory,
) -> None:
    from bot.roles.lock import WorkerLock
    from bot.roles.wake import NotifyWaker

    url = await db_factory.new_url("postgresql")
    web = Database(url)
    lock = WorkerLock(url, 4_242_077, "worker")
    woken = asyncio.Event()
    try:
        assert await lock.acquire(asyncio.Event())
        await lock.listen("partybot_outbox_4242077", woken.set)
        waker = NotifyWaker(web.engine, 4_242_077)
        other = NotifyWaker(web.engine, 4_242_078)  # another bot's worker is not woken
        other.wake()
        await other.close()
        await asyncio.sleep(0.3)
        assert not woken.is_set()
        for _ in range(5):  # a burst: coalesced, and the worker is woken
            waker.wake()
        await waker.close()
        await asyncio.wait_for(woken.wait(), 10)
    finally:
        await lock.release()
        await web.close()
