"""Leave goes up, never back to the person asking; each decision leaves an audit row."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox.client import SandboxUser
from handlers.meetings.buttons import ApproveLeave
from storage.models.core import AuditEntry
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
    messages_containing,
    newest_meeting,
    notice_keys,
    recipients,
    start_sender,
)
from tests.said import said

PEOPLE = [
    SECRETARY,
    Person("委员老李", group="第二党小组", role="committee"),
    Person("一组组长", group="第一党小组", role="group_leader"),
    Person("王阿姨", group="第一党小组"),
]


async def audit_rows(h: Harness, action: str, branch_ids: list[int]) -> list[AuditEntry]:
    """This test's rows (the database may hold other tests' branches)."""
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.branch_id.in_(branch_ids))
            .order_by(AuditEntry.id)
        )
        return list(rows)


async def _ask_leave(user: SandboxUser) -> None:
    seen = await messages_containing(user, said("meetings.notice.new"))
    notice = seen[0] if seen else await user.wait_message(contains=said("meetings.notice.new"))
    await user.press("📝 请假", message_id=notice.message_id)
    await user.wait_message(contains=said("meetings.leave.choose_reason"))
    await user.press("身体不适")


async def _meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-05 19:00 | 活动室 | 党史学习")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def test_officers_leave_goes_up_and_nobody_approves_their_own(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    meeting_id = await _meeting(harness, w)
    leader, sec, li = w.user("一组组长"), w.user("书记老张"), w.user("委员老李")

    # The group leader's leave goes to the secretary only, not back to him.
    await _ask_leave(leader)
    await leader.wait_message(contains=said("meetings.leave.sent"))
    keys = await notice_keys(harness, w.branch_id, "leave:")
    assert len(keys) == 1
    assert await recipients(harness, keys[0]) == [w.ids["书记老张"]]
    leader_leave = int(keys[0].split(":")[1])
    # A forged (or replayed) 批准 by himself is refused server-side and changes nothing.
    refused = await leader.press_data(ApproveLeave(leader_leave).data, await last_id(leader))
    assert "不能审批自己" in (refused.get("text") or "")
    assert (await attendance(harness, meeting_id))[w.ids["一组组长"]].state == "leave_pending"
    request = await sec.wait_message(contains=said("meetings.leave.ask"))
    assert "一组组长" in request.body
    await sec.press("✅ 批准", message_id=request.message_id)
    await leader.wait_message(contains=said("meetings.leave.approved"))

    # The secretary's own leave goes to the committee member.
    await _ask_leave(sec)
    await sec.wait_message(contains=said("meetings.leave.sent"))
    keys = await notice_keys(harness, w.branch_id, "leave:")
    ask = [k for k in keys if k.endswith(":ask") and k != f"leave:{leader_leave}:ask"]
    assert len(ask) == 1
    assert await recipients(harness, ask[0]) == [w.ids["委员老李"]]
    sec_leave = int(ask[0].split(":")[1])
    refused = await sec.press_data(ApproveLeave(sec_leave).data, await last_id(sec))
    assert "不能审批自己" in (refused.get("text") or "")
    request = await li.wait_message(contains=said("meetings.leave.ask"))
    await li.press("❌ 不批准", message_id=request.message_id)
    await sec.wait_message(contains=said("meetings.leave.declined"))
    rows = await attendance(harness, meeting_id)
    assert rows[w.ids["书记老张"]].state == "leave_declined"

    approved = await audit_rows(harness, "leave.approved", [w.branch_id])
    declined = await audit_rows(harness, "leave.declined", [w.branch_id])
    assert [(a.actor_tg_id, a.target_id) for a in approved] == [(sec.id, leader_leave)]
    assert [(a.actor_tg_id, a.target_id) for a in declined] == [(li.id, sec_leave)]
    assert approved[0].after == {"meeting_id": meeting_id, "member_id": w.ids["一组组长"]}


async def test_a_secretary_with_nobody_above_records_leave_as_reported(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    meeting_id = await _meeting(harness, w)
    sec = w.user("书记老张")
    await _ask_leave(sec)
    await sec.wait_message(contains=said("meetings.leave.self_reported"))
    assert await notice_keys(harness, w.branch_id, "leave:") == []
    assert (await attendance(harness, meeting_id))[w.ids["书记老张"]].state == "leave_approved"
    reported = await audit_rows(harness, "leave.self_reported", [w.branch_id])
    assert [a.actor_tg_id for a in reported] == [sec.id]
