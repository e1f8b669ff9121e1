"""Webhook delivery: secret header, order, retry with backoff, getWebhookInfo."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot
from telegram.error import BadRequest

from bot.sandbox.client import SandboxClient


class Receiver:
    """A local webhook endpoint that fails the first `fail` deliveries."""

    def __init__(self, fail: int) -> None:
        self.fail = fail
        self.attempts: list[dict[str, Any]] = []
        self.accepted: list[dict[str, Any]] = []
        self.secrets: list[str | None] = []
        self.expected = 0
        self.done = asyncio.Event()
        self.url = ""

    async def handle(self, request: web.Request) -> web.Response:
        update = await request.json()
        self.attempts.append(update)
        self.secrets.append(request.headers.get("X-Telegram-Bot-Api-Secret-Token"))
        if self.fail > 0:
            self.fail -= 1
            return web.Response(status=500)
        self.accepted.append(update)
        if len(self.accepted) >= self.expected:
            self.done.set()
        return web.Response(text="ok")


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    rec = Receiver(fail=2)
    app = web.Application()
    app.router.add_post("/hook", rec.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    rec.url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    yield rec
    await runner.cleanup()


async def test_webhook_delivers_in_order_with_secret_and_retries(
    bot: Bot, client: SandboxClient, receiver: Receiver
) -> None:
    user = await client.user("周八")
    receiver.expected = 2
    await user.send("before the webhook")
    assert await bot.set_webhook(receiver.url, secret_token="s3cret_-X", drop_pending_updates=True)
    await user.send("第一")
    await user.send("第二")
    await asyncio.wait_for(receiver.done.wait(), 5)
    texts = [u["message"]["text"] for u in receiver.accepted]
    assert texts == ["第一", "第二"]
    # The first update failed twice (500) and was retried before the second was sent.
    assert [u["message"]["text"] for u in receiver.attempts] == ["第一", "第一", "第一", "第二"]
    assert set(receiver.secrets) == {"s3cret_-X"}
    info = await bot.get_webhook_info()
    assert info.url == receiver.url
    assert info.pending_update_count == 0
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
    assert info.last_error_date is not None


async def test_webhook_keeps_updates_while_unreachable(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("吴九")
    await bot.set_webhook("http://127.0.0.1:9/nothing-listens-here")
    await user.send("queued")
    for _ in range(100):
        info = await bot.get_webhook_info()
        if info.last_error_message:
            break
        await asyncio.sleep(0.02)
    assert info.pending_update_count == 1
    assert info.last_error_message == "Connection refused"
    await bot.delete_webhook()
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["queued"]


async def test_set_webhook_validation(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)secret token"):
        await bot.set_webhook("http://127.0.0.1:8443/h", secret_token="bad secret!")
    with pytest.raises(BadRequest, match="loopback"):
        await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == ""
