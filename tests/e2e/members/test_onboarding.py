"""From nothing to a branch: /newbranch, the secretary link, /invite, registration, approval."""

from __future__ import annotations

import asyncio

from bot.texts import t
from handlers.members.buttons import Reject
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    branch_with_secretary,
    create_branch,
    member_row,
    payload_of,
    register,
    unique,
)
from tests.said import said


async def test_operator_creates_branch_and_secretary_gets_commands(harness: Harness) -> None:
    name = unique("象山测试支部")
    payload = await create_branch(harness, name, "第一党小组、第二党小组、第三党小组")
    assert payload.startswith("s_")
    secretary = await harness.user("王书记")
    before = {c["command"] for c in await secretary.commands()}
    assert "members" not in before
    done = await register(secretary, payload, "王建华", "离退休党员", "第二党小组")
    assert "书记" in done.body and name in done.body
    assert done.reply_keyboard is not None
    assert t("menu.members", "zh") in [b for row in done.reply_keyboard for b in row]
    after = {c["command"] for c in await secretary.commands()}
    assert {"invite", "members"} <= after
    row = await member_row(harness.settings.database_url, name, "王建华")
    assert row is not None
    assert (row.role, row.status, row.category) == ("secretary", "active", "retired")
    # The secretary link is single-use: a second person is refused.
    other = await harness.user("路人")
    await other.start(payload)
    refused = await other.wait_message(contains=said("members.link.used_up"))
    assert "链接" in refused.body


async def test_non_operator_cannot_create_branch(harness: Harness) -> None:
    user = await harness.user("普通人")
    await user.send("/newbranch")
    reply = await user.wait_message(contains=said("members.refuse.not_operator"))
    assert "新建党支部" in reply.body


async def test_invite_qr_three_register_in_parallel_two_approved_one_rejected(
    harness: Harness,
) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/invite")
    invite = await sec.wait_message(contains=said("members.invite.caption"))
    assert invite.photo is not None  # the QR code image
    payload = payload_of(invite)
    assert payload.startswith("i_")
    people = [await harness.user(f"居民{i}") for i in range(3)]
    names = ["张桂英", "刘德明", "陈秀兰"]
    answers = await asyncio.gather(
        *(register(p, payload, n, group="第二党小组") for p, n in zip(people, names, strict=True))
    )
    assert all("已提交" in a.body for a in answers)
    requests = {n: await sec.wait_message(contains=n) for n in names}
    await sec.press(t("members.approve.yes", "zh"), message_id=requests["张桂英"].message_id)
    await sec.press(t("members.approve.yes", "zh"), message_id=requests["刘德明"].message_id)
    await sec.press(t("members.approve.no", "zh"), message_id=requests["陈秀兰"].message_id)
    welcome = await people[0].wait_message(contains=said("members.approve.welcome"))
    assert welcome.reply_keyboard is not None
    assert t("menu.card", "zh") in [b for row in welcome.reply_keyboard for b in row]
    await people[1].wait_message(contains=said("members.approve.welcome"))
    await people[2].wait_message(contains=said("members.approve.sorry"))
    url = harness.settings.database_url
    statuses = [(await member_row(url, setup.name, n)) for n in names]
    assert [r.status if r else None for r in statuses] == ["active", "active", "rejected"]
    # Approving twice changes nothing.
    again = await sec.press_data(
        Reject(statuses[0].id if statuses[0] else 0).data, requests["张桂英"].message_id
    )
    assert "已经处理过" in (again.get("text") or "")
    row = await member_row(url, setup.name, "张桂英")
    assert row is not None and row.status == "active"


async def test_registration_in_english(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await setup.secretary.send("/invite")
    payload = payload_of(
        await setup.secretary.wait_message(contains=said("members.invite.caption"))
    )
    user = await harness.user("Li Wei", language_code="en")
    await user.send("/language")
    await user.wait_message(contains=said("language.choose"))
    await user.press("English")
    await user.wait_message(contains=said("language.set", "en"))
    await user.start(payload)
    await user.wait_message(contains=said("privacy.notice.default", "en"))
    await user.press(t("privacy.btn.accept", "en"))
    await user.wait_message(contains=said("members.reg.ask_name", "en"))
    await user.send("1234")
    await user.wait_message(contains=said("members.error.name_no_letters", "en"))
    await user.send("李伟")
    await user.wait_message(contains=said("members.reg.ask_category", "en"))
    await user.press("Employed member")
    await user.wait_message(contains=said("members.reg.ask_group", "en"))
    await user.press("Not sure / skip")
    await user.wait_message(contains=said("members.reg.submitted", "en", name="李伟"))
    await setup.secretary.wait_message(
        contains=said(
            "members.approve.request",
            name="李伟",
            category=t("members.cat.employed", "zh"),
            group=t("members.no_group", "zh"),
        )
    )
