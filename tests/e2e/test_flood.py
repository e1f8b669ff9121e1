"""One person flooding the bot does not stall anyone else (issue 8, item 2)."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import MessageHandler, filters

from bot.plumbing.processor import PerUserUpdateProcessor
from bot.texts import t
from tests.e2e.conftest import Harness
from tests.said import said


async def _until(condition: object, what: str) -> None:
    for _ in range(1000):
        if callable(condition) and condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError(f"never happened: {what}")


async def test_a_flood_of_100_messages_stalls_nobody_and_the_flooder_is_told_once(
    harness: Harness,
) -> None:
    flooder = await harness.user("刷屏的人")
    other = await harness.user("张阿姨")
    processor = harness.app.update_processor
    assert isinstance(processor, PerUserUpdateProcessor)
    bound = harness.settings.bot_flood_queue

    # The flooder's first message is still being handled (a slow handler stands in for a slow
    # reply) while the rest of the burst arrives, so the burst really queues up.
    gate = asyncio.Event()

    async def slow_for_flooder(update: Update, _context: object) -> None:
        if update.effective_user is not None and update.effective_user.id == flooder.id:
            await gate.wait()

    harness.app.add_handler(MessageHandler(filters.ALL, slow_for_flooder), group=-1)
    await asyncio.gather(*(flooder.send(f"刷{i}") for i in range(100)))
    await _until(lambda: processor.queued(flooder.id) >= bound, "the burst queued up")

    # Someone else is answered while the whole flood is still queued.
    await other.send("/help")
    await other.wait_message(contains=said("help.member"), timeout=30)
    assert processor.queued(flooder.id) == bound
    notice = await flooder.wait_message(contains=said("flood.slow_down"), timeout=30)
    assert notice.text is not None

    # Once let go, the flooder gets the answers to what was queued, and the notice only once.
    gate.set()
    await _until(lambda: processor.queued(flooder.id) == 0, "the flood drained")
    for _ in range(bound):
        await flooder.wait_message(contains=said("error.unknown_input"), timeout=30)
    texts = [m.body for m in await flooder.messages() if m.from_bot]
    assert sum(t("flood.slow_down", "zh") in body for body in texts) == 1
    assert sum("没有看懂" in body for body in texts) == bound
