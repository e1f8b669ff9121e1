"""Binding links of officers' records: only the secretary hands them out, and hears of bindings."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from bot.domain.members import Role
from bot.sandbox.client import BotMessage, SandboxUser
from bot.texts import t
from handlers.members.buttons import BindLink, SetRole, UnboundLinks
from storage.db import Database
from storage.models.core import AuditEntry
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    branch_with_secretary,
    confirm_binding,
    import_roster,
    member_row,
    open_binding,
    payload_of,
)
from tests.said import said


async def open_member(user: SandboxUser, name: str) -> BotMessage:
    await user.send("/members")
    listing = await user.wait_message(contains=said("members.list.head"))
    await user.press(name, message_id=listing.message_id)
    return await user.wait_message(contains=said("members.detail.body"))


async def sheet_names(user: SandboxUser, *, withheld: int = 0) -> set[str]:
    message = await user.wait_message(contains=said("members.links.caption"))
    assert message.document is not None
    assert (f"另有 {withheld} 位担任支部职务" in message.body) is bool(withheld), message.body
    sheet = load_workbook(io.BytesIO(await user.download(message.document["file_id"]))).active
    assert sheet is not None
    return {str(r[0]) for r in sheet.iter_rows(min_row=3, values_only=True) if r[0]}


async def audit_rows(db_url: str, action: str) -> list[AuditEntry]:
    db = Database(db_url)
    try:
        async with db.transaction() as session:
            return list(
                await session.scalars(select(AuditEntry).where(AuditEntry.action == action))
            )
    finally:
        await db.close()


async def test_committee_member_cannot_get_a_secretary_records_link(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec, url = setup.secretary, harness.settings.database_url
    links = await import_roster(
        setup,
        [
            "钱委员,13811110001,直管,第一党小组,,,",
            "孙接班,13811110002,直管,第一党小组,,,",
            "周普通,13811110003,直管,第二党小组,,,",
        ],
    )
    committee = await harness.user("委员")
    await committee.open_link(links["钱委员"])
    await confirm_binding(committee)
    await committee.wait_message(contains=said("members.bind.done"))
    page = await open_member(sec, "钱委员")
    own = await member_row(url, setup.name, "钱委员")
    successor = await member_row(url, setup.name, "孙接班")
    assert own is not None and successor is not None
    await sec.press_data(SetRole(own.id, Role.COMMITTEE).data, page.message_id)
    await sec.wait_message(
        contains=said("members.detail.body", role=t("members.role.committee", "zh"))
    )

    # While 孙接班 is a plain member the committee member may forward his link ...
    before = await open_member(committee, "孙接班")
    await committee.press(t("members.detail.bind_link", "zh"), message_id=before.message_id)
    stale = payload_of(await committee.wait_message(contains=said("members.links.one")))
    # ... then the secretary names him successor before he has bound.
    await sec.press_data(SetRole(successor.id, Role.SECRETARY).data, page.message_id)
    await sec.wait_message(
        contains=said("members.detail.body", role=t("members.role.secretary", "zh"))
    )

    after = await open_member(committee, "孙接班")
    assert t("members.detail.bind_link", "zh") not in after.button_texts()
    refused = await committee.press_data(BindLink(successor.id).data, after.message_id)
    assert "只能由支部书记发放" in (refused.get("text") or "")
    await committee.press_data(UnboundLinks().data, after.message_id)
    assert await sheet_names(committee, withheld=1) == {"周普通"}
    # The link he got earlier was withdrawn by the promotion.
    second_phone = await harness.user("委员小号")
    await second_phone.start(stale)
    await second_phone.wait_message(contains=said("members.link.revoked"))
    row = await member_row(url, setup.name, "孙接班")
    assert row is not None and row.tg_user_id is None

    # The secretary still gets it; the successor binds and the secretary is told.
    await sec.press_data(UnboundLinks().data, page.message_id)
    assert await sheet_names(sec) == {"孙接班", "周普通"}
    mine = await open_member(sec, "孙接班")
    await sec.press(t("members.detail.bind_link", "zh"), message_id=mine.message_id)
    fresh = payload_of(await sec.wait_message(contains=said("members.links.one")))
    heir = await harness.user("接班人")
    await open_binding(heir, fresh)
    await heir.wait_message(contains=said("members.bind.done"))
    told = await sec.wait_message(contains=said("members.bind.secretary_notice"))
    assert "孙接班" in told.body and "接班人" in told.body

    # Every issue of a binding link left an audit row naming the records.
    single = [a for a in await audit_rows(url, "member.link") if a.target_id == successor.id]
    assert len(single) == 2 and {a.actor_tg_id for a in single} == {committee.id, sec.id}
    sheets = await audit_rows(url, "members.links")
    mine_sheets = [a for a in sheets if a.actor_tg_id in (committee.id, sec.id)]
    by_committee = [a for a in mine_sheets if a.actor_tg_id == committee.id]
    assert (
        len(by_committee) == 1 and successor.id not in (by_committee[0].after or {})["member_ids"]
    )
    assert {(a.after or {})["via"] for a in mine_sheets} == {"import", "unbound_sheet"}
