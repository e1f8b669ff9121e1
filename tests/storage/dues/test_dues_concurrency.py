"""Two 「我已缴纳」 for the same months at the same moment (a double tap, two phones): one claim."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import func, select

from bot.devtools.world import World
from bot.services.dues.common import Refused
from bot.services.dues.payments import Claim, claim
from bot.services.identity import load_actor
from storage.db import Database
from storage.models.dues import DuesBasis, DuesLine, DuesPayment

NOW = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)  # 10 June, 10:00 in Shanghai


async def _member(db: Database) -> None:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("支部")
        member = await w.member(branch, "甲", tg_id=await w.account(778, "甲", started=False))
        s.add(
            DuesBasis(
                branch_id=branch,
                member_id=member.id,
                kind="retired",
                value=Decimal("4000"),
                effective_month=202606,
                state="confirmed",
                created_at=NOW,
                decided_at=NOW,
            )
        )


async def _claim(db: Database, months: list[int]) -> Claim | Refused:
    async with db.transaction() as s:
        actor = await load_actor(
            s,
            tg_id=778,
            first_name="甲",
            username=None,
            private_chat=True,
            operators=frozenset(),
            default_lang="zh",
            now=NOW,
        )
        return await claim(s, actor, months, NOW)


async def test_two_claims_at_once_for_months_not_yet_opened_make_one(fresh: Database) -> None:
    await _member(fresh)
    results = await asyncio.gather(_claim(fresh, [202606, 202607]), _claim(fresh, [202606, 202607]))
    assert sum(isinstance(r, Claim) for r in results) == 1
    assert sum(isinstance(r, Refused) for r in results) == 1
    async with fresh.transaction() as s:
        assert await s.scalar(select(func.count()).select_from(DuesPayment)) == 1
        claimed = set(await s.scalars(select(DuesLine.claim_id)))
        assert len(claimed) == 1 and None not in claimed
