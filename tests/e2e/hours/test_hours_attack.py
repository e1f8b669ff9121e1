"""Hours under attack: late check-outs, forged and replayed buttons, one's own records."""

from __future__ import annotations

from datetime import timedelta

import jobs.hours
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, HoursWorld, hours_world
from tests.e2e.meetings_world import meetings_cleanup, start_sender  # noqa: F401


async def open_activity(hw: HoursWorld, hours: str = "3小时") -> None:
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains="志愿服务时长")
    await leader.press("📣 发起活动", message_id=menu.message_id)
    await leader.wait_message(contains="为哪个队伍")
    await leader.press("社区治安巡逻队")
    await leader.wait_message(contains="什么时候开始")
    await leader.press("现在开始")
    await leader.wait_message(contains="活动多长时间")
    await leader.press(hours)
    await leader.wait_message(contains="活动内容和地点")
    await leader.send("夜间巡逻 | 小区东门")
    await leader.wait_message(contains="已发起活动「夜间巡逻」")


async def test_a_check_out_after_the_end_is_flagged_even_before_the_sweep(
    harness: Harness,
) -> None:
    """Whether the sweep ran yet (a restart, a busy minute) must not decide if hours from a
    check-in nobody closed in time are counted without a look."""
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await open_activity(hw)
    li = hw.user("李大爷")
    notice = await li.wait_message(contains="志愿活动")
    await li.press("🙋 签到", message_id=notice.message_id)
    await li.wait_message(contains="已签到")

    harness.clock.set(T0 + timedelta(hours=5))  # two hours after the end; no sweep yet
    late = await li.press("👋 签退", message_id=notice.message_id)
    assert "系统已自动结束" in (late.get("text") or "")
    [record] = await hw.records("李大爷")
    assert (record.state, record.halves, record.flagged) == ("pending", 6, True)
    ask = await hw.user("巡逻队长").wait_message(contains="新的志愿时长待审核")
    assert "李大爷" in ask.body
    # The sweep then finds nothing more to close, and a second press changes nothing.
    assert (await jobs.hours.run(harness.data)).closed == 0
    again = await li.press("👋 签退", message_id=notice.message_id)
    assert "系统已自动结束" in (again.get("text") or "")
    assert [(r.state, r.halves) for r in await hw.records("李大爷")] == [("pending", 6)]
