"""Ways out of the members wizards, now that the flow router holds them: the 取消 button,
another inline button, and typing that is no file while a roster file is awaited."""

from __future__ import annotations

from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    branch_with_secretary,
    flow_of,
    import_roster,
    member_row,
    people,
)
from tests.said import said


async def test_the_cancel_button_ends_newbranch(harness: Harness) -> None:
    op = harness.operator
    await op.send("/newbranch")
    await op.wait_message(contains=said("members.branch.ask_name"))
    await op.press(t("members.cancel_button", "zh"))
    await op.wait_message(contains=said("members.branch.cancelled"))
    assert await flow_of(harness, op.id) is None


async def test_another_button_ends_a_typed_edit(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await import_roster(setup, people(2, setup.groups))
    sec = setup.secretary
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press("王建国", message_id=listing.message_id)
    page = await sec.wait_message(contains=said("members.detail.body"))
    await sec.press(t("members.edit.name", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.input.name"))
    await sec.press(t("members.detail.back", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.list.head"))
    assert await flow_of(harness, sec.id) is None
    await sec.send("不是名字")
    await sec.wait_message(contains=said("error.unknown_input"))
    assert await member_row(harness.settings.database_url, setup.name, "王建国") is not None


async def test_typing_while_a_roster_file_is_awaited_goes_on_as_usual(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press(t("members.list.import", "zh"), message_id=listing.message_id)
    await sec.wait_message(contains=said("members.import.instructions"))
    await sec.send("名单马上发")
    await sec.wait_message(contains=said("error.unknown_input"))
    assert await flow_of(harness, sec.id) == "members.import"  # still waiting for the file
