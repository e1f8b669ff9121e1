"""/members: paging, filters, search, a member's page, edits, roles, archive, audit history."""

from __future__ import annotations

from bot.domain.members import Role
from bot.sandbox.client import BotMessage, SandboxUser
from bot.services.members.directory import ListQuery
from bot.services.members.editing import EditField
from bot.texts import t
from handlers.members.buttons import (
    AskField,
    ListPage,
    PresetReason,
    ReasonMenu,
    SetGroup,
    SetRole,
    ViewMember,
)
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    BranchSetup,
    branch_with_secretary,
    confirm_binding,
    import_roster,
    member_labels,
    member_row,
    people,
)
from tests.said import said


async def open_list(sec: SandboxUser) -> BotMessage:
    await sec.send("/members")
    return await sec.wait_message(contains=said("members.list.head"))


async def open_member(sec: SandboxUser, listing: BotMessage, name: str) -> BotMessage:
    await sec.press(name, message_id=listing.message_id)
    return await sec.wait_message(contains=said("members.detail.body"))


async def seeded(harness: Harness, count: int = 25) -> BranchSetup:
    setup = await branch_with_secretary(harness)
    await import_roster(setup, people(count, setup.groups))
    return setup


async def test_paging_filters_and_search(harness: Harness) -> None:
    setup = await seeded(harness)
    sec = setup.secretary
    listing = await open_list(sec)
    assert "在册 26 人" in listing.body and "第 1/3 页" in listing.body
    assert len(member_labels(listing)) == 10
    await sec.press(t("members.list.next", "zh"), message_id=listing.message_id)
    page2 = await sec.wait_message(contains=said("members.list.head", page=2, pages=3))
    assert page2.message_id == listing.message_id  # the same message, edited
    await sec.press(t("members.list.by_group", "zh"), message_id=listing.message_id)
    await sec.wait_message(contains=said("members.list.choose_g"))
    await sec.press("第二党小组", message_id=listing.message_id)
    by_group = await sec.wait_message(contains=said("members.list.head", total=12))
    names = member_labels(by_group)
    assert names and all("第二党小组" in n for n in names)
    assert "共 12 人" in by_group.body
    await sec.press(t("members.list.search", "zh"), message_id=listing.message_id)
    await sec.wait_message(contains=said("members.input.search"))
    await sec.send("秀英")
    found = await sec.wait_message(contains=said("members.list.searching", term="秀英"))
    labels = member_labels(found)
    assert labels and all("秀英" in x for x in labels)
    await sec.send("秀英")  # after the search, typing is no longer taken as a search
    await sec.wait_message(contains=said("error.unknown_input"))


async def test_member_page_edit_group_role_archive_with_history(harness: Harness) -> None:
    setup = await seeded(harness, 6)
    sec = setup.secretary
    url = harness.settings.database_url
    listing = await open_list(sec)
    page = await open_member(sec, listing, "张桂兰")
    assert "张桂兰" in page.body and "未绑定" in page.body and "党龄" in page.body
    await sec.press(t("members.edit.phone", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.input.phone"))
    await sec.send("12345")
    await sec.wait_message(contains=said("members.error.phone_malformed"))
    await sec.send("13911112222")
    saved = await sec.wait_message(contains=said("members.detail.body", phone="13911112222"))
    assert "最近变更" in saved.body and "手机" in saved.body
    await sec.press(t("members.edit.group", "zh"), message_id=saved.message_id)
    await sec.wait_message(contains=said("members.detail.body", name="张桂兰"))
    await sec.press("第二党小组", message_id=saved.message_id)
    await sec.wait_message(contains=said("members.action.group"))
    await sec.press(t("members.edit.role", "zh"), message_id=saved.message_id)
    await sec.wait_message(contains=said("members.detail.body", name="张桂兰"))
    await sec.press(t("members.role.committee", "zh"), message_id=saved.message_id)
    await sec.wait_message(
        contains=said("members.detail.body", role=t("members.role.committee", "zh"))
    )
    await sec.press(t("members.detail.archive", "zh"), message_id=saved.message_id)
    await sec.wait_message(contains=said("members.detail.body", name="张桂兰"))
    await sec.press(t("members.reason.archive_mistake", "zh"), message_id=saved.message_id)
    archived = await sec.wait_message(
        contains=said("members.detail.reason", reason=t("members.reason.archive_mistake", "zh"))
    )
    assert "状态：已归档" in archived.body
    assert archived.body.count("• ") == 5  # the last five changes
    assert "变更状态" in archived.body and "调整职务" in archived.body
    row = await member_row(url, setup.name, "张桂兰")
    assert row is not None
    assert (row.phone, row.role, row.status, row.status_reason) == (
        "13911112222",
        "committee",
        "archived",
        "录入错误",
    )
    await sec.press(t("members.detail.restore", "zh"), message_id=saved.message_id)
    restored = await sec.wait_message(
        contains=said("members.detail.body", status=t("members.status.active", "zh"))
    )
    assert "原因：" not in restored.body


async def test_role_to_secretary_updates_commands_and_tells_the_person(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    links = await import_roster(
        setup, ["周春生,13811110000,直管,第一党小组,1990-07-01,1991-07-01,"]
    )
    person = await harness.user("春生")
    await person.open_link(links["周春生"])
    await confirm_binding(person)
    await person.wait_message(contains=said("members.bind.done"))
    assert "members" not in {c["command"] for c in await person.commands()}
    sec = setup.secretary
    listing = await open_list(sec)
    page = await open_member(sec, listing, "周春生")
    assert "已绑定" in page.body
    await sec.press(t("members.edit.role", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.detail.body", name="周春生"))
    await sec.press(t("members.role.secretary", "zh"), message_id=page.message_id)
    await sec.wait_message(
        contains=said("members.detail.body", role=t("members.role.secretary", "zh"))
    )
    await person.wait_message(contains=said("members.role.changed_notice"))
    assert "members" in {c["command"] for c in await person.commands()}
    # Now two secretaries: the first may step down, but the last may not.
    own = await member_row(harness.settings.database_url, setup.name, "李书记")
    assert own is not None
    answer = await sec.press_data(SetRole(own.id, Role.MEMBER).data, page.message_id)
    assert answer.get("answered")
    row = await member_row(harness.settings.database_url, setup.name, "李书记")
    assert row is not None and row.role == "member"
    assert "members" not in {c["command"] for c in await sec.commands()}
    await person.send("/members")
    listing = await person.wait_message(contains=said("members.list.head"))
    mine = await open_member(person, listing, "周春生")
    me = await member_row(harness.settings.database_url, setup.name, "周春生")
    assert me is not None
    answer = await person.press_data(SetRole(me.id, Role.MEMBER).data, mine.message_id)
    assert "唯一的书记" in (answer.get("text") or "")


async def test_member_pressing_secretary_buttons_changes_nothing(harness: Harness) -> None:
    setup = await seeded(harness, 3)
    target = await member_row(harness.settings.database_url, setup.name, "王建国")
    assert target is not None
    links = await import_roster(setup, ["马国庆,13822223333,直管,,,,"])
    member = await harness.user("国庆")
    await member.open_link(links["马国庆"])
    await confirm_binding(member)
    welcome = await member.wait_message(contains=said("members.bind.done"))
    for forged in (
        ViewMember(target.id).data,
        SetRole(target.id, Role.SECRETARY).data,
        ReasonMenu(target.id, "archived").data,
        PresetReason(target.id, "archived", 0).data,
        SetGroup(target.id, 0).data,
        AskField(target.id, EditField.PHONE).data,
        ListPage.of(ListQuery()).data,
        "mem:ls:x:-:-:active:0",  # malformed: refused before any handler
    ):
        answer = await member.press_data(forged, welcome.message_id)
        text = answer.get("text") or ""
        assert "只有支部书记" in text or "失效" in text, (forged, text)
    row = await member_row(harness.settings.database_url, setup.name, "王建国")
    assert row is not None
    assert (row.status, row.role, row.group_id, row.phone) == (
        target.status,
        target.role,
        target.group_id,
        target.phone,
    )


async def test_menu_button_leaves_typed_input(harness: Harness) -> None:
    setup = await seeded(harness, 2)
    sec = setup.secretary
    listing = await open_list(sec)
    page = await open_member(sec, listing, "王建国")
    await sec.press(t("members.edit.name", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.input.name"))
    await sec.press(t("menu.invite", "zh"))
    await sec.wait_message(contains=said("members.invite.caption"))
    await sec.send("不是名字")
    await sec.wait_message(contains=said("error.unknown_input"))
    row = await member_row(harness.settings.database_url, setup.name, "王建国")
    assert row is not None


async def test_group_leader_sees_only_own_group_read_only(harness: Harness) -> None:
    setup = await seeded(harness, 6)
    links = await import_roster(setup, ["组长甲,13866660000,直管,第二党小组,,,"])
    leader = await harness.user("组长")
    await leader.open_link(links["组长甲"])
    await confirm_binding(leader)
    await leader.wait_message(contains=said("members.bind.done"))
    sec = setup.secretary
    listing = await open_list(sec)
    page = await open_member(sec, listing, "组长甲")
    await sec.press(t("members.edit.role", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.detail.body", name="组长甲"))
    await sec.press(t("members.role.group_leader", "zh"), message_id=page.message_id)
    await sec.wait_message(
        contains=said("members.detail.body", role=t("members.role.group_leader", "zh"))
    )
    await leader.wait_message(contains=said("members.role.group_leader"))
    await leader.send("/members")
    own = await leader.wait_message(contains=said("members.list.head"))
    labels = member_labels(own)
    assert labels and all("第二党小组" in x for x in labels)
    assert t("members.list.by_group", "zh") not in own.button_texts()
    first = await open_member(leader, own, labels[0].split(" · ")[0])
    assert t("members.edit.phone", "zh") not in first.button_texts()
    other = await member_row(harness.settings.database_url, setup.name, "王建国")  # group one
    assert other is not None
    answer = await leader.press_data(ViewMember(other.id).data, own.message_id)
    assert "只有支部书记" in (answer.get("text") or "")
