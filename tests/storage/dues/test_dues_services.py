"""Dues services on a migrated database: re-pricing from a month, pauses, arrears alerts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import select

from bot.devtools.world import World
from bot.domain.dues.brackets import BasisKind
from bot.services.dues.bases import set_basis
from bot.services.dues.ledger import open_month
from bot.services.dues.reminders import run_reminders
from bot.services.identity import load_actor
from storage.db import Database
from storage.models.core import Member
from storage.models.delivery import Notice
from storage.models.dues import DuesAccount, DuesLine

NOW = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)  # 10 June, 10:00 in Shanghai


async def _world(db: Database) -> tuple[int, int, int]:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("支部")
        await w.member(branch, "书记", role="secretary")
        a = await w.member(branch, "甲")
        b = await w.member(branch, "乙", category="probationary", joined_party_on=date(2026, 5, 20))
        return branch, a.id, b.id


async def test_lines_open_once_probationary_from_admission_and_basis_from_its_month(
    fresh: Database,
) -> None:
    branch_id, a_id, b_id = await _world(fresh)
    async with fresh.transaction() as s:
        assert await open_month(s, NOW) == 3
    async with fresh.transaction() as s:
        assert await open_month(s, NOW) == 0
    async with fresh.transaction() as s:
        from storage.models.core import TgUser

        s.add(TgUser(id=555, first_name="书记", created_at=NOW, updated_at=NOW))
        sec = await s.scalar(select(Member).where(Member.name == "书记"))
        assert sec is not None
        sec.tg_user_id = 555
    async with fresh.transaction() as s:
        actor = await load_actor(
            s,
            tg_id=555,
            first_name="书记",
            username=None,
            private_chat=True,
            operators=frozenset(),
            default_lang="zh",
            now=NOW,
        )
        # 甲's pension from March: March-June priced at 0.5%; then a raise from May.
        await set_basis(
            s,
            actor,
            a_id,
            BasisKind.RETIRED,
            Decimal("4000"),
            effective_month=202603,
            reason=None,
            now=NOW,
        )
        await set_basis(
            s,
            actor,
            a_id,
            BasisKind.RETIRED,
            Decimal("6000"),
            effective_month=202605,
            reason=None,
            now=NOW,
        )
        # 乙 was admitted 20 May: nothing before May even with an older basis month.
        await set_basis(
            s, actor, b_id, BasisKind.LOW, None, effective_month=202603, reason=None, now=NOW
        )
    async with fresh.transaction() as s:
        rows = await s.scalars(select(DuesLine).order_by(DuesLine.member_id, DuesLine.month))
        got = {(r.member_id, r.month): r.due for r in rows}
    assert got[(a_id, 202603)] == Decimal("20.00")
    assert got[(a_id, 202604)] == Decimal("20.00")
    assert got[(a_id, 202605)] == Decimal("60.00")
    assert got[(a_id, 202606)] == Decimal("60.00")
    assert (b_id, 202604) not in got
    assert got[(b_id, 202605)] == Decimal("0.20")

    # 10 June is a reminder day: 甲 has 3 months in arrears (the secretary is told), 乙 is
    # paused and not nagged.
    async with fresh.transaction() as s:
        s.add(DuesAccount(member_id=b_id, branch_id=branch_id, paused=True, updated_at=NOW))
    async with fresh.transaction() as s:
        report = await run_reminders(s, NOW)
    async with fresh.transaction() as s:
        keys = set(await s.scalars(select(Notice.key)))
    assert f"dues:remind:{branch_id}:2026-06-10:firm" in keys
    assert f"dues:alert:{branch_id}:202606:3" in keys
    assert report.reminded == 1
