"""The dues alert, the assessment tally and the posts nudge read who holds an office (or a
post) at each run: an officer removed, or archived, before the run gets nothing of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.clock import FakeClock
from bot.devtools.world import World
from bot.services.cards.tally import run_due
from bot.services.dues.reminders import run_reminders
from bot.services.posts.nudge import run_nudges
from storage.db import Database
from storage.models.dues import DuesLine
from tests.storage.authz_jobs.world import CHANGES, expected, make_office, remove, told

pytestmark = pytest.mark.parametrize("change", CHANGES)


async def test_the_dues_alert_reaches_only_secretaries_still_in_office(
    fresh: Database, change: str
) -> None:
    now = datetime(2026, 6, 10, 2, 0, tzinfo=UTC)  # a reminder day, 10:00 in Shanghai
    office = await make_office(fresh, "secretary")
    async with fresh.transaction() as s:
        for k in range(6):  # six months unpaid: an officer alert
            s.add(DuesLine(branch_id=office.branch_id, member_id=office.members[0].id,
                           month=202601 + k, due=Decimal("10.00")))  # fmt: skip
    await remove(fresh, office, change, now - timedelta(hours=1))
    async with fresh.transaction() as s:
        report = await run_reminders(s, now)
    assert report.alerts > 0
    assert await told(fresh, f"dues:alert:{office.branch_id}:%") == expected(office, change)


async def test_the_tally_ranking_reaches_only_secretaries_still_in_office(
    fresh: Database, change: str
) -> None:
    now = datetime(2027, 1, 3, 2, 0, tzinfo=UTC)  # the year and its last quarter have ended
    office = await make_office(fresh, "secretary")
    await remove(fresh, office, change, now - timedelta(hours=1))
    assert await run_due(fresh, FakeClock(now)) >= 1
    assert await told(fresh, f"cards:tally:{office.branch_id}:%:sec") == expected(office, change)
    # Each member's own summary is no office's: a plain member has theirs either way.
    assert office.members[0].id in await told(fresh, f"cards:tally:{office.branch_id}:%:m:%")


async def test_the_duty_nudge_follows_the_post_not_the_office(fresh: Database, change: str) -> None:
    """Holding a post is no office: a demoted holder is still nudged; one who left is not
    (leaving frees their posts)."""
    now = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
    office = await make_office(fresh, "secretary", settings={"posts_nudge_day": 1})
    holder = office.members[0]
    async with fresh.transaction() as s:
        w = World(s, now)
        category = await w.post_category(office.branch_id, "宣传教育")
        await w.post(
            office.branch_id, category, "宣传员", term=2026, capacity=5,
            holders=[office.officer.id, holder.id], claimed_at=now - timedelta(days=30),
        )  # fmt: skip
    await remove(fresh, office, change, now - timedelta(hours=1))
    async with fresh.transaction() as s:
        await run_nudges(s, now)
    nudged = await told(fresh, "posts:nudge:%")
    assert holder.id in nudged
    assert (office.officer.id in nudged) is (change != "archived")
