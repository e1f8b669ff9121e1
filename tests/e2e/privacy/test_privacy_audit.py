"""/audit: the secretary pages, filters and exports the branch's audit log; nobody else."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from bot.texts import t
from handlers.privacy.buttons import AuditPage, ExportAudit
from storage.models.core import AuditEntry
from tests.e2e.conftest import Harness
from tests.e2e.members.support import approve_member, branch_with_secretary, member_row
from tests.e2e.privacy.support import audit_actions, branch_id, download
from tests.said import said


async def test_audit_pages_filters_exports_and_refuses_others(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    member = await approve_member(harness, setup, "老吴", "吴桂珍")
    row = await member_row(harness.settings.database_url, setup.name, "吴桂珍")
    assert row is not None
    bid = await branch_id(harness, setup.name)
    now = harness.clock.now()
    async with harness.data.db.transaction() as s:
        for i in range(23):
            s.add(
                AuditEntry(
                    branch_id=bid,
                    actor_tg_id=sec.id,
                    action="drill.step",
                    target="member" if i < 5 else "branch",
                    target_id=row.id if i < 5 else bid,
                    after={"i": i},
                    created_at=now - timedelta(minutes=i),
                )
            )
    await sec.send("/audit")
    first = await sec.wait_message(contains=said("privacy.audit.head"))
    total = int(first.body.split("共 ")[1].split(" 条")[0])
    pages = -(-total // 10)
    assert total >= 23 and f"第 1/{pages} 页" in first.body
    assert t("privacy.btn.prev", "zh") not in first.button_texts()
    await sec.press(t("privacy.btn.next", "zh"), message_id=first.message_id)
    second = await sec.wait_message(contains=said("privacy.audit.head", page=2, pages=pages))
    assert second.edited
    await sec.press(t("privacy.btn.prev", "zh"), message_id=first.message_id)
    await sec.wait_message(contains=said("privacy.audit.head", page=1, pages=pages))
    # By action.
    await sec.press(t("privacy.btn.by_action", "zh"), message_id=first.message_id)
    await sec.wait_message(contains=said("privacy.audit.pick_family"))
    await sec.press("drill", message_id=first.message_id)
    drill = await sec.wait_message(contains=said("privacy.audit.head", total=23))
    assert "第 1/3 页" in drill.body and "操作：drill" in drill.body
    # By person (the member: entries about their record, and what they did).
    await sec.press(t("privacy.btn.by_person", "zh"), message_id=first.message_id)
    await sec.wait_message(contains=said("privacy.audit.pick_person"))
    await sec.press("吴桂珍", message_id=first.message_id)
    both = await sec.wait_message(contains=said("privacy.audit.by_person", name="吴桂珍"))
    assert "共 5 条" in both.body  # drill entries about her record, within the drill filter
    # Export what is shown: a file that says it holds personal data, and an audit row.
    await sec.press(t("privacy.btn.export", "zh"), message_id=first.message_id)
    exported = await sec.wait_message(contains=said("privacy.audit.exported"))
    assert exported.document is not None
    assert "含个人信息" in exported.document["file_name"]
    book = load_workbook(io.BytesIO(await download(sec, exported.document)))
    assert book.active is not None and book.active.max_row == 1 + 5
    assert len(await audit_actions(harness, bid, "privacy.audit_export")) == 1
    # Forged page numbers land on a real page.
    await sec.press_data(AuditPage(999_999, None, None).data, first.message_id)
    await sec.wait_message(contains=said("privacy.audit.head"))
    # Nobody but the secretary: the command and forged buttons are refused kindly.
    await member.send("/audit")
    told = await member.wait_message(contains=said("privacy.refuse.secretary_only"))
    refused = await member.press_data(ExportAudit(None, None).data, told.message_id)
    assert "只有支部书记" in (refused.get("text") or "")
    stranger = await harness.user("路人")
    await stranger.send("/audit")
    await stranger.wait_message(contains=said("error.not_member"))
