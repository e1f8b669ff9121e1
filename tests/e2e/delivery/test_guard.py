"""Who may broadcast, what may be broadcast: refusals that send nothing."""

from __future__ import annotations

from bot.services.delivery.broadcast import FILE_MAX_BYTES
from handlers.delivery.buttons import ScheduleAt, SendNow, WholeBranch
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, deliveries, last_notice, make_world, sender
from tests.said import said

PEOPLE = [
    Person("书记老王", group="第一党小组", role="secretary"),
    Person("组长老李", group="第二党小组", role="group_leader"),
    Person("张大爷", group="第一党小组"),
    Person("孙奶奶", group="第二党小组"),
]


async def test_plain_member_and_stranger_cannot_broadcast(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    member = world.user("张大爷")
    await member.send("/broadcast")
    refusal = await member.wait_message(contains=said("delivery.refuse.not_allowed"))
    assert refusal.text is not None
    stranger = await harness.user("路人")
    await stranger.send("/broadcast")
    await stranger.wait_message(contains=said("delivery.refuse.not_member"))
    # The member's next words are not taken as a notice.
    await member.send("随便说一句")
    await member.wait_message(contains=said("error.unknown_input"))


async def test_forged_confirm_by_someone_else_changes_nothing(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))
    await sec.send("书记的草稿")
    await sec.wait_message(contains=said("delivery.aud.prompt"))
    notice = await last_notice(harness, world.branch_id)
    for name, expected in (("组长老李", "别人的通知"), ("张大爷", "只有支部书记")):
        other = world.user(name)
        await other.send("/help")
        anchor = await other.wait_message(contains=said("help.member"))
        for data in (
            SendNow(notice.id).data,
            WholeBranch(notice.id).data,
            ScheduleAt(notice.id, 1, 9).data,
        ):
            answer = await other.press_data(data, anchor.message_id)
            assert expected in (answer.get("text") or ""), (name, data, answer)
            assert answer.get("show_alert")
    stranger = await harness.user("外人")
    await stranger.send("/help")
    anchor = await stranger.wait_message()
    answer = await stranger.press_data(SendNow(notice.id).data, anchor.message_id)
    assert "不是本支部的党员" in (answer.get("text") or "")
    assert (await last_notice(harness, world.branch_id)).status == "draft"
    assert await deliveries(harness, notice.id) == []


async def test_group_leader_reaches_only_their_group(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    leader = world.user("组长老李")
    async with sender(harness):
        await leader.send("/broadcast")
        await leader.wait_message(contains=said("delivery.compose.prompt"))
        await leader.send("小组学习改到周四")
        chosen = await leader.wait_message(contains=said("delivery.aud.prompt"))
        assert "第二党小组" in chosen.body and "共 2 人" in chosen.body
        assert not [b for b in chosen.button_texts() if "全支部" in b or "第一党小组" in b]
        # A forged "whole branch" toggle still leaves only the leader's group.
        notice = await last_notice(harness, world.branch_id)
        await leader.press_data(WholeBranch(notice.id).data, chosen.message_id)
        await leader.press("下一步")
        summary = await leader.wait_message(contains=said("delivery.preview.summary"))
        assert "共 2 人" in summary.body
        await leader.press("立即发送")
        await world.user("孙奶奶").wait_message(contains="小组学习")
        await leader.wait_message(contains=said("delivery.report.title"))
    rows = await deliveries(harness, notice.id)
    assert {r.member_id for r in rows} == {world.member_ids["组长老李"], world.member_ids["孙奶奶"]}


async def test_zero_recipients_is_refused(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE, groups=("第一党小组", "第二党小组", "空小组"))
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))
    await sec.send("发给空小组")
    await sec.wait_message(contains=said("delivery.aud.prompt"))
    await sec.press("空小组")
    chosen = await sec.wait_message(contains=said("delivery.aud.prompt"))
    assert "共 0 人" in chosen.body
    answer = await sec.press("下一步")
    assert "一个人也没有" in (answer.get("text") or "")
    notice = await last_notice(harness, world.branch_id)
    forged = await sec.press_data(SendNow(notice.id).data, chosen.message_id)
    assert "一个人也没有" in (forged.get("text") or "")
    assert (await last_notice(harness, world.branch_id)).status == "draft"
    assert await deliveries(harness, notice.id) == []


async def test_too_long_text_caption_and_file_are_refused(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:1])
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))
    await sec.send("长" * 4097)
    await sec.wait_message(contains=said("delivery.refuse.text_too_long"))
    await sec.send_photo(b"\xff\xd8\xff\xe0 photo", caption="说" * 1025)
    await sec.wait_message(contains=said("delivery.refuse.caption_too_long"))
    await sec.send_document("big.pdf", b"0" * (FILE_MAX_BYTES + 1), mime_type="application/pdf")
    await sec.wait_message(contains=said("delivery.refuse.file_too_big"))
    # Still waiting for content: a text of exactly 4096 characters is accepted.
    await sec.send("好" * 4096)
    await sec.wait_message(contains=said("delivery.aud.prompt"))
    notice = await last_notice(harness, world.branch_id)
    assert notice.status == "draft"
    assert notice.content["zh"]["text"] == "好" * 4096


async def test_photo_with_caption_is_previewed_as_sent(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:3])
    sec = world.user("书记老王")
    async with sender(harness):
        await sec.send("/broadcast")
        await sec.wait_message(contains=said("delivery.compose.prompt"))
        await sec.send_photo(b"\xff\xd8\xff\xe0 photo", caption="活动海报")
        await sec.wait_message(contains=said("delivery.aud.prompt"))
        await sec.press("下一步")
        copy = await sec.wait_message(contains="活动海报")
        assert copy.photo is not None
        await sec.wait_message(contains=said("delivery.preview.summary"))
        await sec.press("立即发送")
        got = await world.user("张大爷").wait_message(contains="活动海报")
        assert got.photo is not None and "收到" in got.button_texts()[0]
        await sec.wait_message(contains=said("delivery.report.title"))
