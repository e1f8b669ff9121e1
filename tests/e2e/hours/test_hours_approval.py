"""Approval: decline with a quick or typed reason, approve all, edit or withdraw while pending;
the typed step survives a restart (the flow lives in the database)."""

from __future__ import annotations

from handlers.hours.buttons import WithdrawRecord
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, hours_world, open_report
from tests.e2e.meetings.world import meetings_cleanup, restart, start_sender  # noqa: F401
from tests.said import said


async def _submit(hw_user: object, what: str) -> None:
    from bot.sandbox.client import SandboxUser

    assert isinstance(hw_user, SandboxUser)
    await hw_user.send(what)
    card = await hw_user.wait_message(contains=said("hours.report.card"))
    await hw_user.press("📤 提交审核", message_id=card.message_id)
    await hw_user.wait_message(contains=said("hours.report.submitted"))


async def test_decline_with_reasons_and_approve_all(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    for name, hours in (("王阿姨", "1"), ("李大爷", "2"), ("小钱", "3")):
        await open_report(hw, name, "今天", hours, "社区治安巡逻队")
        await _submit(hw.user(name), f"{name}巡逻")
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("✅ 待审核（3）", message_id=menu.message_id)
    await leader.wait_message(contains=said("hours.approve.title"))
    item = await leader.wait_message(contains=said("hours.approve.item", name="李大爷"))
    await leader.press("❌ 不通过", message_id=item.message_id)
    picker = await leader.wait_message(contains=said("hours.approve.reason"))
    await leader.press("无法核实", message_id=picker.message_id)
    told = await hw.user("李大爷").wait_message(contains=said("hours.result.declined"))
    assert "无法核实" in told.body
    # 小钱's item was listed before the press above (and a pipelined outbox may also have
    # delivered her "new hours" notice by then): take it from the chat, not from what comes next.
    item = next(
        m
        for m in reversed(await leader.messages())
        if m.body.startswith("小钱") and "❌ 不通过" in m.button_texts()
    )
    await leader.press("❌ 不通过", message_id=item.message_id)
    picker = await leader.wait_message(contains=said("hours.approve.reason"))
    await leader.press("其他原因（打字）", message_id=picker.message_id)
    await leader.wait_message(contains=said("hours.approve.reason_typed"))
    await leader.send("当天巡逻队没有排班，请核对日期")
    await leader.wait_message(contains=said("hours.approve.declined", name="小钱"))
    told = await hw.user("小钱").wait_message(contains=said("hours.result.declined"))
    assert "当天巡逻队没有排班" in told.body
    await leader.send("/hours")
    menu = await leader.wait_message(contains=said("hours.menu"))
    await leader.press("✅ 待审核（1）", message_id=menu.message_id)
    head = await leader.wait_message(contains=said("hours.approve.title"))
    await leader.press("✅ 全部通过", message_id=head.message_id)
    await leader.wait_message(contains=said("hours.approve.all_done", n=1))
    states = {r.member_id: r.state for r in await hw.all_records() if r.state != "draft"}
    assert states[hw.ids["李大爷"]] == "declined" and states[hw.ids["小钱"]] == "declined"
    assert [r.state for r in await hw.records("王阿姨")] == ["approved"]
    # A reason typed by the decliner is kept on the record and in the queue.
    [li] = await hw.records("李大爷")
    assert li.reason == "无法核实"


async def test_edit_and_withdraw_while_pending_then_locked(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await open_report(hw, "王阿姨", "今天", "2", "社区治安巡逻队")
    wang = hw.user("王阿姨")
    await _submit(wang, "巡逻")
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    await wang.press("📋 我的记录", message_id=menu.message_id)
    mine = await wang.wait_message(contains=said("hours.mine.title"))
    await wang.press("✏️ 修改 3/2 2h", message_id=mine.message_id)
    card = await wang.wait_message(contains=said("hours.report.card"))
    assert [r.state for r in await hw.all_records()] == ["draft"]
    await wang.press("改时长", message_id=card.message_id)
    await wang.wait_message(contains=said("hours.report.hours"))
    await wang.press("3")
    card = await wang.wait_message(contains=said("hours.report.card"))
    await wang.press("📤 提交审核", message_id=card.message_id)
    await wang.wait_message(contains=said("hours.report.submitted"))
    [record] = await hw.records("王阿姨")
    assert (record.state, record.halves) == ("pending", 6)
    [item] = await hw.approvals()
    assert item.state == "pending"  # the same request, reopened
    await wang.press("📋 我的记录", message_id=menu.message_id)
    mine = await wang.wait_message(contains=said("hours.mine.title"))
    await wang.press("↩️ 撤回 3/2 3h", message_id=mine.message_id)
    await wang.wait_message(contains=said("hours.report.withdrawn"))
    assert [r.state for r in await hw.records("王阿姨")] == ["withdrawn"]
    assert [a.state for a in await hw.approvals()] == ["withdrawn"]
    answer = await wang.press_data(WithdrawRecord(record.id).data, mine.message_id)
    assert "不能再修改或撤回" in (answer.get("text") or "")
    actions = await hw.audit_actions()
    assert {"hours.record.edit", "hours.record.withdraw"} <= set(actions)


async def test_a_typed_step_survives_a_restart(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await open_report(hw, "王阿姨", "今天", "1.5", "社区环保队")
    await restart(harness)
    wang = hw.user("王阿姨")
    await wang.send("捡拾小区垃圾")
    card = await wang.wait_message(contains=said("hours.report.card"))
    assert "捡拾小区垃圾" in card.body and "1.5小时" in card.body


async def test_a_team_leader_without_a_branch_office_finds_the_report_in_approve(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    await open_report(hw, "王阿姨", "今天", "1", "社区治安巡逻队")
    await _submit(hw.user("王阿姨"), "王阿姨巡逻")
    leader = hw.user("巡逻队长")
    await leader.send("/approve")
    await leader.wait_message(contains=said("hours.approve.title"))
    item = await leader.wait_message(contains=said("hours.approve.item", name="王阿姨"))
    await leader.press("✅ 通过", message_id=item.message_id)
    await hw.user("王阿姨").wait_message(contains=said("hours.result.approved"))
    # A member who leads nothing is still told /approve is not for them.
    plain = hw.user("李大爷")
    await plain.send("/approve")
    refused = await plain.wait_message()
    assert "待审核的志愿时长" not in refused.body
