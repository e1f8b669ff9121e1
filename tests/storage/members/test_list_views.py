"""The roster list an officer drew last is kept in the database, one row per person."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.identity import Actor
from bot.services.members import directory
from bot.services.members.directory import LIST_MEMORY, ListQuery
from storage.db import Database

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


async def test_the_last_list_is_kept_replaced_and_forgotten_after_a_day(db: Database) -> None:
    me = Actor(91_000_001, "书记", "zh", False, (), None)
    other = Actor(91_000_002, "书记乙", "zh", False, (), None)
    first = ListQuery(page=2, group_id=0, category="retired", status="pending", search="王 建国")
    async with db.transaction() as s:
        assert await directory.last_list(s, me, NOW) is None
        await directory.remember_list(s, me, first, NOW)
    # Another process (here: another connection) reads it back as it was.
    second = Database(db.engine.url.render_as_string(hide_password=False))
    try:
        async with second.read() as s:
            assert await directory.last_list(s, me, NOW) == first
            assert await directory.last_list(s, other, NOW) is None
        async with second.transaction() as s:
            await directory.remember_list(s, me, ListQuery(), NOW)
        async with second.read() as s:
            assert await directory.last_list(s, me, NOW + LIST_MEMORY) == ListQuery()
            assert await directory.last_list(s, me, NOW + LIST_MEMORY * 2) is None
    finally:
        await second.close()
