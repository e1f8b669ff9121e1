"""Fault injection: 429 storms, 5xx, slow answers, matching by method and chat."""

from __future__ import annotations

import asyncio
import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from bot.sandbox.client import SandboxClient


async def test_injected_errors_are_consumed_in_order(
    bot: Bot, client: SandboxClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    user = await client.user("故障")
    await user.start()
    await client.set_faults(
        [
            {"method": "sendMessage", "error_code": 429, "retry_after": 7, "count": 2},
            {"method": "sendMessage", "error_code": 502},
            {"method": "sendmessage", "error_code": 403, "chat_id": user.id},
            {"method": "*", "error_code": 400, "description": "Bad Request: boom"},
        ]
    )
    for _ in range(2):
        with pytest.raises(RetryAfter) as info:
            await bot.send_message(user.id, "x")
        assert info.value.retry_after == dtm.timedelta(seconds=7)
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await bot.send_message(user.id, "x")
    with pytest.raises(Forbidden):
        await bot.send_message(user.id, "x")
    with pytest.raises(BadRequest, match="Boom"):
        await bot.get_chat(user.id)
    assert (await bot.send_message(user.id, "through")).text == "through"
    stats = await client.stats()
    assert stats["too_many_requests"] == 2
    assert stats["total_sends"] == 1


async def test_slow_answer_times_out_the_client(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("慢")
    await user.start()
    await client.set_faults([{"method": "sendMessage", "delay": 1.0}])
    with pytest.raises(TimedOut):
        await bot.send_message(user.id, "slow", read_timeout=0.2)
    await asyncio.sleep(1.0)
    # The slow call still went through on the server, as a real timeout can.
    assert [m.text for m in await user.messages() if m.from_bot] == ["slow"]
    await client.set_faults([{"method": "sendMessage", "error_code": 500, "count": 3}])
    await client.clear_faults()
    assert (await bot.send_message(user.id, "ok")).text == "ok"
