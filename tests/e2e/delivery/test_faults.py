"""Unreachable members, Telegram errors and retries: nobody is lost, nobody gets two copies."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from storage.models.core import Branch, TgUser
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import (
    Person,
    World,
    deliveries,
    make_world,
    sender,
    wait_settled,
)
from tests.said import said

PEOPLE = [
    Person("书记老王", role="secretary"),
    Person("张大爷"),
    Person("李阿姨"),
    Person("赵师傅"),
    Person("没点开始", started=False),
    Person("没绑定", bound=False),
]


async def _enqueue(harness: Harness, world: World, key: str, text: str) -> int:
    async with harness.data.db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=world.branch_id,
            kind="test",
            key=key,
            content={"zh": Content(text=text)},
            member_ids=list(world.member_ids.values()),
            now=harness.clock.now(),
            ack=True,
        )
    notices.wake(harness.data)
    return result.notice_id


async def _copies(world: World, name: str, text: str) -> int:
    return len([m for m in await world.user(name).messages() if text in m.body])


async def test_blocked_and_never_started_are_reported_not_retried(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    await world.user("赵师傅").block()
    async with sender(harness):
        notice_id = await _enqueue(harness, world, "fault:blocked", "停电通知")
        await wait_settled(harness, notice_id)
    rows = {r.member_id: r for r in await deliveries(harness, notice_id)}
    ids = world.member_ids
    assert rows[ids["赵师傅"]].state == "unreachable" and rows[ids["赵师傅"]].reason == "blocked"
    assert rows[ids["赵师傅"]].attempts == 1
    assert rows[ids["没点开始"]].state == "not_started" and rows[ids["没点开始"]].attempts == 0
    assert rows[ids["没绑定"]].state == "not_started" and rows[ids["没绑定"]].chat_id is None
    assert {rows[ids[n]].state for n in ("书记老王", "张大爷", "李阿姨")} == {"sent"}
    async with harness.data.db.transaction() as s:
        blocked = await s.scalar(
            select(TgUser.blocked_at).where(TgUser.id == world.user("赵师傅").id)
        )
    assert blocked is not None
    stats = await harness.client.stats()
    never = {str(world.user("没点开始").id), str(world.user("没绑定").id)}
    assert not never & set(stats["messages_per_chat"])  # Telegram was never even asked
    # Next time the blocked member is known up front and not tried again.
    async with sender(harness):
        second = await _enqueue(harness, world, "fault:blocked:2", "第二条")
        await wait_settled(harness, second)
    again = {r.member_id: r for r in await deliveries(harness, second)}
    assert again[ids["赵师傅"]].state == "unreachable" and again[ids["赵师傅"]].attempts == 0


async def test_report_lists_unreached_and_resends_to_unacknowledged(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    async with sender(harness):
        await sec.send("/broadcast")
        await sec.wait_message(contains=said("delivery.compose.prompt"))
        await sec.send("请确认收到")
        await sec.wait_message(contains=said("delivery.aud.prompt"))
        await sec.press("下一步")
        summary = await sec.wait_message(contains=said("delivery.preview.summary"))
        assert "2 人暂时收不到" in summary.body
        await sec.press("立即发送")
        await world.user("张大爷").wait_message(contains="请确认收到")
        await world.user("张大爷").press("收到")
        report = await sec.wait_message(contains=said("delivery.report.title"))
        assert "还没开始使用机器人：2" in report.body
        await sec.press("未开始使用机器人的名单")
        listing = await sec.wait_message(contains=said("delivery.unreached.title"))
        assert (
            "没点开始" in listing.body
            and "没绑定" in listing.body
            and "13800000000" in listing.body
        )
        await sec.press("只提醒未确认的")
        summary = await sec.wait_message(contains=said("delivery.preview.summary"))
        assert "共 <b>5</b> 人" in (summary.html or "") or "共 5 人" in summary.body
        # Told apart by when it was sent, not by an internal number.
        assert "未确认「" in summary.body and " 发）的人" in summary.body
        assert "#" not in summary.body
        await sec.press("立即发送")
        await world.user("李阿姨").wait_message(contains="请确认收到")
        await sec.wait_message(contains=said("delivery.report.title"))
    assert await _copies(world, "张大爷", "请确认收到") == 1  # acknowledged: not sent again
    assert await _copies(world, "李阿姨", "请确认收到") == 2


async def test_429_storm_and_5xx_are_retried_without_loss_or_duplicates(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:4])
    zhang = world.user("张大爷").id
    await harness.client.set_faults(
        [
            {"method": "sendMessage", "error_code": 429, "retry_after": 1, "count": 6},
            {"method": "sendMessage", "chat_id": zhang, "error_code": 502, "count": 2},
        ]
    )
    async with sender(harness) as running:
        notice_id = await _enqueue(harness, world, "fault:storm", "风暴中的通知")
        for _ in range(6):  # each retry is due a little later on the fake clock
            harness.clock.advance(timedelta(minutes=5))
            running.wake()
            try:
                await wait_settled(harness, notice_id, timeout=4)
                break
            except TimeoutError:
                continue
        await wait_settled(harness, notice_id)
    rows = await deliveries(harness, notice_id)
    assert {r.state for r in rows} == {"sent"}
    assert max(r.attempts for r in rows if r.member_id == world.member_ids["张大爷"]) >= 2
    for name in ("书记老王", "张大爷", "李阿姨", "赵师傅"):
        assert await _copies(world, name, "风暴中的通知") == 1, name
    stats = await harness.client.stats()
    assert stats["too_many_requests"] >= 6


async def test_permanent_error_on_one_does_not_stop_the_rest(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:4])
    li = world.user("李阿姨").id
    await harness.client.set_faults(
        [
            {
                "method": "sendMessage",
                "chat_id": li,
                "error_code": 400,
                "description": "Bad Request: chat not found",
                "count": 1,
            }
        ]
    )
    async with sender(harness):
        notice_id = await _enqueue(harness, world, "fault:one", "只有一人失败")
        await wait_settled(harness, notice_id)
    rows = {r.member_id: r for r in await deliveries(harness, notice_id)}
    assert rows[world.member_ids["李阿姨"]].state == "unreachable"
    assert rows[world.member_ids["李阿姨"]].reason == "chat_not_found"
    assert [rows[world.member_ids[n]].state for n in ("书记老王", "张大爷", "赵师傅")] == [
        "sent"
    ] * 3


async def test_group_chat_copy(harness: Harness) -> None:
    secretary = Person("书记老王", role="secretary")
    world = await make_world(harness, [secretary, Person("张大爷")])
    group = await harness.client.group(
        "支部群", members=[world.user("书记老王"), world.user("张大爷")]
    )
    async with harness.data.db.transaction() as s:
        branch = await s.get(Branch, world.branch_id)
        assert branch is not None
        branch.group_chat_id = group.id
    sec = world.user("书记老王")
    async with sender(harness):
        await sec.send("/broadcast")
        await sec.wait_message(contains=said("delivery.compose.prompt"))
        await sec.send("也发到群里")
        await sec.wait_message(contains=said("delivery.aud.prompt"))
        await sec.press("下一步")
        await sec.wait_message(contains=said("delivery.preview.summary"))
        await sec.press("同时发到支部群")
        toggled = await sec.wait_message(contains=said("delivery.preview.summary"))
        assert any(b.startswith("✅") and "支部群" in b for b in toggled.button_texts())
        await sec.press("立即发送")
        posted = await group.wait_message(contains="也发到群里")
        assert posted.button_texts() == []  # no 「收到」 in the group: it is for one person
        report = await sec.wait_message(contains=said("delivery.report.title"))
        assert "已同时发到支部群" in report.body
