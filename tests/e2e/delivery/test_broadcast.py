"""/broadcast as a secretary uses it: compose, audience, preview, send, report, acknowledge."""

from __future__ import annotations

from handlers.delivery.buttons import Acknowledge, SendNow
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import (
    Person,
    World,
    deliveries,
    last_notice,
    make_world,
    sender,
    wait_settled,
)
from tests.said import said

PEOPLE = [
    Person("书记老王", group="第一党小组", role="secretary", category="retired"),
    Person("张大爷", group="第一党小组", category="retired"),
    Person("李阿姨", group="第一党小组", category="employed"),
    Person("赵师傅", group="第二党小组", category="employed"),
    Person("孙奶奶", group="第二党小组", category="retired"),
]


async def _compose(world: World, text: str) -> None:
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))
    await sec.send(text)
    await sec.wait_message(contains=said("delivery.aud.prompt"))


async def test_group_and_category_audience_preview_send_report_and_ack(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    async with sender(harness):
        await _compose(world, "<b>通知</b>：本周六上午九点在社区活动室开支部大会。")
        await sec.press("第一党小组")
        chosen = await sec.wait_message(contains=said("delivery.aud.prompt"))
        assert "第一党小组" in chosen.body and "3" in chosen.body
        await sec.press("在职党员")
        chosen = await sec.wait_message(contains=said("delivery.aud.prompt"))
        assert "共 1 人" in chosen.body  # 第一党小组 ∩ 在职党员 = 李阿姨
        await sec.press("第二党小组")
        chosen = await sec.wait_message(contains=said("delivery.aud.prompt"))
        assert "共 2 人" in chosen.body  # + 赵师傅
        await sec.press("下一步")
        copy = await sec.wait_message(contains="支部大会")
        # Typed markup is the person's text, not formatting: shown exactly as typed.
        assert copy.text == "<b>通知</b>：本周六上午九点在社区活动室开支部大会。"
        assert "收到" in copy.button_texts()[0]
        summary = await sec.wait_message(contains=said("delivery.preview.summary"))
        assert "2" in summary.body
        await sec.press("立即发送")
        li, zhao = world.user("李阿姨"), world.user("赵师傅")
        got = await li.wait_message(contains="支部大会")
        await zhao.wait_message(contains="支部大会")
        notice = await wait_settled(harness, (await last_notice(harness, world.branch_id)).id)
        report = await sec.wait_message(contains=said("delivery.report.title"), timeout=10)
        assert "已送达：2 / 2" in report.body
        # Names, not only counts, and a button to remind just them (issue 11).
        assert "还没确认：李阿姨、赵师傅" in report.body
        assert "只提醒未确认的 2 人" in report.button_texts()[0]

        answer = await li.press("收到")
        assert "谢谢" in (answer.get("text") or "")
        pressed = await li.wait_message()
        assert pressed.edited and "已收到 ✓" in pressed.button_texts()
        again = await li.press_data(Acknowledge(_row_id(got.button("收到"))).data, got.message_id)
        assert "已经确认" in (again.get("text") or "")

        await sec.press("刷新")
        refreshed = await sec.wait_message(contains=said("delivery.report.title"))
        assert "已确认收到：1 / 2" in refreshed.body
        assert "还没确认：赵师傅" in refreshed.body
        await sec.press("只提醒未确认的 1 人", message_id=refreshed.message_id)
        preview = await sec.wait_message(contains=said("delivery.preview.summary"))
        assert "共 1 人" in preview.body or "1 人" in preview.body

    rows = await deliveries(harness, notice.id)
    by_member = {r.member_id: r for r in rows}
    assert set(by_member) == {world.member_ids["李阿姨"], world.member_ids["赵师傅"]}
    assert all(r.state == "sent" and r.message_id for r in rows)
    assert by_member[world.member_ids["李阿姨"]].acked_at is not None
    assert by_member[world.member_ids["赵师傅"]].acked_at is None
    for name in ("张大爷", "孙奶奶"):
        assert not [m for m in await world.user(name).messages() if "支部大会" in m.body]


def _row_id(button: dict[str, str]) -> int:
    pressed = Acknowledge.parse(button["callback_data"])
    assert pressed is not None
    return pressed.delivery


async def test_someone_else_cannot_acknowledge(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:3])
    sec = world.user("书记老王")
    async with sender(harness):
        await _compose(world, "明天停水通知")
        await sec.press("下一步")
        await sec.wait_message(contains=said("delivery.preview.summary"))
        await sec.press("立即发送")
        zhang, li = world.user("张大爷"), world.user("李阿姨")
        got = await zhang.wait_message(contains="停水")
        await li.wait_message(contains="停水")
        notice = await wait_settled(harness, (await last_notice(harness, world.branch_id)).id)
    zhang_row = _row_id(got.button("收到"))
    li_last = await li.last_message()
    assert li_last is not None
    answer = await li.press_data(Acknowledge(zhang_row).data, li_last.message_id)
    assert "别人" in (answer.get("text") or "") and answer.get("show_alert")
    rows = {r.member_id: r for r in await deliveries(harness, notice.id)}
    assert rows[world.member_ids["张大爷"]].acked_at is None


async def test_cancel_sends_nothing(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:3])
    sec = world.user("书记老王")
    async with sender(harness):
        await _compose(world, "这条不发")
        await sec.press("下一步")
        await sec.wait_message(contains=said("delivery.preview.summary"))
        await sec.press("取消")
        cancelled = await sec.wait_message(contains=said("delivery.cancelled"))
        notice = await last_notice(harness, world.branch_id)
        assert notice.status == "cancelled"
        # A late press of the stale confirm button sends nothing either.
        answer = await sec.press_data(SendNow(notice.id).data, cancelled.message_id)
        assert "已经发送或已取消" in (answer.get("text") or "")
    assert await deliveries(harness, notice.id) == []
    assert not [m for m in await world.user("张大爷").messages() if "这条不发" in m.body]
