"""Two branches never see each other; /card and Party age; several branches; the group chat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.domain.members import Role
from bot.services.members.editing import EditField
from bot.texts import t
from handlers.members.buttons import (
    Approve,
    AskField,
    BindLink,
    PresetReason,
    ReasonMenu,
    SetRole,
    ViewMember,
)
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    accept_notice,
    branch_with_secretary,
    confirm_binding,
    import_roster,
    member_row,
)
from tests.said import said


async def test_two_branches_never_leak(harness: Harness) -> None:
    # One operator makes both branches, one after the other.
    a = await branch_with_secretary(harness, "甲支部")
    b = await branch_with_secretary(harness, "乙支部")
    await asyncio.gather(
        import_roster(a, ["甲一,13810000001,直管,,,,", "共同名,13810000002,直管,,,,"]),
        import_roster(b, ["乙一,13820000001,直管,,,,", "共同名,13820000002,直管,,,,"]),
    )
    url = harness.settings.database_url
    sec_a = a.secretary
    await sec_a.send("/members")
    listing = await sec_a.wait_message(contains=said("members.list.head", active=3))
    labels = " ".join(b["text"] for row in listing.inline_buttons for b in row)
    assert "甲一" in labels and "乙一" not in labels and "在册 3 人" in listing.body
    await sec_a.press(t("members.list.search", "zh"), message_id=listing.message_id)
    await sec_a.wait_message(contains=said("members.input.search"))
    await sec_a.send("乙")
    found = await sec_a.wait_message(contains=said("members.list.searching", term="乙"))
    assert said("members.list.empty").search(found.body)
    other = await member_row(url, b.name, "共同名")
    assert other is not None
    for forged in (
        ViewMember(other.id).data,
        AskField(other.id, EditField.PHONE).data,
        ReasonMenu(other.id, "archived").data,
        PresetReason(other.id, "archived", 0).data,
        SetRole(other.id, Role.COMMITTEE).data,
        BindLink(other.id).data,
        Approve(other.id).data,
    ):
        answer = await sec_a.press_data(forged, listing.message_id)
        assert "不属于您的支部" in (answer.get("text") or ""), forged
    after = await member_row(url, b.name, "共同名")
    assert after is not None
    assert (after.status, after.role, after.phone) == (other.status, other.role, other.phone)


async def test_card_shows_party_age_and_switching_branches(harness: Harness) -> None:
    harness.clock.set(datetime(2026, 3, 1, 4, 0, tzinfo=UTC))
    a = await branch_with_secretary(harness, "单位支部")
    b = await branch_with_secretary(harness, "社区支部")
    links_a = await import_roster(
        a, ["何国庆,13830000001,在职党员,第一党小组,1990-07-01,1991-07-01,区医院"]
    )
    links_b = await import_roster(b, ["何国庆,13830000001,在职党员,第二党小组,1990-07-01,,"])
    person = await harness.user("国庆")
    await person.open_link(links_a["何国庆"])
    await confirm_binding(person)
    await person.wait_message(contains=said("members.bind.done"))
    await person.open_link(links_b["何国庆"])
    await confirm_binding(person)
    await person.wait_message(contains=said("members.bind.done"))
    await person.send("/card")
    card = await person.wait_message(contains=said("cards.title.1"))
    # Bound first to the employer branch, it stays the current one.
    assert a.name in card.body and "党龄：34 年" in card.body and "区医院" in card.body
    await person.press(f"切换到：{b.name}", message_id=card.message_id)
    await person.wait_message(contains=said("members.card.switched"))
    await person.send("/card")
    card_b = await person.wait_message(contains=said("cards.title.1"))
    # No 转正 date: counted from joining plus the probation year.
    assert b.name in card_b.body and "第二党小组" in card_b.body and "党龄：34 年" in card_b.body
    stranger = await harness.user("路人甲")
    await stranger.send("/card")
    await stranger.wait_message(contains=said("members.card.none"))


async def test_bot_added_to_group_by_secretary_posts_start_button(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    resident = await harness.user("群友")
    group = await harness.client.group(
        "象山社区党员群", members=[setup.secretary, resident], added_by=setup.secretary
    )
    posted = await group.wait_message(contains=said("members.group.linked"))
    button = posted.inline_buttons[0][0]
    assert button["url"].startswith("https://t.me/") and "start=i_" in button["url"]
    # A resident pressing it opens the private chat and can apply.
    await resident.open_link(button["url"])
    await accept_notice(resident)
    await resident.wait_message(contains=said("members.reg.ask_name"))
    row_url = harness.settings.database_url
    new_id = await group.migrate_to_supergroup()
    for _ in range(50):
        if await _group_chat(row_url, setup.name) == new_id:
            break
        await asyncio.sleep(0.1)
    assert await _group_chat(row_url, setup.name) == new_id


async def test_bot_added_by_non_secretary_explains(harness: Harness) -> None:
    someone = await harness.user("热心群众")
    group = await harness.client.group("楼栋群", members=[someone], added_by=someone)
    reply = await group.wait_message(contains=said("members.group.not_secretary"))
    assert not reply.inline_buttons


async def _group_chat(db_url: str, branch_name: str) -> int | None:
    from sqlalchemy import select

    from storage.db import Database
    from storage.models.core import Branch

    db = Database(db_url)
    try:
        async with db.transaction() as session:
            return await session.scalar(
                select(Branch.group_chat_id).where(Branch.name == branch_name)
            )
    finally:
        await db.close()
