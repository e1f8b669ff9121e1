"""A broadcast survives a restart in the middle: every member ends with exactly one copy."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import func, select

import jobs.delivery
from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from storage.models.delivery import Delivery
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, World, deliveries, make_world, sender, wait_settled

# More people than the sender's in-flight window, so a stop surely lands mid-broadcast.
PEOPLE = [Person(f"党员{i}") for i in range(40)]
TEXT = "重启也不丢的通知"


async def _start_slow_broadcast(harness: Harness, world: World) -> int:
    # Each send takes a while, so the restart surely lands in the middle of the broadcast.
    await harness.client.set_faults([{"method": "sendMessage", "delay": 0.25, "count": 1000}])
    async with harness.data.db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=world.branch_id,
            kind="test",
            key=f"restart:{world.branch_id}",
            content={"zh": Content(text=TEXT)},
            member_ids=list(world.member_ids.values()),
            now=harness.clock.now(),
        )
    notices.wake(harness.data)
    return result.notice_id


async def _sent(harness: Harness, notice_id: int) -> int:
    async with harness.data.db.transaction() as s:
        n = await s.scalar(
            select(func.count()).where(Delivery.notice_id == notice_id, Delivery.state == "sent")
        )
    return int(n or 0)


async def _wait_sent(harness: Harness, notice_id: int, at_least: int) -> None:
    for _ in range(200):
        if await _sent(harness, notice_id) >= at_least:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError("the broadcast did not start")


async def _copies(world: World) -> dict[str, int]:
    return {
        name: len([m for m in await world.user(name).messages() if TEXT in m.body])
        for name in world.users
    }


async def test_graceful_restart_mid_broadcast_sends_each_once(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE)
    await jobs.delivery.start(harness.app, poll_s=0.2)
    notice_id = await _start_slow_broadcast(harness, world)
    await _wait_sent(harness, notice_id, 3)
    # What post_stop does: finish the send in flight, give back the claimed rows.
    await jobs.delivery.stop(harness.app)
    done_before = await _sent(harness, notice_id)
    assert 3 <= done_before < len(PEOPLE)
    await harness.restart()
    async with sender(harness):
        await wait_settled(harness, notice_id, timeout=20)
    assert set((await _copies(world)).values()) == {1}
    assert {r.state for r in await deliveries(harness, notice_id)} == {"sent"}


async def test_hard_kill_mid_send_loses_nothing_and_duplicates_at_most_the_window(
    harness: Harness,
) -> None:
    world = await make_world(harness, PEOPLE)
    running = await jobs.delivery.start(harness.app, poll_s=0.2)
    notice_id = await _start_slow_broadcast(harness, world)
    await _wait_sent(harness, notice_id, 3)
    # As kill -9 would: the task dies mid-send, nothing is cleaned up, a row stays `sending`.
    assert running._task is not None
    running._task.cancel()
    await asyncio.gather(running._task, return_exceptions=True)
    harness.data.sender = None
    async with harness.data.db.transaction() as s:
        left = await s.scalar(
            select(func.count()).where(Delivery.notice_id == notice_id, Delivery.state == "sending")
        )
    # Was exactly one (one send in flight); now at most the in-flight window, each with a lease.
    assert 1 <= (left or 0) <= running.window()
    await harness.restart()
    async with sender(harness) as fresh:
        # The dead process's lease has to run out before its row is taken over.
        await asyncio.sleep(0.5)
        assert await _sent(harness, notice_id) < len(PEOPLE)
        harness.clock.advance(timedelta(minutes=1))
        fresh._last_reap = 0.0
        fresh.wake()
        await wait_settled(harness, notice_id, timeout=20)
    copies = await _copies(world)
    assert min(copies.values()) == 1
    assert sum(copies.values()) - len(PEOPLE) <= (left or 0)
