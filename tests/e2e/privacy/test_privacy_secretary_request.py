"""A secretary's own data request: no other secretary in the branch, so the operator decides it
through /approve; nobody decides their own, and the operator never decides the branch's part."""

from __future__ import annotations

from sqlalchemy import select

from bot.texts import t
from handlers.privacy.buttons import ApproveRequest
from storage.models.approvals import ApprovalRequest
from tests.e2e.conftest import Harness
from tests.e2e.members.support import approve_member, branch_with_secretary
from tests.e2e.privacy.support import audit_actions, branch_id
from tests.said import said


async def _approval_ids(h: Harness, branch: int) -> list[int]:
    async with h.data.db.read() as s:
        rows = await s.scalars(
            select(ApprovalRequest.id)
            .where(ApprovalRequest.kind == "data_request", ApprovalRequest.branch_id == branch)
            .order_by(ApprovalRequest.id)
        )
        return list(rows)


async def test_a_lone_secretarys_request_goes_to_the_operator(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec, operator = setup.secretary, harness.operator
    person = await approve_member(harness, setup, "老吴", "吴桂英")
    bid = await branch_id(harness, setup.name)

    await sec.send("/mydata")
    head = await sec.wait_message(contains=said("privacy.mydata.head"))
    await sec.press(t("privacy.btn.correct", "zh"), message_id=head.message_id)
    await sec.wait_message(contains=said("privacy.mydata.ask_correct"))
    await sec.send("我的工作单位应为 区卫生院")
    sent = await sec.wait_message(
        contains=said("privacy.request.sent", kind=t("privacy.kind.correct", "zh"))
    )
    assert "机器人管理员" in (sent.text or "")  # told at once where it goes
    notice = await operator.wait_message(contains=said("privacy.request.operator_notice"))

    # A member's request stays the secretary's: the operator may not take it.
    await person.send("/mydata")
    p_head = await person.wait_message(contains=said("privacy.mydata.head"))
    await person.press(t("privacy.btn.correct", "zh"), message_id=p_head.message_id)
    await person.wait_message(contains=said("privacy.mydata.ask_correct"))
    await person.send("手机号应为 13900004444")
    await person.wait_message(
        contains=said("privacy.request.sent", kind=t("privacy.kind.correct", "zh"))
    )
    own, members = await _approval_ids(harness, bid)
    taken = await operator.press_data(ApproveRequest(members).data, notice.message_id)
    assert "只有支部书记" in (taken.get("text") or "")

    # Nobody decides their own, whatever the button data says.
    refused = await sec.press_data(ApproveRequest(own).data, head.message_id)
    assert "不能处理自己的申请" in (refused.get("text") or "")

    await operator.send("/approve")
    item = await operator.wait_message(
        contains=said("privacy.approve.item", text="我的工作单位应为 区卫生院")
    )
    await operator.press(t("privacy.btn.approve", "zh"), message_id=item.message_id)
    await operator.wait_message(contains=said("privacy.approve.approved"))
    await sec.wait_message(contains=said("privacy.told.correct.yes.op"))
    [decided] = await audit_actions(harness, bid, "data_request.approve")
    assert decided.actor_tg_id == operator.id and decided.target_id == own
    again = await operator.press_data(ApproveRequest(own).data, item.message_id)
    assert "已经处理过" in (again.get("text") or "")
