"""Repeating jobs read who holds an office at each run: a secretary removed between two runs
gets nothing of the next one, the new secretary does."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.devtools.world import World
from bot.services.dues.reminders import run_reminders
from storage.db import Database
from storage.models.core import Member
from storage.models.delivery import Delivery, Notice
from storage.models.dues import DuesLine

NOW = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)  # a reminder day, 10:00 in Shanghai


async def _alerted(db: Database, branch_id: int) -> set[int]:
    async with db.read() as s:
        rows = await s.scalars(
            select(Delivery.member_id)
            .join(Notice, Notice.id == Delivery.notice_id)
            .where(Notice.branch_id == branch_id, Notice.key.like("dues:alert:%"))
        )
        return {r for r in rows if r is not None}


async def test_the_dues_alert_goes_to_whoever_is_secretary_at_the_run(fresh: Database) -> None:
    async with fresh.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("支部")
        old, new, late = [
            await w.member(branch, n, role=r)
            for n, r in (("老书记", "secretary"), ("新书记", "committee"), ("欠缴的", "member"))
        ]
        for k in range(6):  # six months unpaid: an officer alert
            s.add(DuesLine(branch_id=branch, member_id=late.id, month=202601 + k,
                           due=Decimal("10.00")))  # fmt: skip
        ids = branch, old.id, new.id
    branch_id, old_id, new_id = ids
    # Between two runs the old secretary is removed and the committee member takes over.
    async with fresh.transaction() as s:
        old_row, new_row = await s.get(Member, old_id), await s.get(Member, new_id)
        assert old_row is not None and new_row is not None
        old_row.role, new_row.role = "member", "secretary"
    async with fresh.transaction() as s:
        await run_reminders(s, NOW + timedelta(minutes=1))
    assert await _alerted(fresh, branch_id) == {new_id}
