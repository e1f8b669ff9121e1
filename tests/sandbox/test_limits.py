"""Flood limits (30/s per bot, 1/s per private chat, 20/min per group) and send statistics."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.limits import FloodLimiter
from bot.sandbox.server import SandboxServer
from tests.sandbox.conftest import raw_call


def test_limiter_windows_with_a_synthetic_clock() -> None:
    limiter = FloodLimiter(enabled=True)
    for i in range(30):
        assert limiter.check(1, 100 + i, False, 10.0 + i * 0.01) is None
        limiter.record(1, 100 + i, False, 10.0 + i * 0.01)
    assert limiter.check(1, 999, False, 10.5) == 1
    assert limiter.check(1, 999, False, 11.0) is None  # the first send left the window
    # Chat 100 had one send at 10.0; two more fit the 3-s burst, a fourth waits for the window.
    assert limiter.check(1, 100, False, 11.5) is None
    limiter.record(1, 100, False, 11.5)
    limiter.record(1, 100, False, 12.0)
    assert limiter.check(1, 100, False, 12.2) == 1  # until 13.0, when the send at 10.0 leaves
    assert limiter.check(1, 100, False, 13.0) is None
    for i in range(20):
        limiter.record(1, -5, True, 20.0 + i * 2)
    assert limiter.check(1, -5, True, 60.0) == 20  # until the oldest is 60 s old
    assert limiter.check(1, -5, True, 80.0) is None
    limiter.enabled = False
    assert limiter.check(1, 100, False, 10.9) is None


@pytest.fixture
async def limited() -> AsyncIterator[SandboxServer]:
    server = SandboxServer(enforce_limits=True)
    await server.start()
    yield server
    await server.stop()


async def _people(client: SandboxClient, n: int) -> list[SandboxUser]:
    people = [await client.user(f"用户{i}") for i in range(n)]
    for person in people:
        await person.start()
    return people


async def test_31_quick_sends_hit_the_global_limit(limited: SandboxServer) -> None:
    async with SandboxClient(limited.base_url) as client:
        people = await _people(client, 31)
        results = await asyncio.gather(
            *(raw_call(limited, "sendMessage", chat_id=p.id, text="通知") for p in people)
        )
        refused = [body for status, body in results if status == 429]
        assert refused, "31 sends inside one second must not all pass"
        assert all(b["parameters"]["retry_after"] >= 1 for b in refused)
        assert refused[0]["description"].startswith("Too Many Requests: retry after ")
        stats = await client.stats()
        assert stats["max_sends_per_second"] <= 30
        assert stats["too_many_requests"] == len(refused)


async def test_fourth_send_to_one_chat_within_three_seconds(
    limited: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    async with (
        SandboxClient(limited.base_url) as client,
        Bot(limited.make_token(), base_url=limited.bot_api_url) as bot,
    ):
        (person,) = await _people(client, 1)
        for text in ("一", "二", "三"):  # a short burst is tolerated, as on Telegram
            await bot.send_message(person.id, text)
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(person.id, "四")
        wait = info.value.retry_after
        assert isinstance(wait, dtm.timedelta)
        assert dtm.timedelta(seconds=1) <= wait <= dtm.timedelta(seconds=3)
        group = await client.group("群", members=[person])
        for i in range(20):
            await bot.send_message(group.id, f"群消息 {i}")
        with pytest.raises(RetryAfter):
            await bot.send_message(group.id, "too many")
        # Turned off at run time, the same send passes.
        await client.set_limits(False)
        assert (await bot.send_message(group.id, "now fine")).text == "now fine"


async def test_stats_count_violations_when_limits_are_off(
    sandbox: SandboxServer, client: SandboxClient, bot: Bot
) -> None:
    a, b = await _people(client, 2)
    await client.reset_stats()
    await bot.send_message(a.id, "1")
    await bot.send_message(a.id, "2")
    await bot.send_message(b.id, "3")
    await bot.edit_message_text("3!", chat_id=b.id, message_id=(await b.last_message()).message_id)  # type: ignore[union-attr]
    stats = await client.stats()
    assert stats["calls"]["sendMessage"] == 3
    assert stats["calls"]["editMessageText"] == 1
    assert stats["total_sends"] == 3
    assert [s["chat_id"] for s in stats["sends"]] == [a.id, a.id, b.id]
    assert stats["private_chat_violations"] == {str(a.id): 1}
    assert stats["messages_per_chat"] == {str(a.id): 2, str(b.id): 1}
    assert stats["max_sends_per_second"] == 3
    await client.reset_stats()
    assert (await client.stats())["total_sends"] == 0
