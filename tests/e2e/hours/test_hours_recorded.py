"""A team leader records a whole activity afterwards; each person is told and may dispute."""

from __future__ import annotations

from datetime import date

from handlers.hours.buttons import Dispute, FinishRecord, OpenDefault, RecordSheet, TickPerson
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, add_record, hours_world
from tests.e2e.meetings.world import last_id, meetings_cleanup, start_sender  # noqa: F401
from tests.said import said


async def test_record_an_activity_with_taps_dispute_and_approve(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await add_record(hw, "小钱", "社区环保队", "2026-02-28", 20)  # 10 h that day already
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("🧾 登记活动", message_id=menu.message_id)
    await leader.wait_message(contains=said("hours.activity.choose_team"))
    await leader.press("社区治安巡逻队")
    await leader.wait_message(contains=said("hours.recorded.choose_day"))
    await leader.press("2/28")
    await leader.wait_message(contains=said("hours.recorded.choose_hours"))
    await leader.press("3")
    sheet = await leader.wait_message(contains=said("hours.recorded.sheet"))
    # Tap three people; tapping 李大爷 twice more unticks and ticks him again.
    for name, mark in (("王阿姨", "⬜"), ("李大爷", "⬜"), ("小钱", "⬜"), ("李大爷", "✅")):
        await leader.press(f"{mark} {name}", message_id=sheet.message_id)
        await leader.wait_message(contains=said("hours.recorded.sheet"))
    await leader.press("⬜ 李大爷", message_id=sheet.message_id)
    shown = await leader.wait_message(contains=said("hours.recorded.sheet"))
    assert "📤 提交（3人）" in [b["text"] for row in shown.inline_buttons for b in row]
    await leader.press("📤 提交（3人）", message_id=sheet.message_id)
    done = await leader.wait_message(contains=said("hours.recorded.done"))
    assert "王阿姨" in done.body and "李大爷" in done.body
    assert "未登记：小钱" in done.body  # 10 h + 3 h would pass 12 h
    wang, li = hw.user("王阿姨"), hw.user("李大爷")
    notice = await wang.wait_message(contains=said("hours.recorded.notice"))
    assert "3小时" in notice.body and "巡逻队长" in notice.body
    li_notice = await li.wait_message(contains=said("hours.recorded.notice"))
    answer = await li.press("❗ 我没参加", message_id=li_notice.message_id)
    assert "已记下您的异议" in (answer.get("text") or "")
    again = await li.press("❗ 时长不对", message_id=li_notice.message_id)
    assert "已经提出过异议" in (again.get("text") or "")
    # Someone else cannot dispute 王阿姨's record.
    wang_id = (await hw.records("王阿姨"))[0].id
    forged = await li.press_data(Dispute(wang_id, "absent").data, li_notice.message_id)
    assert "不能替别人" in (forged.get("text") or "")

    sec = hw.user("书记老张")
    await sec.send("/hours")
    menu = await sec.wait_message(contains=said("hours.menu"))
    await sec.press("✅ 待审核（2）", message_id=menu.message_id)
    head = await sec.wait_message(contains=said("hours.approve.title"))
    item = await sec.wait_message(contains=said("hours.dispute.absent"))
    assert "巡逻队长 登记" in item.body
    await sec.press("✅ 全部通过", message_id=head.message_id)
    await sec.wait_message(contains=said("hours.approve.all_done", n=1))
    await sec.press("❌ 不通过", message_id=item.message_id)
    picker = await sec.wait_message(contains=said("hours.approve.reason"))
    await sec.press("时长与实际不符", message_id=picker.message_id)
    await li.wait_message(contains=said("hours.result.declined"))
    assert [r.state for r in await hw.records("王阿姨")] == ["approved"]
    assert [r.state for r in await hw.records("李大爷")] == ["declined"]
    assert [r.state for r in await hw.records("小钱")] == ["approved"]  # only the old one
    assert "hours.record.dispute" in await hw.audit_actions()


async def test_only_a_leader_of_the_team_or_an_officer_records(harness: Harness) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    env = hw.user("环保队长")
    await env.send("/help")
    patrol = hw.teams["社区治安巡逻队"]
    for data in (
        RecordSheet(patrol, date(2026, 3, 1), 4).data,
        TickPerson(patrol, date(2026, 3, 1), 4, hw.ids["王阿姨"]).data,
        FinishRecord(patrol, date(2026, 3, 1), 4).data,
        OpenDefault(patrol, "now", 2).data,
    ):
        answer = await env.press_data(data, await last_id(env))
        assert "只有队长或支部书记" in (answer.get("text") or ""), data
    leader = hw.user("巡逻队长")
    await leader.send("/help")
    future = await leader.press_data(
        RecordSheet(patrol, date(2026, 3, 10), 4).data, await last_id(leader)
    )
    assert "将来" in (future.get("text") or "")
    assert [r for r in await hw.all_records()] == []
