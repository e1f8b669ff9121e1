"""Two sweeps at once (two processes, or a sweep beside a late 签退) close a check-in once."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

from bot.devtools.world import Person
from bot.services.hours import activities
from bot.services.hours.common import Refused
from storage.db import Database
from storage.models.core import AuditEntry
from storage.models.hours import VolunteerActivity
from tests.storage.hours.test_hours_services import NOW, _actor, _branch


async def _checked_in(db: Database) -> Person:
    p = await _branch(db)
    member = p["member"]
    assert isinstance(member, Person)
    async with db.transaction() as s:
        activity = VolunteerActivity(
            branch_id=member.branch_id,
            team_id=p["甲队"],
            title="巡逻",
            place="",
            starts_at=NOW,
            ends_at=NOW + timedelta(hours=2),
        )
        s.add(activity)
        await s.flush()
        checked = await activities.check_in(s, _actor(member), activity.id, NOW)
        assert not isinstance(checked, Refused)
    return member


async def _sweep(db: Database) -> int:
    async with db.transaction() as s:
        return await activities.auto_close(s, NOW + timedelta(hours=2))


async def test_two_sweeps_at_once_close_a_check_in_once(fresh: Database) -> None:
    await _checked_in(fresh)
    results = await asyncio.gather(_sweep(fresh), _sweep(fresh))
    assert sorted(results) == [0, 1]
    async with fresh.transaction() as s:
        closes = await s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "hours.activity.autoclose")
        )
    assert closes == 1
