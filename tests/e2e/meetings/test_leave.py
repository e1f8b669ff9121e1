"""请假 and 参加 on the notice: reasons, who may decide, forged and foreign buttons."""

from __future__ import annotations

from handlers.meetings.buttons import ApproveLeave, AskLeave, DeclineLeave, Going, LeaveReason
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    attendance,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
    notice_keys,
    recipients,
    start_sender,
)
from tests.said import said

PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("一组组长", group="第一党小组", role="group_leader"),
    Person("二组组长", group="第二党小组", role="group_leader"),
]


async def test_leave_with_a_reason_is_decided_once_by_the_right_people(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-05 19:00 | 活动室 | 党史学习")
    await sec.wait_message(contains=said("meetings.new.created"))
    meeting = await newest_meeting(harness, w.branch_id)
    wang = w.user("王阿姨")
    notice = await wang.wait_message(contains=said("meetings.notice.new"))
    await wang.press("✅ 参加", message_id=notice.message_id)
    await wang.wait_message(contains=said("meetings.going.ok"))
    await wang.press("📝 请假", message_id=notice.message_id)
    await wang.wait_message(contains=said("meetings.leave.choose_reason"))
    await wang.press("身体不适")
    await wang.wait_message(contains=said("meetings.leave.sent"))

    leave_keys = await notice_keys(harness, w.branch_id, "leave:")
    assert len(leave_keys) == 1
    approvers = await recipients(harness, leave_keys[0])
    assert approvers == sorted([w.ids["书记老张"], w.ids["一组组长"]])

    # The other group's leader and a plain member cannot decide, even with a forged button.
    leave_id = int(leave_keys[0].split(":")[1])
    other = w.user("二组组长")
    await other.send("/help")
    msg = await other.wait_message()
    refused = await other.press_data(ApproveLeave(leave_id).data, msg.message_id)
    assert "只有" in (refused.get("text") or "")
    li = w.user("李大爷")
    await li.send("/help")
    msg = await li.wait_message()
    refused = await li.press_data(DeclineLeave(leave_id).data, msg.message_id)
    assert "只有" in (refused.get("text") or "")
    assert (await attendance(harness, meeting.id))[w.ids["王阿姨"]].state == "leave_pending"

    leader = w.user("一组组长")
    request = await leader.wait_message(contains=said("meetings.leave.ask"))
    assert "身体不适" in request.body and "王阿姨" in request.body
    await leader.press("✅ 批准", message_id=request.message_id)
    result = await wang.wait_message(contains=said("meetings.leave.approved"))
    assert "一组组长" in result.body
    request_for_sec = await sec.wait_message(contains=said("meetings.leave.ask"))
    late = await sec.press("❌ 不批准", message_id=request_for_sec.message_id)
    assert "已经处理过了" in (late.get("text") or "")
    assert (await attendance(harness, meeting.id))[w.ids["王阿姨"]].state == "leave_approved"
    # Asking again changes nothing.
    await wang.press("📝 请假", message_id=notice.message_id)
    assert (await attendance(harness, meeting.id))[w.ids["王阿姨"]].state == "leave_approved"


async def test_typed_reason_declined_then_asked_again(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE[:3])
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-05 19:00 | 活动室 | 党史学习")
    await sec.wait_message(contains=said("meetings.new.created"))
    meeting = await newest_meeting(harness, w.branch_id)
    li = w.user("李大爷")
    notice = await li.wait_message(contains=said("meetings.notice.new"))
    await li.press("📝 请假", message_id=notice.message_id)
    await li.wait_message(
        contains=said("meetings.leave.choose_reason")
    )  # the choice comes after the answer
    await li.press("其他")
    await li.wait_message(contains=said("meetings.leave.type_reason"))
    await li.send("要去医院陪老伴复查")
    await li.wait_message(contains=said("meetings.leave.sent"))
    ask = await sec.wait_message(contains=said("meetings.leave.ask"))
    assert "要去医院陪老伴复查" in ask.body
    declined = await sec.press("❌ 不批准", message_id=ask.message_id)
    assert "未批准 李大爷 的请假" in (declined.get("text") or "")
    await li.wait_message(contains=said("meetings.leave.declined"))
    assert (await attendance(harness, meeting.id))[w.ids["李大爷"]].state == "leave_declined"
    await li.press("📝 请假", message_id=notice.message_id)
    await li.wait_message(
        contains=said("meetings.leave.choose_reason")
    )  # the choice comes after the answer
    await li.press("外出")
    await li.wait_message(contains=said("meetings.leave.sent"))
    assert (await attendance(harness, meeting.id))[w.ids["李大爷"]].state == "leave_pending"


async def test_buttons_of_a_meeting_one_is_not_invited_to_are_refused(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 支委会 | 2026-03-05 19:00 | 书记办公室 | 月度支委会")
    await sec.wait_message(contains=said("meetings.new.created"))
    meeting = await newest_meeting(harness, w.branch_id)
    assert meeting.audience == "committee"
    wang = w.user("王阿姨")
    await wang.send("/help")
    msg = await wang.wait_message()
    for data in (
        AskLeave(meeting.id).data,
        Going(meeting.id).data,
        LeaveReason(meeting.id, "ill").data,
    ):
        answer = await wang.press_data(data, msg.message_id)
        assert "不需要您参加" in (answer.get("text") or "")
    answer = await wang.press_data(AskLeave(999999999).data, msg.message_id)
    assert "没有找到" in (answer.get("text") or "")
    assert await attendance(harness, meeting.id) == {}


async def test_typed_reason_while_the_picker_shows_is_taken(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE[:3])
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-05 19:00 | 活动室 | 党史学习")
    await sec.wait_message(contains=said("meetings.new.created"))
    meeting = await newest_meeting(harness, w.branch_id)
    wang = w.user("王阿姨")
    notice = await wang.wait_message(contains=said("meetings.notice.new"))
    await wang.press("📝 请假", message_id=notice.message_id)
    picker = await wang.wait_message(contains=said("meetings.leave.choose_reason"))
    await wang.send("身体不好，住院了")
    await wang.wait_message(contains=said("meetings.leave.sent"))
    assert (await attendance(harness, meeting.id))[w.ids["王阿姨"]].state == "leave_pending"
    ask = await sec.wait_message(contains=said("meetings.leave.ask"))
    assert "身体不好，住院了" in ask.body
    # The picker's buttons are gone, and the next message is not taken as a reason.
    shown = {m.message_id: m for m in await wang.messages()}
    assert shown[picker.message_id].inline_buttons == []
    await wang.send("谢谢")
    reply = await wang.wait_message()
    assert "请假申请已提交" not in reply.body
    assert len(await notice_keys(harness, w.branch_id, "leave:")) == 1
