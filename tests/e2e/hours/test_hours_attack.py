"""Hours under attack: late check-outs, forged and replayed buttons, one's own records."""

from __future__ import annotations

from datetime import date, timedelta

import jobs.hours
from handlers.hours.buttons import (
    Approve,
    Decline,
    DeclineTypeReason,
    DeclineWithReason,
    OpenForTeam,
    OpenHours,
    OpenStart,
    RecordDay,
    RecordForTeam,
)
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, HoursWorld, hours_world
from tests.e2e.meetings.world import meetings_cleanup, start_sender  # noqa: F401
from tests.said import said


async def open_activity(hw: HoursWorld, hours: str = "3小时") -> None:
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("📣 发起活动", message_id=menu.message_id)
    await leader.wait_message(contains=said("hours.activity.choose_team"))
    await leader.press("社区治安巡逻队")
    await leader.wait_message(contains=said("hours.activity.choose_start"))
    await leader.press("现在开始")
    await leader.wait_message(contains=said("hours.activity.choose_hours"))
    await leader.press(hours)
    await leader.wait_message(contains=said("hours.activity.what_where"))
    await leader.send("夜间巡逻 | 小区东门")
    await leader.wait_message(contains=said("hours.activity.opened", title="夜间巡逻"))


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
    notice = await li.wait_message(contains=said("hours.activity.notice"))
    await li.press("🙋 签到", message_id=notice.message_id)
    await li.wait_message(contains=said("hours.activity.checked_in"))

    harness.clock.set(T0 + timedelta(hours=5))  # two hours after the end; no sweep yet
    late = await li.press("👋 签退", message_id=notice.message_id)
    assert "系统已自动结束" in (late.get("text") or "")
    [record] = await hw.records("李大爷")
    assert (record.state, record.halves, record.flagged) == ("pending", 6, True)
    ask = await hw.user("巡逻队长").wait_message(contains=said("hours.approve.new"))
    assert "李大爷" in ask.body
    # The sweep then finds nothing more to close, and a second press changes nothing.
    assert (await jobs.hours.run(harness.data)).closed == 0
    again = await li.press("👋 签退", message_id=notice.message_id)
    assert "系统已自动结束" in (again.get("text") or "")
    assert [(r.state, r.halves) for r in await hw.records("李大爷")] == [("pending", 6)]


async def record_wang(hw: HoursWorld) -> None:
    """巡逻队长 records 王阿姨 at yesterday's patrol, 3 hours."""
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("🧾 登记活动", message_id=menu.message_id)
    await leader.wait_message(contains=said("hours.activity.choose_team"))
    await leader.press("社区治安巡逻队")
    await leader.wait_message(contains=said("hours.recorded.choose_day"))
    await leader.press("3/1")
    await leader.wait_message(contains=said("hours.recorded.choose_hours"))
    await leader.press("3")
    sheet = await leader.wait_message(contains=said("hours.recorded.sheet"))
    await leader.press("⬜ 王阿姨", message_id=sheet.message_id)
    await leader.wait_message(contains=said("hours.recorded.sheet"))
    await leader.press("📤 提交（1人）", message_id=sheet.message_id)
    await leader.wait_message(contains=said("hours.recorded.done"))


async def test_a_leader_cannot_approve_hours_they_recorded(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await record_wang(hw)
    await hw.user("王阿姨").wait_message(contains=said("hours.recorded.notice"))
    [request] = await hw.approvals()
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    labels = [b["text"] for row in menu.inline_buttons for b in row]
    assert "✅ 待审核（0）" in labels, labels
    forged = await leader.press_data(Approve(request.id).data, menu.message_id)
    assert "请由另一位队长或书记审核" in (forged.get("text") or "")
    [record] = await hw.records("王阿姨")
    assert record.state == "pending"

    sec = hw.user("书记老张")
    await sec.send("/hours")
    menu = await sec.wait_message(contains=said("hours.menu"))
    await sec.press("✅ 待审核（1）", message_id=menu.message_id)
    item = await sec.wait_message(contains=said("hours.approve.recorded", by="巡逻队长"))
    await sec.press("✅ 通过", message_id=item.message_id)
    await hw.user("王阿姨").wait_message(contains=said("hours.result.approved"))
    assert [r.state for r in await hw.records("王阿姨")] == ["approved"]


async def test_a_stranger_and_another_branchs_officer_change_nothing(harness: Harness) -> None:
    from tests.e2e.meetings.world import Person, make_world

    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await record_wang(hw)
    [request] = await hw.approvals()
    other = await make_world(harness, [Person("外支部书记", role="secretary")])
    outsider = other.user("外支部书记")
    stranger = await harness.user("路人")
    for person in (outsider, stranger):
        await person.send("/hours")
        shown = await person.wait_message()
        for data in (
            Approve(request.id).data,
            Decline(request.id).data,
            DeclineWithReason(request.id, 0).data,
        ):
            answer = await person.press_data(data, shown.message_id)
            assert answer.get("text"), (data, answer)
    assert [r.state for r in await hw.records("王阿姨")] == ["pending"]
    assert [a.state for a in await hw.approvals()] == ["pending"]


async def test_two_leaders_recording_the_same_patrol_count_it_once(harness: Harness) -> None:
    from tests.e2e.hours.world import TEAMS

    teams = {**TEAMS, "社区治安巡逻队": (("巡逻队长", "环保队长"), ("王阿姨", "李大爷", "小钱"))}
    harness.clock.set(T0)
    hw = await hours_world(harness, teams=teams)
    await record_wang(hw)
    second = hw.user("环保队长")
    await second.send("/hours")
    menu = await second.wait_message(contains=said("hours.menu"))
    await second.press("🧾 登记活动", message_id=menu.message_id)
    await second.wait_message(contains=said("hours.activity.choose_team"))
    await second.press("社区治安巡逻队")
    await second.wait_message(contains=said("hours.recorded.choose_day"))
    await second.press("3/1")
    await second.wait_message(contains=said("hours.recorded.choose_hours"))
    await second.press("3")
    sheet = await second.wait_message(contains=said("hours.recorded.sheet"))
    for name in ("王阿姨", "李大爷"):
        await second.press(f"⬜ {name}", message_id=sheet.message_id)
        await second.wait_message(contains=said("hours.recorded.sheet"))
    await second.press("📤 提交（2人）", message_id=sheet.message_id)
    done = await second.wait_message(contains=said("hours.recorded.done"))
    assert "已登记 1 人：李大爷" in done.body
    assert "已有同样的记录" in done.body and "王阿姨" in done.body
    assert [(r.state, r.halves) for r in await hw.records("王阿姨")] == [("pending", 6)]
    assert [(r.state, r.halves) for r in await hw.records("李大爷")] == [("pending", 6)]


async def test_opening_an_activity_for_a_team_one_does_not_lead_stops_at_once(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    team = hw.teams["社区治安巡逻队"]
    other_leader, member, stranger = (
        hw.user("环保队长"),
        hw.user("王阿姨"),
        await harness.user("路人"),
    )
    for person in (other_leader, member, stranger):
        await person.send("/help")
        shown = await person.wait_message()
        for data in (
            OpenForTeam(team).data,
            OpenStart(team, "now").data,
            OpenHours(team, "now", 2).data,
        ):
            answer = await person.press_data(data, shown.message_id)
            assert "只有队长" in (answer.get("text") or ""), (data, answer)


async def test_recording_and_typed_reason_screens_check_rights_first(harness: Harness) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    await record_wang(hw)
    [request] = await hw.approvals()
    team = hw.teams["社区治安巡逻队"]
    stranger = await harness.user("路人")
    for person in (hw.user("环保队长"), hw.user("李大爷"), stranger):
        await person.send("/help")
        shown = await person.wait_message()
        for data in (RecordForTeam(team).data, RecordDay(team, date(2026, 3, 1)).data):
            answer = await person.press_data(data, shown.message_id)
            assert "只有队长" in (answer.get("text") or ""), (data, answer)
        answer = await person.press_data(DeclineTypeReason(request.id).data, shown.message_id)
        assert "请输入" not in (answer.get("text") or "") and answer.get("text"), answer
    # The recorder cannot decline by a typed reason either.
    leader = hw.user("巡逻队长")
    await leader.send("/help")
    shown = await leader.wait_message()
    answer = await leader.press_data(DeclineTypeReason(request.id).data, shown.message_id)
    assert "请由另一位队长或书记审核" in (answer.get("text") or "")
    await leader.send("不同意")
    await leader.wait_message(contains=said("error.unknown_input"))
    assert [r.state for r in await hw.records("王阿姨")] == ["pending"]
