"""Issue 11, items 7-8: the next meeting on a member's first screen; dated leave buttons for
every upcoming meeting."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China
PEOPLE = [SECRETARY, Person("王阿姨", group="第一党小组")]


async def test_start_shows_the_next_meeting_with_leave_then_check_in(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 学习党章")
    await sec.wait_message(contains=said("meetings.new.created"))
    await wang.send("/start")
    home = await wang.wait_message(contains=said("meetings.home.next"))
    assert "学习党章" in home.body and "3月3日" in home.body and "社区活动室" in home.body
    assert home.button_texts() == ["📝 请假"]
    await wang.press("📝 请假", message_id=home.message_id)
    await wang.wait_message(contains=said("meetings.leave.choose_reason"))
    # When check-in is open the same screen offers 签到, which asks for the code.
    harness.clock.set(START)
    await wang.send("/start")
    home = await wang.wait_message(contains=said("meetings.home.next"))
    assert "现在正在签到" in home.body and home.button_texts() == ["✅ 签到"]
    await wang.press("✅ 签到", message_id=home.message_id)
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))


async def test_every_upcoming_meeting_has_a_dated_leave_button(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    for day in (3, 10, 17, 24, 31):
        await sec.send(f"/newmeeting 主题党日 | 2026-03-{day:02d} 09:00 | 社区活动室 | 主题党日")
        await sec.wait_message(contains=said("meetings.new.created"))
    await wang.send("/meetings")
    listing = await wang.wait_message(contains=said("meetings.list.upcoming"))
    leave = [b for b in listing.button_texts() if b.startswith("📝 请假")]
    assert leave == [f"📝 请假：3月{d}日 主题党日" for d in (3, 10, 17, 24, 31)]
