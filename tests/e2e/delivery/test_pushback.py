"""Delivery under real latency and pushback (issue 10): the sandbox in strict per-chat mode
with latency added; a 429 for one chat holds that chat only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from tests.e2e.conftest import Harness, start_harness
from tests.e2e.delivery.world import Person, deliveries, make_world, sender, wait_settled
from tests.said import said

TEXT = "【支部通知】严格限流下也一条不丢"


@pytest.fixture
async def limited(db_url: str) -> AsyncIterator[Harness]:
    async for h in start_harness(db_url, enforce_limits=True):
        # The strict reading: no bursts to a person, as BOT_REPLY_BURST's default says.
        h.settings = h.settings.model_copy(update={"bot_reply_burst": 1})
        await h.restart()
        yield h


async def _enqueue(harness: Harness, branch_id: int, member_ids: list[int], key: str) -> int:
    async with harness.data.db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=branch_id,
            kind="broadcast",
            key=key,
            content={"zh": Content(text=TEXT)},
            member_ids=member_ids,
            now=harness.clock.now(),
            ack=True,
        )
    notices.wake(harness.data)
    return result.notice_id


async def test_broadcast_over_a_strict_slow_sandbox_gets_through_pipelined(
    limited: Harness,
) -> None:
    harness = limited
    people = [Person(f"党员{i}") for i in range(40)]
    world = await make_world(harness, people)
    await harness.client.set_limits(strict=True, latency_ms=100)
    await harness.client.reset_stats()
    async with sender(harness):
        notice_id = await _enqueue(
            harness, world.branch_id, list(world.member_ids.values()), "strict:slow"
        )
        await wait_settled(harness, notice_id, timeout=60)
    stats = await harness.client.stats()
    assert stats["limits_strict"] and stats["latency_ms"] == 100
    assert stats["too_many_requests"] == 0
    assert stats["max_sends_per_second"] <= 30
    assert stats["private_chat_violations"] == {}
    # Several copies on the way at once: one in flight manages 1 / round trip (was 1).
    assert stats["max_sends_in_flight"] > 1
    for name in world.users:
        copies = [m for m in await world.user(name).messages() if TEXT in m.body]
        assert len(copies) == 1, name
    assert {r.state for r in await deliveries(harness, notice_id)} == {"sent"}


async def test_a_429_for_one_chat_does_not_hold_another_persons_button(harness: Harness) -> None:
    world = await make_world(harness, [Person("张大爷"), Person("李阿姨")])
    zhang, li = world.user("张大爷"), world.user("李阿姨")
    async with sender(harness):
        notice_id = await _enqueue(harness, world.branch_id, [world.member_ids["李阿姨"]], "hold")
        await li.wait_message(contains="一条不丢")
        await wait_settled(harness, notice_id)
    # Telegram refuses the next message to 张大爷 for 8 s.
    await harness.client.set_faults(
        [{"method": "sendMessage", "chat_id": zhang.id, "error_code": 429, "retry_after": 8}]
    )
    await zhang.send("/help")
    for _ in range(200):
        if (await harness.client.stats())["too_many_requests"] >= 1:
            break
        await asyncio.sleep(0.05)
    # Meanwhile 李阿姨's button is answered and her message edited: her chat was never refused
    # (every call used to pause for the 429, callback answers included).
    answer = await li.press("收到", timeout=5)
    assert "谢谢" in (answer.get("text") or "")
    pressed = await li.wait_message(timeout=5)
    assert pressed.edited and "已收到 ✓" in pressed.button_texts()
    # 张大爷's reply was held, not lost: it comes once his chat's wait is over.
    reply = await zhang.wait_message(contains=said("help.member"), timeout=30)
    assert reply is not None
