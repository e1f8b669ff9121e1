"""Bad input gets a clear answer and saves nothing: hours, dates, limits, other people's
reports, one's own approval, another team's leader."""

from __future__ import annotations

from datetime import date

import pytest

from handlers.hours.buttons import (
    Approve,
    CancelReport,
    Decline,
    ReportDay,
    ReportHours,
    ReportTypeIn,
    SubmitReport,
)
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, add_record, draft_id, hours_world, open_report
from tests.e2e.meetings.world import last_id, meetings_cleanup, start_sender  # noqa: F401
from tests.said import said


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("0", "hours.refuse.not_positive"),
        ("-1", "hours.refuse.not_positive"),
        ("0.3", "hours.refuse.not_half_step"),
        ("25", "hours.refuse.too_many"),
        ("两个小时", "hours.refuse.not_a_number"),
    ],
)
async def test_bad_typed_hours_are_refused_and_change_nothing(
    harness: Harness, typed: str, answer: str
) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    wang = hw.user("王阿姨")
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    await wang.press("📝 上报时长", message_id=menu.message_id)
    await wang.wait_message(contains=said("hours.report.day"))
    await wang.press("今天")
    await wang.wait_message(contains=said("hours.report.hours"))
    await wang.press("⌨️ 其他时长（打字）")
    await wang.wait_message(contains=said("hours.report.hours_typed"))
    await wang.send(typed)
    await wang.wait_message(contains=said(answer))
    [draft] = [r for r in await hw.all_records() if r.member_id == hw.ids["王阿姨"]]
    assert (draft.state, draft.halves) == ("draft", 0)
    # The step is still waiting: a right answer now goes on.
    await wang.send("1.5")
    await wang.wait_message(contains=said("hours.report.team"))


async def test_dates_in_the_future_or_too_old_are_refused(harness: Harness) -> None:
    harness.clock.set(T0)  # 2026-03-02 in Shanghai
    hw = await hours_world(harness, settings={"hours_max_age_days": 30})
    wang = hw.user("王阿姨")
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    await wang.press("📝 上报时长", message_id=menu.message_id)
    await wang.wait_message(contains=said("hours.report.day"))
    await wang.press("📅 更早的日期（打字）")
    await wang.wait_message(contains=said("hours.report.day_typed", days=30))
    await wang.send("2026-03-05")
    await wang.wait_message(contains=said("hours.refuse.future"))
    await wang.send("2026年1月5日")
    await wang.wait_message(contains=said("hours.refuse.too_old", days=30))
    await wang.send("上礼拜")
    await wang.wait_message(contains=said("hours.refuse.bad_date"))
    rid = await draft_id(hw, "王阿姨")
    answer = await wang.press_data(ReportDay(rid, date(2026, 3, 10)).data, await last_id(wang))
    assert "将来" in (answer.get("text") or "")
    [draft] = [r for r in await hw.all_records() if r.member_id == hw.ids["王阿姨"]]
    assert draft.day is None
    await wang.send("2月20日")
    await wang.wait_message(contains=said("hours.report.hours"))


async def test_twelve_hours_a_day_and_a_likely_duplicate_is_questioned(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await add_record(hw, "王阿姨", "社区治安巡逻队", "2026-03-01", 16)  # 8 h approved
    await open_report(hw, "王阿姨", "昨天", "6", "社区环保队")
    wang = hw.user("王阿姨")
    await wang.send("清理绿化带垃圾")
    card = await wang.wait_message(contains=said("hours.report.card"))
    refused = await wang.press("📤 提交审核", message_id=card.message_id)
    assert "已经有 8 小时" in (refused.get("text") or "")
    assert [r.state for r in await hw.records("王阿姨")] == ["approved"]
    # Change to 4 h: exactly 12 that day is fine; the same again is questioned.
    await wang.press("改时长", message_id=card.message_id)
    await wang.wait_message(contains=said("hours.report.hours"))
    await wang.press("2")
    card = await wang.wait_message(contains=said("hours.report.card"))
    await wang.press("📤 提交审核", message_id=card.message_id)
    await wang.wait_message(contains=said("hours.report.submitted"))
    await open_report(hw, "王阿姨", "昨天", "2", "社区环保队")
    await wang.send("又去清理了一次")
    card = await wang.wait_message(contains=said("hours.report.card"))
    await wang.press("📤 提交审核", message_id=card.message_id)
    ask = await wang.wait_message(contains=said("hours.report.duplicate"))
    assert [r.state for r in await hw.records("王阿姨")] == ["approved", "pending"]
    await wang.press("是的，再报一条", message_id=ask.message_id)
    await wang.wait_message(contains=said("hours.report.submitted"))
    assert [r.state for r in await hw.records("王阿姨")] == ["approved", "pending", "pending"]


async def test_nobody_reports_for_another_or_decides_their_own_or_another_teams(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await open_report(hw, "王阿姨", "今天", "2", "社区治安巡逻队")
    rid = await draft_id(hw, "王阿姨")
    li = hw.user("李大爷")
    await li.send("/help")
    anchor = await last_id(li)
    for data in (
        ReportHours(rid, 24).data,
        SubmitReport(rid, anyway=False).data,
        CancelReport(rid).data,
        ReportTypeIn(rid, "what").data,
    ):
        answer = await li.press_data(data, anchor)
        assert "不能替别人" in (answer.get("text") or ""), data
    [draft] = [r for r in await hw.all_records() if r.member_id == hw.ids["王阿姨"]]
    assert (draft.state, draft.halves) == ("draft", 4)

    # The patrol team's leader reports his own hours: he may not approve them.
    await open_report(hw, "巡逻队长", "今天", "3", "社区治安巡逻队")
    leader = hw.user("巡逻队长")
    await leader.send("巡逻")
    card = await leader.wait_message(contains=said("hours.report.card", what="巡逻"))
    await leader.press("📤 提交审核", message_id=card.message_id)
    await leader.wait_message(contains=said("hours.report.submitted", team="社区治安巡逻队"))
    [item] = await hw.approvals()
    answer = await leader.press_data(Approve(item.id).data, await last_id(leader))
    assert "不能审核自己" in (answer.get("text") or "")
    # The environment team's leader may not decide the patrol team's hours; a member neither.
    env = hw.user("环保队长")
    await env.send("/help")
    answer = await env.press_data(Approve(item.id).data, await last_id(env))
    assert "只能审核和统计本队" in (answer.get("text") or "")
    answer = await env.press_data(Decline(item.id).data, await last_id(env))
    assert "只能审核和统计本队" in (answer.get("text") or "")
    answer = await li.press_data(Approve(item.id).data, anchor)
    assert "只有队长或支部书记" in (answer.get("text") or "")
    assert [r.state for r in await hw.records("巡逻队长")] == ["pending"]
    # The secretary may.
    sec = hw.user("书记老张")
    ask = await sec.wait_message(contains=said("hours.approve.new"))
    await sec.press("✅ 通过", message_id=ask.message_id)
    await leader.wait_message(contains=said("hours.result.approved", team="社区治安巡逻队"))
    assert [r.state for r in await hw.records("巡逻队长")] == ["approved"]
