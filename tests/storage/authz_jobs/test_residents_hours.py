"""Requests the jobs put to officers (a residents' request nobody took or finished, a forgotten
check-in's hours) go to whoever may decide them at the run: never to an officer removed or
archived since."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FakeClock
from bot.devtools.world import World
from bot.domain.residents.rules import Overdue
from bot.services.hours import activities
from bot.services.hours.common import Refused
from bot.services.hours.housekeeping import sweep as hours_sweep
from bot.services.residents.housekeeping import sweep as residents_sweep
from storage.db import Database
from storage.models.hours import VolunteerActivity
from storage.models.residents import ResidentRequest
from tests.storage.authz_jobs.world import CHANGES, actor, expected, make_office, remove, told

pytestmark = pytest.mark.parametrize("change", CHANGES)

NOW = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


async def test_residents_escalations_reach_only_secretaries_still_in_office(
    fresh: Database, change: str
) -> None:
    office = await make_office(fresh, "secretary")
    taker = office.members[0]
    async with fresh.transaction() as s:
        late = ResidentRequest(branch_id=office.branch_id, resident_tg_id=55_000_001,
                               text="楼道灯坏了", created_at=NOW - timedelta(days=3))  # fmt: skip
        stuck = ResidentRequest(
            branch_id=office.branch_id, resident_tg_id=55_000_002, text="水管漏水",
            state="taken", taken_by_member_id=taker.id, taken_at=NOW - timedelta(days=7),
            created_at=NOW - timedelta(days=8), escalated_at=NOW - timedelta(days=7),
        )  # fmt: skip
        s.add_all([late, stuck])
        await s.flush()
        ids = late.id, stuck.id
    await remove(fresh, office, change, NOW - timedelta(hours=1))
    clock = FakeClock(NOW)
    # The taker's reminder first, the secretary's on the next run (one step a run).
    first, second = await residents_sweep(fresh, clock), await residents_sweep(fresh, clock)
    assert first.escalated == 1 and second.reminded == 1
    assert await told(fresh, f"residents:{ids[0]}:escalated") == expected(office, change)
    secretary_step = f"residents:{ids[1]}:{Overdue.SECRETARY.value}:%"
    assert await told(fresh, secretary_step) == expected(office, change)


async def test_a_closed_check_in_goes_to_the_group_leader_only_while_in_office(
    fresh: Database, change: str
) -> None:
    office = await make_office(fresh, "group_leader")
    member = office.members[0]
    async with fresh.transaction() as s:
        team = await World(s, NOW).team(office.branch_id, "巡逻队", members=[member.id])
        activity = VolunteerActivity(branch_id=office.branch_id, team_id=team, title="巡逻",
                                     starts_at=NOW, ends_at=NOW + timedelta(hours=2))  # fmt: skip
        s.add(activity)
        await s.flush()
        checked = await activities.check_in(s, actor(member), activity.id, NOW)
        assert not isinstance(checked, Refused), checked
    await remove(fresh, office, change, NOW + timedelta(hours=1))
    swept = await hours_sweep(fresh, FakeClock(NOW + timedelta(hours=2)))
    assert swept.closed == 1
    deciders = await told(fresh, "hours:%:ask:%")
    # The nearest officer decides: the group leader in office, else the secretary.
    assert deciders == ({office.officer.id} if change == "none" else {office.boss.id})
