"""/hours 📝: report with buttons, a typed "what", a photo; approval by the team leader."""

from __future__ import annotations

import asyncio

from bot.sandbox.client import BotMessage, SandboxUser
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, hours_world
from tests.e2e.meetings.world import meetings_cleanup, start_sender  # noqa: F401
from tests.said import said

PNG_BYTES = b"\xff\xd8\xff\xe0" + b"0" * 200


async def test_report_with_buttons_and_approval_by_the_team_leader(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    hw = await hours_world(harness)
    wang = hw.user("王阿姨")
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    await wang.press("📝 上报时长", message_id=menu.message_id)
    await wang.wait_message(contains=said("hours.report.day"))
    await wang.press("昨天")
    await wang.wait_message(contains=said("hours.report.hours"))
    await wang.press("2.5")
    await wang.wait_message(contains=said("hours.report.team"))
    await wang.press("社区治安巡逻队")
    await wang.wait_message(contains=said("hours.report.what"))
    await wang.send("夜间巡逻，检查楼道消防通道")
    card = await wang.wait_message(contains=said("hours.report.card"))
    assert "2.5小时" in card.body and "夜间巡逻" in card.body and "2026-03-01" in card.body
    await wang.press("📷 添加照片", message_id=card.message_id)
    await wang.wait_message(contains=said("hours.report.photo"))
    await wang.send_photo(PNG_BYTES)
    await wang.wait_message(contains=said("hours.report.photo_added", n=1))
    await wang.wait_message(contains=said("hours.report.card"))
    await wang.send_photo(PNG_BYTES)
    await wang.wait_message(contains=said("hours.report.photo_added", n=2))
    card = await wang.wait_message(contains=said("hours.report.card"))
    await wang.press("📤 提交审核", message_id=card.message_id)
    await wang.wait_message(contains=said("hours.report.submitted"))
    [record] = await hw.records("王阿姨")
    assert (record.state, record.halves, str(record.day), len(record.photos)) == (
        "pending",
        5,
        "2026-03-01",
        2,
    )

    leader = hw.user("巡逻队长")
    ask = await leader.wait_message(contains=said("hours.approve.new"))
    assert "王阿姨" in ask.body and "2.5小时" in ask.body
    # In /approve the leader sees both photos, as one album, not just the first.
    await leader.send("/approve")
    await leader.wait_message(
        contains=said("hours.approve.item", name="王阿姨", what="夜间巡逻，检查楼道消防通道")
    )
    album = await photos_in(leader, 2)
    assert len({m.raw.get("media_group_id") for m in album} - {None}) == 1
    await leader.press("✅ 通过", message_id=ask.message_id)
    told = await wang.wait_message(contains=said("hours.result.approved"))
    assert "巡逻队长" in told.body
    [record] = await hw.records("王阿姨")
    assert record.state == "approved"
    # Approved is locked: the secretary's late press and the member's withdrawal change nothing.
    sec = hw.user("书记老张")
    late = await sec.wait_message(contains=said("hours.approve.new"))
    answer = await sec.press("❌ 不通过", message_id=late.message_id)
    assert "已经处理过了" in (answer.get("text") or "")
    actions = await hw.audit_actions()
    assert "hours.record.submit" in actions and "hours.record.approve" in actions
    assert "hours_report.approve" in actions
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    assert "累计：2.5小时" in menu.body


async def photos_in(user: SandboxUser, count: int) -> list[BotMessage]:
    """The chat's photos, once there are `count` of them."""
    for _ in range(200):
        found = [m for m in await user.messages() if m.photo is not None]
        if len(found) >= count:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError(f"expected {count} photos in the chat")
