"""The members feature's guided flows live in the database: a person midway goes on where they
were after the bot restarts (new process memory), and finishes."""

from __future__ import annotations

from sqlalchemy import select

from bot.texts import t
from storage.models.core import Branch, PartyGroup
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    ROSTER_HEADER,
    accept_notice,
    branch_with_secretary,
    flow_of,
    import_roster,
    member_labels,
    member_row,
    payload_of,
    people,
    unique,
)
from tests.said import said


async def test_registration_goes_on_after_a_restart(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await setup.secretary.send("/invite")
    payload = payload_of(
        await setup.secretary.wait_message(contains=said("members.invite.caption"))
    )
    person = await harness.user("新人")
    await person.start(payload)
    await accept_notice(person)
    await person.wait_message(contains=said("members.reg.ask_name"))
    await person.send("钱学军")
    await person.wait_message(contains=said("members.reg.ask_category"))
    assert await flow_of(harness, person.id) == "members.reg"

    await harness.restart()
    await person.press(t("members.cat.retired", "zh"))
    await person.wait_message(contains=said("members.reg.ask_group"))
    await harness.restart()
    await person.press("第二党小组")
    await person.wait_message(contains=said("members.reg.submitted"))
    row = await member_row(harness.settings.database_url, setup.name, "钱学军")
    assert row is not None and (row.status, row.category) == ("pending", "retired")
    assert await flow_of(harness, person.id) is None


async def test_newbranch_goes_on_after_a_restart(harness: Harness) -> None:
    op = harness.operator
    name = unique("重启支部")
    await op.send("/newbranch")
    await op.wait_message(contains=said("members.branch.ask_name"))
    await op.send(name)
    await op.wait_message(contains=said("members.branch.ask_groups"))
    assert await flow_of(harness, op.id) == "members.newbranch"

    await harness.restart()
    await op.send("甲组、乙组")
    await op.wait_message(contains=said("members.branch.ask_parent"))
    await harness.restart()
    await op.press(t("members.branch.no_parent", "zh"))
    await op.wait_message(contains=said("members.branch.created"))
    assert await flow_of(harness, op.id) is None
    async with harness.data.db.transaction() as s:
        branch = await s.scalar(select(Branch).where(Branch.name == name))
        assert branch is not None
        groups = await s.scalars(select(PartyGroup.name).where(PartyGroup.branch_id == branch.id))
        assert sorted(groups) == ["乙组", "甲组"]


async def test_a_member_edit_goes_on_after_a_restart(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await import_roster(setup, people(2, setup.groups))
    sec = setup.secretary
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press("王建国", message_id=listing.message_id)
    page = await sec.wait_message(contains=said("members.detail.body"))
    await sec.press(t("members.edit.phone", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.input.phone"))
    assert await flow_of(harness, sec.id) == "members.input"

    await harness.restart()
    await sec.send("12345")
    await sec.wait_message(contains=said("members.error.phone_malformed"))
    await harness.restart()
    await sec.send("13911112222")
    await sec.wait_message(contains=said("members.detail.body", phone="13911112222"))
    row = await member_row(harness.settings.database_url, setup.name, "王建国")
    assert row is not None and row.phone == "13911112222"
    assert await flow_of(harness, sec.id) is None


async def test_roster_import_still_awaits_the_file_after_a_restart(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press(t("members.list.import", "zh"), message_id=listing.message_id)
    await sec.wait_message(contains=said("members.import.instructions"))
    assert await flow_of(harness, sec.id) == "members.import"

    await harness.restart()
    # A .txt is taken as the roster only because 「导入名单」 asked for a file.
    rows = "\n".join([ROSTER_HEADER, *people(2, setup.groups)]).encode()
    await sec.send_document("名单.txt", rows, mime_type="text/plain")
    preview = await sec.wait_message(contains=said("members.import.preview_head"))
    assert "可以导入：2" in preview.body, preview.body
    assert await flow_of(harness, sec.id) is None
    await harness.restart()
    await sec.press(t("members.import.confirm", "zh", n=2), message_id=preview.message_id)
    await sec.wait_message(contains=said("members.links.caption"))
    assert await member_row(harness.settings.database_url, setup.name, "王建国") is not None


async def test_the_member_list_search_survives_a_restart(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await import_roster(setup, people(25, setup.groups))
    sec = setup.secretary
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press(t("members.list.search", "zh"), message_id=listing.message_id)
    await sec.wait_message(contains=said("members.input.search"))
    await sec.send("秀英")
    found = await sec.wait_message(contains=said("members.list.searching", term="秀英"))
    first = member_labels(found)[0]
    await sec.press(first, message_id=found.message_id)
    await sec.wait_message(contains=said("members.detail.body"))

    await harness.restart()
    await sec.press(t("members.detail.back", "zh"), message_id=found.message_id)
    back = await sec.wait_message(contains=said("members.list.searching", term="秀英"))
    assert back.message_id == found.message_id
    # The list's filter buttons carry only a flag; the term itself comes from the database.
    await harness.restart()
    await sec.press(t("members.list.by_status", "zh"), message_id=found.message_id)
    await sec.wait_message(contains=said("members.list.choose_s"))
    await sec.press(t("members.status.active", "zh"), message_id=found.message_id)
    again = await sec.wait_message(contains=said("members.list.searching", term="秀英"))
    labels = member_labels(again)
    assert labels and all("秀英" in x for x in labels)
