"""签到 by location proves presence only when live: a pin dropped on the map does not count,
and every refusal leaves the person their menu."""

from __future__ import annotations

from datetime import timedelta

from handlers.meetings.buttons import ChangePlace
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    attendance,
    last_id,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China
VENUE = (39.9087, 116.3975)
NEAR = (39.9090, 116.3978)  # about 40 m away
FAR = (39.9300, 116.3975)  # about 2.4 km north


async def _meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def test_a_dropped_pin_does_not_check_in_a_live_location_does(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    meeting_id = await _meeting(harness, w)
    sec = w.user("书记老张")
    await sec.press_data(ChangePlace(meeting_id).data, await last_id(sec))
    await sec.wait_message(contains=said("meetings.manage.ask_place"))
    await sec.send_location(*VENUE)
    await sec.wait_message(contains=said("meetings.manage.changed"))
    harness.clock.set(START - timedelta(minutes=5))
    wang = w.user("王阿姨")

    # Asking how: no button that would send a single point; the menu stays.
    await wang.send("/checkin")
    prompt = await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    await wang.press("📍 用位置签到", message_id=prompt.message_id)
    how = await wang.wait_message(contains=said("meetings.checkin.ask_location"))
    assert how.reply_keyboard is not None
    assert not any("位置" in b for row in how.reply_keyboard for b in row)

    await wang.send_location(*NEAR)  # a pin, right at the venue
    refused = await wang.wait_message(contains=said("meetings.refuse.not_live"))
    assert "签到码" in refused.body and refused.reply_keyboard is not None
    assert w.ids["王阿姨"] not in await attendance(harness, meeting_id)

    far = await wang.send_location(*FAR, live_period=900)
    too_far = await wang.wait_message(contains=said("meetings.checkin.too_far"))
    assert too_far.reply_keyboard is not None  # a way on after a refusal
    await wang.update_location(far["message_id"], *NEAR)  # walks to the venue
    await wang.wait_message(contains=said("meetings.checkin.ok"))
    assert (await attendance(harness, meeting_id))[w.ids["王阿姨"]].method == "location"
