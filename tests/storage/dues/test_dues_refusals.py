"""A refused payment changes nothing: no line is opened for a month that cannot be paid."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.devtools.world import World
from bot.services.dues.common import Refused
from bot.services.dues.payments import claim
from bot.services.identity import load_actor
from storage.db import Database
from storage.models.dues import DuesLine

NOW = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)


async def test_refused_claims_open_no_lines(fresh: Database) -> None:
    async with fresh.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("支部")
        await w.member(branch, "甲", tg_id=await w.account(777, "甲", started=False))
    for months in ([202612], [202601], [202607]):
        async with fresh.transaction() as s:
            actor = await load_actor(
                s,
                tg_id=777,
                first_name="甲",
                username=None,
                private_chat=True,
                operators=frozenset(),
                default_lang="zh",
                now=NOW,
            )
            # Too far ahead, too old, and (no basis yet) nothing to price.
            assert isinstance(await claim(s, actor, months, NOW), Refused)
    async with fresh.transaction() as s:
        assert list(await s.scalars(select(DuesLine.month))) == []
