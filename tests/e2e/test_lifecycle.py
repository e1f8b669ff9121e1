"""Stopping gracefully loses no update already received; a restart picks up where it left."""

from __future__ import annotations

import asyncio

from telegram import Update
from telegram.ext import CommandHandler

from bot.context import Context
from tests.e2e.conftest import Harness
from tests.said import said


def _slow_handler(started: list[int], handled: list[int]) -> CommandHandler[Context, None]:
    async def slow(update: Update, context: Context) -> None:
        assert update.effective_user is not None
        started.append(update.effective_user.id)
        # Long enough that all six have started before the first finishes, even on a busy box.
        await asyncio.sleep(1.0)
        assert update.effective_user is not None and update.effective_message is not None
        handled.append(update.effective_user.id)
        await update.effective_message.reply_text("done")

    return CommandHandler("slow", slow)


async def test_stop_handles_every_update_already_received(harness: Harness) -> None:
    started: list[int] = []
    handled: list[int] = []
    harness.app.add_handler(_slow_handler(started, handled), group=-1)
    people = [await harness.user(f"成员{i}") for i in range(6)]
    await asyncio.gather(*(p.send("/slow") for p in people))
    # Stop while all six are still being handled.
    for _ in range(200):
        if len(started) == len(people):
            break
        await asyncio.sleep(0.01)
    assert handled == []
    await harness.stop()
    assert sorted(handled) == sorted(p.id for p in people)
    for person in people:
        await person.wait_message(contains="done")
    # The next process does not get them again: they were confirmed before the stop finished.
    await harness.start()
    again = await harness.user("新人")
    await again.send("/help")
    await again.wait_message(contains=said("help.member"))
    assert len(handled) == len(people)


async def test_per_user_order_is_kept_under_concurrency(harness: Harness) -> None:
    order: list[str] = []

    async def record(update: Update, context: Context) -> None:
        assert update.effective_message is not None and update.effective_message.text
        text = update.effective_message.text
        # The first message of each person is slower; a second one must still wait for it.
        await asyncio.sleep(0.2 if text.endswith("1") else 0)
        order.append(text)

    from telegram.ext import MessageHandler, filters

    harness.app.add_handler(MessageHandler(filters.Regex(r"^seq "), record), group=-1)
    a, b = await harness.user("甲"), await harness.user("乙")
    for i in (1, 2, 3):
        await a.send(f"seq a{i}")
        await b.send(f"seq b{i}")
    for _ in range(100):
        if len(order) == 6:
            break
        await asyncio.sleep(0.05)
    assert [x for x in order if x.startswith("seq a")] == ["seq a1", "seq a2", "seq a3"]
    assert [x for x in order if x.startswith("seq b")] == ["seq b1", "seq b2", "seq b3"]
