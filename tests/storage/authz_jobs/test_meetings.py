"""The meetings tick reads offices at each pass: a committee meeting's reminder, a closed
meeting's summary and the monthly digest reach only officers still in office.

A meeting an officer scheduled is held after they lose the office (as a broadcast already
sent off still goes): only the officers' summary no longer goes to them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import FakeClock
from bot.devtools.world import Person
from bot.domain.meetings import Audience, MeetingType
from bot.services.meetings.scheduling import Created, NewMeeting, create_meeting
from bot.services.meetings.tick import run_tick
from storage.db import Database
from tests.storage.authz_jobs.world import CHANGES, actor, expected, make_office, remove, told

pytestmark = pytest.mark.parametrize("change", CHANGES)

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai
START_LOCAL = datetime(2026, 3, 5, 9, 0)  # three days later, 01:00 UTC


async def _schedule(db: Database, by: Person, meeting_type: MeetingType, audience: Audience) -> int:
    draft = NewMeeting(type=meeting_type, title="学习", start_local=START_LOCAL, audience=audience)
    async with db.transaction() as s:
        created = await create_meeting(s, actor(by), draft, T0)
    assert isinstance(created, Created), created
    return created.meeting_id


async def test_a_committee_reminder_reaches_only_the_committee_in_office(
    fresh: Database, change: str
) -> None:
    office = await make_office(fresh, "committee")
    meeting = await _schedule(fresh, office.boss, MeetingType.COMMITTEE, Audience.committee())
    await remove(fresh, office, change, T0 + timedelta(hours=1))
    await run_tick(fresh, FakeClock(datetime(2026, 3, 4, 1, 0, 30, tzinfo=UTC)))  # a day before
    assert await told(fresh, f"meeting:{meeting}:v1:reminder:%") == expected(office, change)


async def test_the_summary_reaches_its_scheduler_only_while_in_office(
    fresh: Database, change: str
) -> None:
    office = await make_office(fresh, "group_leader")
    meeting = await _schedule(
        fresh, office.officer, MeetingType.GROUP_MEETING, Audience.group(office.group_id)
    )
    await remove(fresh, office, change, T0 + timedelta(hours=1))
    report = await run_tick(fresh, FakeClock(datetime(2026, 3, 6, 1, 0, tzinfo=UTC)))
    assert report.closed == 1  # the meeting was held and closed all the same
    assert await told(fresh, f"meeting:{meeting}:summary") == expected(office, change)


async def test_the_monthly_digest_reaches_only_secretaries_in_office(
    fresh: Database, change: str
) -> None:
    office = await make_office(fresh, "secretary")
    await remove(fresh, office, change, T0 - timedelta(hours=1))
    assert (await run_tick(fresh, FakeClock(T0))).digests == 1
    assert await told(fresh, f"digest:{office.branch_id}:%") == expected(office, change)
