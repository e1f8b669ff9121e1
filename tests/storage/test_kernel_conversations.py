"""Conversation state rows: replace, lapse, clear by flow, and shared by two processes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.kernel import conversations
from storage.db import Database, statements_run

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


async def test_one_flow_per_person_and_chat_replaced_by_the_next(db: Database) -> None:
    async with db.transaction() as s:
        await conversations.save(
            s, user_id=1, chat_id=1, flow="a", step="one", data={"n": 1}, now=NOW
        )
        await conversations.save(
            s, user_id=1, chat_id=1, flow="b", step="two", data={"x": "长"}, message_id=5, now=NOW
        )
        await conversations.save(s, user_id=1, chat_id=2, flow="a", step="one", now=NOW)
    async with db.transaction() as s:
        state = await conversations.load(s, 1, 1, NOW)
        assert state is not None
        assert (state.flow, state.step, dict(state.data), state.message_id) == (
            "b",
            "two",
            {"x": "长"},
            5,
        )
        assert not await conversations.clear(s, 1, 1, "a")  # not in that flow
        assert await conversations.clear(s, 1, 1, "b")
        assert await conversations.load(s, 1, 1, NOW) is None
        assert await conversations.load(s, 1, 2, NOW) is not None


async def test_a_lapsed_draft_is_gone_and_purged(db: Database) -> None:
    async with db.transaction() as s:
        await conversations.save(
            s, user_id=7, chat_id=7, flow="a", step="one", ttl=timedelta(minutes=5), now=NOW
        )
    later = NOW + timedelta(minutes=5)
    async with db.transaction() as s:
        assert await conversations.load(s, 7, 7, later - timedelta(seconds=1)) is not None
        assert await conversations.load(s, 7, 7, later) is None
        assert await conversations.purge_expired(s, later) >= 1


@pytest.fixture
async def two(db_url: str) -> AsyncIterator[tuple[Database, Database]]:
    """Two processes' databases on one database."""
    first, second = Database(db_url), Database(db_url)
    yield first, second
    await first.close()
    await second.close()


async def test_step_one_in_one_process_step_two_in_another(two: tuple[Database, Database]) -> None:
    first, second = two
    async with first.transaction() as s:
        await conversations.save(
            s, user_id=9, chat_id=9, flow="f", step="name", data={"d": "2026-03-02"}, now=NOW
        )
    async with second.transaction() as s:
        state = await conversations.load(s, 9, 9, NOW)
        assert state is not None and state.data == {"d": "2026-03-02"}
        await conversations.save(
            s, user_id=9, chat_id=9, flow="f", step="done", data=state.data, now=NOW
        )
    async with first.transaction() as s:
        again = await conversations.load(s, 9, 9, NOW)
        assert again is not None and again.step == "done"


async def _load_counting(db: Database, user_id: int) -> tuple[conversations.FlowState | None, int]:
    async with db.read() as s:
        state = await conversations.load(s, user_id, user_id, NOW)
        run = statements_run(s)
    assert run is not None
    return state, run[0]


async def test_sqlite_answers_no_flow_from_memory_until_a_save(db_url: str) -> None:
    """SQLite has one bot process: who had no row is remembered, and a save forgets them (also
    when a load overlapped the save's transaction)."""
    if not db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL always reads: see the next test")
    db = Database(db_url)
    try:
        assert not conversations.known_none(db.process_memo, 21, 21)
        first, reads = await _load_counting(db, 21)
        assert first is None and reads >= 2  # BEGIN and the SELECT
        assert conversations.known_none(db.process_memo, 21, 21)  # the router opens nothing
        assert not conversations.known_none(db.process_memo, 21, 22)  # another chat
        again, reads_again = await _load_counting(db, 21)
        assert again is None and reads_again < reads  # no SELECT this time
        async with db.transaction() as s:
            await conversations.save(s, user_id=21, chat_id=21, flow="f", step="a", now=NOW)
            assert not conversations.known_none(db.process_memo, 21, 21)
            # Read while the save is not committed yet: not found, and not remembered either.
            assert (await _load_counting(db, 21))[0] is None
        assert not conversations.known_none(db.process_memo, 21, 21)
        found, _ = await _load_counting(db, 21)
        assert found is not None and found.step == "a"
        async with db.transaction() as s:
            assert await conversations.clear(s, 21, 21)
        assert (await _load_counting(db, 21))[0] is None
        assert conversations.known_none(db.process_memo, 21, 21)
    finally:
        await db.close()


async def test_postgresql_reads_every_time_so_another_process_flow_is_seen(
    db_url: str, two: tuple[Database, Database]
) -> None:
    if not db_url.startswith("postgresql"):
        pytest.skip("on SQLite one process is the only writer")
    first, second = two
    async with first.read() as s:
        assert await conversations.load(s, 23, 23, NOW) is None
    assert first.process_memo is None
    assert not conversations.known_none(first.process_memo, 23, 23)
    async with second.transaction() as s:
        await conversations.save(s, user_id=23, chat_id=23, flow="f", step="b", now=NOW)
    async with first.read() as s:
        state = await conversations.load(s, 23, 23, NOW)
        assert state is not None and state.step == "b"
