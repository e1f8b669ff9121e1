"""The sender's progress message and final report follow the office, not the notice: a
broadcast scheduled by a secretary removed (or gone) since still goes to its audience, but its
figures and names no longer go to them. So with a host's check-in code screen, redrawn by a job
of its own (the role change is tested in tests/e2e/meetings/test_code_screen.py). The other
jobs' officer notices are tested against the database in tests/storage/authz_jobs/."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.models.core import Member
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, last_notice, make_world, sender, wait_settled
from tests.e2e.meetings import world as meetings
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401  (autouse fixture)
from tests.said import said

PEOPLE = [
    Person("书记老王", role="secretary"),
    Person("书记老李", role="secretary"),
    Person("张大爷"),
    Person("李阿姨"),
]


@pytest.mark.parametrize("change", ["none", "role", "archived"])
async def test_a_scheduled_broadcast_goes_but_reports_only_to_an_officer(
    harness: Harness, change: str
) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    async with sender(harness) as running:
        await sec.send("/broadcast")
        await sec.wait_message(contains=said("delivery.compose.prompt"))
        await sec.send("明早九点开会")
        await sec.wait_message(contains=said("delivery.aud.prompt"))
        await sec.press("下一步")
        await sec.wait_message(contains=said("delivery.preview.summary"))
        await sec.press("定时发送")
        await sec.wait_message(contains=said("delivery.schedule.day"))
        await sec.press("明天")
        await sec.wait_message(contains=said("delivery.schedule.hour"))
        await sec.press("09:00")
        await sec.wait_message(contains=said("delivery.scheduled"))
        notice = await last_notice(harness, world.branch_id)
        assert notice.status == "scheduled" and notice.send_at is not None
        async with harness.data.db.transaction() as s:
            row = await s.get(Member, world.member_ids["书记老王"])
            assert row is not None
            if change == "role":
                row.role = "member"
            elif change == "archived":
                row.status = "archived"
        harness.clock.set(notice.send_at + timedelta(seconds=1))
        running.wake()
        await world.user("张大爷").wait_message(contains="明早九点")
        await world.user("李阿姨").wait_message(contains="明早九点")
        await wait_settled(harness, notice.id)
        if change == "none":
            report = await sec.wait_message(contains=said("delivery.report.title"), timeout=15)
            assert "张大爷" in report.body or "李阿姨" in report.body  # who has not pressed 收到
    # The sender is stopped: whatever it was going to edit, it has.
    bodies = [m.body for m in await sec.messages() if m.from_bot]
    if change != "none":
        assert not [b for b in bodies if "发送报告" in b or "正在发送" in b]
        assert any("已安排" in b for b in bodies)  # the scheduled message, never edited since


async def test_an_archived_hosts_code_screen_stops_showing_codes(harness: Harness) -> None:
    harness.clock.set(meetings.T0)
    people = [meetings.SECRETARY, meetings.Person("委员老李", role="committee")]
    w = await meetings.make_world(harness, [*people, meetings.Person("王阿姨")])
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    harness.clock.set(meetings.T0 + timedelta(days=1))
    li = w.user("委员老李")
    await li.send("/checkin")
    screen = await li.wait_message(contains=said("meetings.code.screen"))
    async with harness.data.db.transaction() as s:
        member = await s.get(Member, w.ids["委员老李"])
        assert member is not None
        member.status = "archived"  # the role column still says committee
    harness.clock.advance(timedelta(seconds=91))  # the code has changed twice since
    stopped = await li.wait_message(contains=said("meetings.code.not_host"), timeout=15)
    assert stopped.message_id == screen.message_id and "签到码：" not in stopped.body
