"""QA fixes: /approve, help and language inside registration, menus after a language change."""

from __future__ import annotations

from bot.sandbox.client import SandboxUser
from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    accept_notice,
    approve_member,
    branch_with_secretary,
    member_row,
    payload_of,
    register,
)
from tests.said import said


async def _to_english(user: SandboxUser) -> None:
    await user.send("/language")
    await user.wait_message(contains=said("language.choose"))
    await user.press("English")
    await user.wait_message(contains=said("language.set", "en"))


async def _menu(user: SandboxUser) -> dict[str, str]:
    return {c["command"]: c["description"] for c in await user.commands()}


async def test_approve_resends_pending_applications_with_working_buttons(
    harness: Harness,
) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/approve")
    await sec.wait_message(contains=said("members.approve.none"))
    await sec.send("/invite")
    payload = payload_of(await sec.wait_message(contains=said("members.invite.caption")))
    person = await harness.user("居民")
    await register(person, payload, "周淑芬", group="第二党小组")
    await sec.wait_message(contains=said("members.approve.request", name="周淑芬"))  # as sent
    await sec.send("/approve")
    await sec.wait_message(contains=said("members.approve.list_head", n=1))
    again = await sec.wait_message(contains=said("members.approve.request", name="周淑芬"))
    assert "第二党小组" in again.body
    buttons = [b["text"] for row in again.inline_buttons for b in row]
    assert buttons == [t("members.approve.yes", "zh"), t("members.approve.no", "zh")]
    await sec.press(t("members.approve.yes", "zh"), message_id=again.message_id)
    await person.wait_message(contains=said("members.approve.welcome"))
    row = await member_row(harness.settings.database_url, setup.name, "周淑芬")
    assert row is not None and row.status == "active"
    await sec.send("/approve")
    await sec.wait_message(contains=said("members.approve.none"))
    # An ordinary member and a stranger are refused politely.
    await person.send("/approve")
    refused = await person.wait_message()
    assert refused.body == t("members.refuse.not_allowed", "zh")
    stranger = await harness.user("路人")
    await stranger.send("/approve")
    answer = await stranger.wait_message()
    assert answer.body == t("members.refuse.not_member", "zh")
    assert "没有看懂" not in answer.body


async def test_help_and_language_inside_registration_keep_it_going(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await setup.secretary.send("/invite")
    payload = payload_of(
        await setup.secretary.wait_message(contains=said("members.invite.caption"))
    )
    user = await harness.user("新人")
    await user.start(payload)
    await accept_notice(user)
    await user.wait_message(contains=said("members.reg.ask_name"))
    await user.send("/help")
    await user.wait_message(contains=said("help.member"))
    asked = await user.wait_message(
        contains=said("members.reg.ask_name")
    )  # the step is asked again
    assert asked.reply_keyboard is not None
    assert [t("members.cancel_button", "zh")] in asked.reply_keyboard
    await user.send("吴桂珍")
    await user.wait_message(contains=said("members.reg.ask_category"))
    await user.send(t("menu.help", "zh"))  # typed: the flow's keyboard hides the menu
    await user.wait_message(contains=said("help.member"))
    await user.wait_message(contains=said("members.reg.ask_category"))
    await user.press(t("members.cat.retired", "zh"))
    await user.wait_message(contains=said("members.reg.ask_group"))
    await user.send("/language")
    await user.wait_message(contains=said("language.choose"))
    await user.press("English")
    await user.wait_message(contains=said("language.set", "en"))
    await user.wait_message(contains=said("members.reg.ask_group", "en"))
    await user.press("Not sure / skip")
    await user.wait_message(contains=said("members.reg.submitted", "en", name="吴桂珍"))
    row = await member_row(harness.settings.database_url, setup.name, "吴桂珍")
    assert row is not None and (row.status, row.category) == ("pending", "retired")


async def test_another_command_ends_registration_and_says_so(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await setup.secretary.send("/invite")
    payload = payload_of(
        await setup.secretary.wait_message(contains=said("members.invite.caption"))
    )
    user = await harness.user("新人")
    await user.start(payload)
    await accept_notice(user)
    await user.wait_message(contains=said("members.reg.ask_name"))
    await user.send("/card")
    await user.wait_message(contains=said("members.reg.interrupted"))
    await user.send("郑国强")
    await user.wait_message(contains=said("error.unknown_input"))
    assert await member_row(harness.settings.database_url, setup.name, "郑国强") is None


async def test_language_change_posts_once_and_republishes_the_command_menu(
    harness: Harness,
) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    member = await approve_member(harness, setup, "党员", "孙玉梅")
    assert (await _menu(sec))["members"] == t("cmd.members", "zh")
    await _to_english(sec)
    menu = await _menu(sec)
    assert menu["members"] == t("cmd.members", "en") and menu["help"] == t("cmd.help", "en")
    confirmations = [
        m for m in await sec.messages() if m.from_bot and said("language.set", "en").search(m.body)
    ]
    assert len(confirmations) == 1
    # A member (whose Telegram app is in Chinese) gets an English member menu of their own.
    assert (await _menu(member))["help"] == t("cmd.help", "zh")
    await _to_english(member)
    menu = await _menu(member)
    assert menu["help"] == t("cmd.help", "en") and "members" not in menu
    await member.send("/language")
    await member.wait_message(contains=said("language.choose", "en"))
    await member.press("中文")
    await member.wait_message(contains=said("language.set"))
    assert (await _menu(member))["help"] == t("cmd.help", "zh")


async def test_english_invite_screen_says_one_person(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await _to_english(sec)
    await sec.send("/invite")
    invite = await sec.wait_message(contains=said("members.invite.caption", "en"))
    labels = [b["text"] for row in invite.inline_buttons for b in row]
    assert any(label.endswith("1 person") for label in labels), labels
    assert not any("1 people" in label for label in labels)
    assert any(label.endswith("10 people") for label in labels), labels
