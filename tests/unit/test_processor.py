"""The update processor: a person's waiting updates hold no slot; a flooder starves nobody."""

from __future__ import annotations

import asyncio
import itertools
from datetime import UTC, datetime

from telegram import Chat, Message, Update, User

from bot.domain.pacing import PacerConfig
from bot.plumbing.processor import PerUserUpdateProcessor, slot_lent
from bot.plumbing.ratelimit import PacedRateLimiter

_ids = itertools.count(1)


def _update(user_id: int) -> Update:
    n = next(_ids)
    return Update(
        update_id=n,
        message=Message(
            message_id=n,
            date=datetime.now(UTC),
            chat=Chat(user_id, Chat.PRIVATE),
            from_user=User(user_id, "x", is_bot=False),
            text="hi",
        ),
    )


async def _settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def test_a_persons_waiting_updates_hold_no_processing_slot() -> None:
    processor = PerUserUpdateProcessor(2)
    gate = asyncio.Event()
    done: list[str] = []

    async def held(tag: str) -> None:
        await gate.wait()
        done.append(tag)

    async def quick(tag: str) -> None:
        done.append(tag)

    # One person's five updates: the first blocks, four wait for it.
    flood = [
        asyncio.create_task(processor.process_update(_update(1), held(f"a{i}"))) for i in range(5)
    ]
    await _settle()
    # Another person is answered while all five are still there.
    await asyncio.wait_for(processor.process_update(_update(2), quick("b")), 5)
    assert done == ["b"]
    assert processor.current_concurrent_updates == 1  # only the running one has a slot
    assert processor.max_concurrent_updates == 2
    gate.set()
    await asyncio.gather(*flood)
    assert done == ["b", "a0", "a1", "a2", "a3", "a4"]  # the person's own order is kept


async def test_a_flooder_is_cut_off_told_once_per_flood_and_others_still_run() -> None:
    told: list[int] = []

    async def on_flood(update: Update) -> None:
        assert update.effective_user is not None
        told.append(update.effective_user.id)

    processor = PerUserUpdateProcessor(2, flood_queue=5, on_flood=on_flood)
    gate = asyncio.Event()
    ran = 0

    async def held() -> None:
        nonlocal ran
        await gate.wait()
        ran += 1

    async def quick() -> None:
        pass

    burst = [asyncio.create_task(processor.process_update(_update(1), held())) for _ in range(100)]
    await _settle()
    assert processor.queued(1) == 5
    await asyncio.wait_for(processor.process_update(_update(2), quick()), 5)
    assert told == [1]  # once for the whole burst
    gate.set()
    await asyncio.gather(*burst)
    assert ran == 5 and processor.queued(1) == 0
    # The flood is over once the queue drained; a new one is a new episode.
    gate.clear()
    again = [asyncio.create_task(processor.process_update(_update(1), held())) for _ in range(7)]
    await _settle()
    gate.set()
    await asyncio.gather(*again)
    await _settle()
    assert told == [1, 1]
    await processor.shutdown()


async def test_waiting_for_a_send_slot_lends_the_processing_slot() -> None:
    processor = PerUserUpdateProcessor(1)
    sending = asyncio.Event()
    gate = asyncio.Event()
    order: list[str] = []

    async def waits_for_the_limiter() -> None:
        async with slot_lent():
            sending.set()
            await gate.wait()
        order.append("a")

    async def quick() -> None:
        order.append("b")

    first = asyncio.create_task(processor.process_update(_update(1), waits_for_the_limiter()))
    await sending.wait()
    await asyncio.wait_for(processor.process_update(_update(2), quick()), 5)
    gate.set()
    await first
    assert order == ["b", "a"]
    assert processor.current_concurrent_updates == 0
    # Outside an update the hook does nothing.
    async with slot_lent():
        pass


async def test_a_reply_waiting_for_the_rate_limiter_gives_its_slot_to_others() -> None:
    gate = asyncio.Event()
    waiting = asyncio.Event()

    async def sleep(_seconds: float) -> None:
        waiting.set()
        await gate.wait()

    limiter = PacedRateLimiter(PacerConfig(private_burst=1), sleep=sleep)
    processor = PerUserUpdateProcessor(1)
    order: list[str] = []

    async def call() -> bool:
        return True

    async def two_replies_to_one_chat() -> None:
        for _ in range(2):  # the second must wait for the per-chat gap
            await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": 1}, None)
        order.append("a")

    async def quick() -> None:
        order.append("b")

    first = asyncio.create_task(processor.process_update(_update(1), two_replies_to_one_chat()))
    await waiting.wait()
    await asyncio.wait_for(processor.process_update(_update(2), quick()), 5)
    gate.set()
    await first
    assert order == ["b", "a"]
