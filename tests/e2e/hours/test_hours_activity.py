"""Activities: a leader opens one, members check in and out (hours from the record); a check-in
never checked out is closed at the end, flagged and put to the leader, not counted silently."""

from __future__ import annotations

from datetime import timedelta

import jobs.hours
from handlers.hours.buttons import CheckIn
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, hours_world
from tests.e2e.meetings.world import last_id, meetings_cleanup, start_sender  # noqa: F401
from tests.said import said


async def test_open_check_in_out_and_auto_close(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("📣 发起活动", message_id=menu.message_id)
    await leader.wait_message(contains=said("hours.activity.choose_team"))
    await leader.press("社区治安巡逻队")
    await leader.wait_message(contains=said("hours.activity.choose_start"))
    await leader.press("现在开始")
    await leader.wait_message(contains=said("hours.activity.choose_hours"))
    await leader.press("3小时")
    await leader.wait_message(contains=said("hours.activity.what_where"))
    await leader.send("夜间巡逻 | 小区东门")
    await leader.wait_message(contains=said("hours.activity.opened", title="夜间巡逻"))
    wang, li = hw.user("王阿姨"), hw.user("李大爷")
    notice = await wang.wait_message(contains=said("hours.activity.notice"))
    assert "夜间巡逻" in notice.body and "地点：小区东门" in notice.body
    await wang.press("🙋 签到", message_id=notice.message_id)
    await wang.wait_message(contains=said("hours.activity.checked_in"))
    li_notice = await li.wait_message(contains=said("hours.activity.notice"))
    await li.press("🙋 签到", message_id=li_notice.message_id)
    await li.wait_message(contains=said("hours.activity.checked_in"))
    # Someone not in the team cannot check in, even with the button's data.
    env = hw.user("环保队长")
    await env.send("/help")
    activity_id = int(notice.inline_buttons[0][0]["callback_data"].split(":")[2])
    answer = await env.press_data(CheckIn(activity_id).data, await last_id(env))
    assert "不在这个队伍" in (answer.get("text") or "")

    harness.clock.set(T0 + timedelta(hours=2, minutes=10))
    await wang.press("👋 签退", message_id=notice.message_id)
    out = await wang.wait_message(contains=said("hours.activity.checked_out"))
    assert "计 2 小时" in out.body
    [record] = await hw.records("王阿姨")
    assert (record.state, record.halves, record.flagged) == ("approved", 4, False)

    # 李大爷 never checks out: at the end the job closes it, flagged, pending, and tells him.
    harness.clock.set(T0 + timedelta(hours=3, minutes=1))
    swept = await jobs.hours.run(harness.data)
    assert swept.closed == 1
    [closed] = await hw.records("李大爷")
    assert (closed.state, closed.halves, closed.flagged) == ("pending", 6, True)
    told = await li.wait_message(contains=said("hours.activity.autoclosed"))
    assert "3 小时" in told.body
    assert (await jobs.hours.run(harness.data)).closed == 0  # once only
    late = await li.press("👋 签退", message_id=li_notice.message_id)
    assert "系统已自动结束" in (late.get("text") or "")
    ask = await leader.wait_message(contains=said("hours.approve.new"))
    assert "李大爷" in ask.body
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("✅ 待审核（1）", message_id=menu.message_id)
    head = await leader.wait_message(contains=said("hours.approve.title"))
    item = await leader.wait_message(contains=said("hours.approve.flagged"))
    # Approve all skips a flagged record: it needs a look one by one.
    await leader.press("✅ 全部通过", message_id=head.message_id)
    await leader.wait_message(contains=said("hours.approve.skipped"))
    await leader.press("✅ 通过", message_id=item.message_id)
    await li.wait_message(contains=said("hours.result.approved"))
    assert [r.state for r in await hw.records("李大爷")] == ["approved"]
    assert {"hours.activity.open", "hours.activity.checkin", "hours.activity.autoclose"} <= set(
        await hw.audit_actions()
    )


async def test_check_in_only_during_the_activity(harness: Harness) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("📣 发起活动", message_id=menu.message_id)
    await leader.press("社区治安巡逻队")
    await leader.wait_message(contains=said("hours.activity.choose_start"))
    await leader.press("明天 9:00")
    await leader.wait_message(contains=said("hours.activity.choose_hours"))
    await leader.press("2小时")
    await leader.wait_message(contains=said("hours.activity.what_where"))
    await leader.press("直接发起（社区治安巡逻队活动）")
    opened = await leader.wait_message(contains=said("hours.activity.opened"))
    too_early = await leader.press("🙋 签到", message_id=opened.message_id)
    assert "活动开始前1小时起可以签到" in (too_early.get("text") or "")
    wang = hw.user("王阿姨")
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    await wang.press("🙋 活动签到", message_id=menu.message_id)
    listing = await wang.wait_message(contains=said("hours.activity.list"))
    assert "社区治安巡逻队活动" in listing.body
    not_yet = await wang.press("👋 签退", message_id=listing.message_id)
    assert "还没有签到" in (not_yet.get("text") or "")
    assert await hw.records("王阿姨") == []
