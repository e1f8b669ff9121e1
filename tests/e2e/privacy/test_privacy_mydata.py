"""/mydata: the member's own data as files; correction and deletion through the secretary."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook
from sqlalchemy import select

from bot.texts import t
from handlers.core_buttons import OpenMyData
from handlers.privacy.buttons import ApproveRequest, ExportAudit
from storage.models.approvals import ApprovalRequest
from storage.models.core import AuditEntry
from tests.e2e.conftest import Harness
from tests.e2e.members.support import approve_member, branch_with_secretary, member_row
from tests.e2e.privacy.support import account, audit_actions, branch_id, download
from tests.said import said


async def _approval_ids(h: Harness, branch: int, kind: str = "data_request") -> list[int]:
    async with h.data.db.read() as s:
        rows = await s.scalars(
            select(ApprovalRequest.id)
            .where(ApprovalRequest.kind == kind, ApprovalRequest.branch_id == branch)
            .order_by(ApprovalRequest.id)
        )
        return list(rows)


async def test_mydata_files_and_a_correction_decided_by_the_secretary(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    person = await approve_member(harness, setup, "老孙", "孙志刚", group="第一党小组")
    await person.send("/mydata")
    first = await person.wait_message(contains=said("privacy.mydata.caption"))
    second = await person.wait_message(contains=said("privacy.mydata.caption"))
    head = await person.wait_message(contains=said("privacy.mydata.head"))
    names = {first.document["file_name"], second.document["file_name"]}  # type: ignore[index]
    assert all("含个人信息" in n for n in names)
    xlsx = next(d for d in (first, second) if d.document["file_name"].endswith(".xlsx"))  # type: ignore[index]
    raw = next(d for d in (first, second) if d.document["file_name"].endswith(".json"))  # type: ignore[index]
    book = load_workbook(io.BytesIO(await download(person, xlsx.document)))  # type: ignore[arg-type]
    assert {"member", "telegram_account", "privacy_consents"} <= set(book.sheetnames)
    cells = [c for row in book["member"].iter_rows(values_only=True) for c in row]
    assert "孙志刚" in cells and "第一党小组" in cells
    doc = json.loads(await download(person, raw.document))  # type: ignore[arg-type]
    assert doc["sections"]["member"][0]["name"] == "孙志刚"
    assert doc["sections"]["privacy_consents"][0]["version"] == "default-1"
    assert "approval_requests" not in doc["sections"]  # his application was not an approval row
    bid = await branch_id(harness, setup.name)
    assert len(await audit_actions(harness, bid, "privacy.export_own")) == 1

    await person.press(t("privacy.btn.correct", "zh"), message_id=head.message_id)
    await person.wait_message(contains=said("privacy.mydata.ask_correct"))
    await person.send("我的手机号应为 13900001111")
    await person.wait_message(
        contains=said("privacy.request.sent", kind=t("privacy.kind.correct", "zh"))
    )
    await sec.wait_message(
        contains=said("privacy.request.secretary_notice", kind=t("privacy.kind.correct", "zh"))
    )
    [approval] = await _approval_ids(harness, bid)
    # The requester cannot decide it (nor can any non-secretary), whatever button data says.
    refused = await person.press_data(ApproveRequest(approval).data, head.message_id)
    assert "只有支部书记" in (refused.get("text") or "")
    await sec.send("/approve")
    item = await sec.wait_message(
        contains=said("privacy.approve.item", text="我的手机号应为 13900001111")
    )
    await sec.press(t("privacy.btn.approve", "zh"), message_id=item.message_id)
    await sec.wait_message(contains=said("privacy.approve.approved"))
    await person.wait_message(contains=said("privacy.told.correct.yes"))
    again = await sec.press_data(ApproveRequest(approval).data, item.message_id)
    assert "已经处理过" in (again.get("text") or "")


async def test_deletion_keeps_only_what_the_branch_must_anonymised(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    url = harness.settings.database_url
    person = await approve_member(harness, setup, "老钱", "钱玉梅")
    before = await member_row(url, setup.name, "钱玉梅")
    assert before is not None
    await person.send("/mydata")
    head = await person.wait_message(contains=said("privacy.mydata.head"))
    await person.press(t("privacy.btn.delete", "zh"), message_id=head.message_id)
    confirm = await person.wait_message(contains=said("privacy.mydata.confirm_delete"))
    await person.press(t("privacy.btn.confirm_delete", "zh"), message_id=confirm.message_id)
    await person.wait_message(
        contains=said("privacy.request.sent", kind=t("privacy.kind.delete", "zh"))
    )
    # Asking twice makes no second request.
    await person.send("/mydata")
    head2 = await person.wait_message(contains=said("privacy.mydata.head"))
    await person.press(t("privacy.btn.delete", "zh"), message_id=head2.message_id)
    confirm2 = await person.wait_message(contains=said("privacy.mydata.confirm_delete"))
    twice = await person.press(
        t("privacy.btn.confirm_delete", "zh"), message_id=confirm2.message_id
    )
    assert "已有一件同样的申请" in (twice.get("text") or "")
    # The secretary's own request is not theirs to decide.
    await sec.send("/mydata")
    own_head = await sec.wait_message(contains=said("privacy.mydata.head"))
    await sec.press(t("privacy.btn.delete", "zh"), message_id=own_head.message_id)
    own_confirm = await sec.wait_message(contains=said("privacy.mydata.confirm_delete"))
    await sec.press(t("privacy.btn.confirm_delete", "zh"), message_id=own_confirm.message_id)
    await sec.wait_message(
        contains=said("privacy.request.sent", kind=t("privacy.kind.delete", "zh"))
    )
    bid = await branch_id(harness, setup.name)
    person_request, own_request = await _approval_ids(harness, bid)
    refused = await sec.press_data(ApproveRequest(own_request).data, own_confirm.message_id)
    assert "不能处理自己的申请" in (refused.get("text") or "")

    await sec.send("/approve")
    item = await sec.wait_message(contains="钱玉梅")  # a person's name: a deletion has no text line
    await sec.press(t("privacy.btn.approve", "zh"), message_id=item.message_id)
    await sec.wait_message(contains=said("privacy.approve.deleted"))
    await person.wait_message(contains=said("privacy.told.delete.yes"))
    assert await member_row(url, setup.name, "钱玉梅") is None
    kept = await member_row(url, setup.name, f"已删除成员{before.id}")
    assert kept is not None
    assert (kept.phone, kept.work_unit, kept.tg_user_id, kept.status) == (
        None,
        None,
        None,
        "archived",
    )
    row = await account(harness, person.id)
    assert row is not None and row.first_name == "" and row.username is None
    [deleted] = await audit_actions(harness, bid, "privacy.delete")
    assert "钱玉梅" not in json.dumps([deleted.before, deleted.after], ensure_ascii=False)
    async with harness.data.db.read() as s:
        decided = await s.scalar(
            select(AuditEntry).where(
                AuditEntry.action == "data_request.approve", AuditEntry.target_id == person_request
            )
        )
    assert decided is not None and decided.actor_tg_id == sec.id
    # The person is no longer a member: /mydata says so.
    await person.send("/mydata")
    await person.wait_message(contains=said("error.not_member"))


async def test_my_data_button_on_ones_own_card(harness: Harness) -> None:
    """Older members do not type /mydata: the 🔒 button on their own card does the same."""
    setup = await branch_with_secretary(harness)
    person = await approve_member(harness, setup, "老郑", "郑秀兰")
    await person.send(t("menu.card", "zh"))
    card = await person.wait_message(contains=said("cards.screen.head", n=1))
    await person.press(t("privacy.btn.mydata", "zh"), message_id=card.message_id)
    files = [await person.wait_message(contains=said("privacy.mydata.caption")) for _ in range(2)]
    assert all("含个人信息" in f.document["file_name"] for f in files)  # type: ignore[index]
    await person.wait_message(contains=said("privacy.mydata.head"))
    bid = await branch_id(harness, setup.name)
    assert len(await audit_actions(harness, bid, "privacy.export_own")) == 1


async def test_mydata_is_refused_in_a_group(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    person = await approve_member(harness, setup, "老周", "周海燕")
    group = await harness.client.group(
        "党员群", members=[setup.secretary, person], added_by=setup.secretary
    )
    posted = await group.wait_message(contains=said("members.group.linked"))
    # Export buttons pressed (forged) under the bot's message in the group send nothing there.
    mine = (ExportAudit(None, None).data, OpenMyData().data)
    for data in (*mine, "du:xl", "vh:xl:month:0", "mt:xl:1", "mem:ul"):
        refused = await setup.secretary.press_data(data, posted.message_id, chat_id=group.id)
        assert "私聊" in (refused.get("text") or ""), data
    # No file, no personal data in the group: only a pointer to the private chat.
    await group.send(person, "/mydata")
    await group.wait_message(contains=said("error.private_only"))
    await group.send(setup.secretary, "/audit")
    await group.wait_message(contains=said("error.private_only"))
