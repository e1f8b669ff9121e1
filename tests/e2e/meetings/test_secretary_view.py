"""Issue 11, item 9: names, not only counts — who has not checked in, the pending leave
requests themselves in /approve (exactly those this officer may decide), an officer's to-do."""

from __future__ import annotations

from datetime import timedelta

from handlers.meetings.buttons import ManageMeeting
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
    start_sender,
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China
PEOPLE = [
    SECRETARY,
    Person("委员老李", role="committee"),
    Person("组长老刘", group="第一党小组", role="group_leader"),
    Person("王阿姨", group="第一党小组"),
    Person("赵叔", group="第二党小组"),
]


async def meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 学习党章")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def ask_leave(w: World, name: str) -> None:
    user = w.user(name)
    notice = await user.wait_message(contains=said("meetings.notice.new"))
    await user.press("📝 请假", message_id=notice.message_id)
    await user.wait_message(contains=said("meetings.leave.choose_reason"))
    await user.press("身体不适")
    await user.wait_message(contains=said("meetings.leave.choose_reason"))


async def test_the_code_screen_and_card_name_who_has_not_checked_in(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    mid = await meeting(harness, w)
    harness.clock.set(START)
    sec = w.user("书记老张")
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    assert "还没签到：委员老李、组长老刘、王阿姨、赵叔" in screen.body
    await sec.press_data(ManageMeeting(mid).data, screen.message_id)
    card = await sec.wait_message(contains=said("meetings.summary.counts_open"))
    assert "还没签到：委员老李、组长老刘、王阿姨、赵叔" in card.body


async def test_approve_lists_the_leave_requests_this_officer_may_decide(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    await start_sender(harness)
    await meeting(harness, w)
    for name in ("王阿姨", "赵叔", "委员老李"):
        await ask_leave(w, name)
    # The group leader: her own group's request only, with working buttons.
    liu = w.user("组长老刘")
    await liu.send("/approve")
    await liu.wait_message(contains=said("members.approve.leaves", n=1))
    request = await liu.wait_message(contains=said("meetings.leave.ask"))
    assert "王阿姨" in request.body and "身体不适" in request.body
    await liu.press("✅ 批准", message_id=request.message_id)
    await w.user("王阿姨").wait_message(contains=said("meetings.leave.approved"))
    # The committee member: never her own request; the others below her.
    li = w.user("委员老李")
    await li.send("/approve")
    await li.wait_message(contains=said("members.approve.leaves", n=1))
    shown = await li.wait_message(contains=said("meetings.leave.ask"))
    assert "赵叔" in shown.body and "委员老李" not in shown.body.split("申请不参加")[0]
    # The secretary's /start: a short to-do list pointing at /approve.
    sec = w.user("书记老张")
    await sec.send("/start")
    todo = await sec.wait_message(contains=said("home.todo.head"))
    assert "2 条请假申请" in todo.body and "/approve" in todo.body


async def test_refusals_name_who_may(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    liu, wang = w.user("组长老刘"), w.user("王阿姨")
    # A group leader refused /settings is not told that group leaders may change them.
    await liu.send("/settings")
    refused = await liu.wait_message(contains=said("meetings.refuse.secretary_only"))
    assert "只有支部书记" in refused.body and "党小组长" not in refused.body
    # A member refused /members learns who may look at the roster.
    await wang.send("/members")
    refused = await wang.wait_message(contains=said("members.refuse.officers_only"))
    assert "党小组长" in refused.body and "支委" in refused.body
