"""Thirty messages in a second from one person, under Telegram's real per-chat limits: that
person is slowed (answers paced, the rest of the burst dropped with one kind notice), and
someone else is answered meanwhile as if nothing happened."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.plumbing.processor import PerUserUpdateProcessor
from tests.e2e.conftest import Harness, start_harness
from tests.said import said


@pytest.fixture
async def limited(db_url: str) -> AsyncIterator[Harness]:
    async for h in start_harness(db_url, enforce_limits=True):
        h.settings = h.settings.model_copy(update={"bot_reply_burst": 1, "bot_flood_queue": 5})
        await h.restart()
        yield h


@pytest.mark.timeout(120)
async def test_thirty_messages_a_second_slow_the_sender_and_nobody_else(limited: Harness) -> None:
    flooder = await limited.user("刷屏的人")
    other = await limited.user("张阿姨")
    processor = limited.app.update_processor
    assert isinstance(processor, PerUserUpdateProcessor)

    for i in range(30):
        await flooder.send(f"刷{i}")
        await asyncio.sleep(1 / 30)
    # Replies to one private chat go out about once a second: the burst is still queued.
    assert processor.queued(flooder.id) > 0

    loop = asyncio.get_running_loop()
    asked = loop.time()
    await other.send("/help")
    await other.wait_message(contains=said("help.member"), timeout=10)
    # Answered within the pacing of one chat, not behind the flooder's queue (no wall-clock
    # figure: the flooder's queue is simply still there when the other person is answered).
    assert processor.queued(flooder.id) > 0, loop.time() - asked

    notice = await flooder.wait_message(contains=said("flood.slow_down"), timeout=60)
    assert notice.text is not None
