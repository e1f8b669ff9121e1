"""Strict per-chat limits (no bursts) and added Bot API latency."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.error import RetryAfter

from bot.__main__ import _parser
from bot.sandbox.client import SandboxClient
from bot.sandbox.limits import FloodLimiter
from bot.sandbox.server import SandboxServer
from tests.sandbox.conftest import raw_call


def test_strict_limiter_allows_no_burst_in_a_private_chat() -> None:
    limiter = FloodLimiter(strict=True)
    assert limiter.enabled
    assert limiter.check(1, 100, False, 10.0) is None
    limiter.record(1, 100, False, 10.0)
    assert limiter.check(1, 100, False, 10.5) == 1  # a second message within the second
    assert limiter.check(1, 100, False, 11.0) is None
    assert limiter.check(1, 101, False, 10.5) is None  # another chat is not held
    for i in range(20):
        limiter.record(1, -5, True, 20.0 + i)
    assert limiter.check(1, -5, True, 45.0) == 35  # 20 a minute to a group
    # Back to the tolerant reading: a short burst passes again.
    limiter.strict = False
    assert limiter.check(1, 100, False, 10.5) is None


@pytest.fixture
async def strict_slow() -> AsyncIterator[SandboxServer]:
    server = SandboxServer(strict_limits=True, latency_ms=120)
    await server.start()
    yield server
    await server.stop()


async def test_second_message_within_a_second_is_refused_in_strict_mode(
    strict_slow: SandboxServer,
) -> None:
    async with (
        SandboxClient(strict_slow.base_url) as client,
        Bot(strict_slow.make_token(), base_url=strict_slow.bot_api_url) as bot,
    ):
        person = await client.user("严格")
        await person.start()
        await bot.send_message(person.id, "一")
        with pytest.raises(RetryAfter):
            await bot.send_message(person.id, "二")
        stats = await client.stats()
        assert stats["limits_strict"] is True
        assert stats["too_many_requests"] == 1
        assert stats["messages_per_chat"] == {str(person.id): 1}


async def test_every_call_is_answered_after_the_latency(strict_slow: SandboxServer) -> None:
    started = time.monotonic()
    status, body = await raw_call(strict_slow, "getMe")
    assert status == 200 and body["ok"]
    assert time.monotonic() - started >= 0.12
    # Calls overlap: ten at once take one round trip, not ten.
    started = time.monotonic()
    await asyncio.gather(*(raw_call(strict_slow, "getMe") for _ in range(10)))
    assert time.monotonic() - started < 10 * 0.12


async def test_latency_and_strictness_change_at_run_time(strict_slow: SandboxServer) -> None:
    async with SandboxClient(strict_slow.base_url) as client:
        await client.set_limits(strict=False, latency_ms=0)
        stats = await client.stats()
        assert (stats["limits_strict"], stats["latency_ms"], stats["limits_enabled"]) == (
            False,
            0,
            True,
        )
        assert strict_slow.state.limiter.private_burst == 3


def test_partybot_sandbox_takes_the_flags() -> None:
    args = _parser().parse_args(["sandbox", "--strict-limits", "--latency-ms", "150"])
    assert args.strict_limits and args.latency_ms == 150.0
    with pytest.raises(SystemExit):
        _parser().parse_args(["sandbox", "--latency-ms", "-5"])
