"""getUpdates: long polling, offsets, allowed_updates and conflicts."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot
from telegram.error import Conflict

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from tests.sandbox.conftest import raw_call


async def test_long_poll_returns_when_an_update_arrives(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("李四")
    poll = asyncio.create_task(bot.get_updates(timeout=30, read_timeout=40))
    await asyncio.sleep(0.05)
    assert not poll.done()
    await user.send("你好")
    updates = await asyncio.wait_for(poll, 5)
    assert [u.message.text for u in updates if u.message] == ["你好"]


async def test_offset_confirms_and_negative_offset_forgets(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("张三")
    for text in ("one", "two", "three"):
        await user.send(text)
    first = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["one", "two", "three"]
    again = await bot.get_updates()
    assert [u.update_id for u in again] == [u.update_id for u in first]
    rest = await bot.get_updates(offset=first[1].update_id)
    assert [u.message.text for u in rest if u.message] == ["two", "three"]
    await user.send("four")
    last = await bot.get_updates(offset=-1)
    assert [u.message.text for u in last if u.message] == ["four"]
    assert await bot.get_updates(offset=last[0].update_id + 1) == ()


async def test_limit_and_allowed_updates(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("孙七")
    await user.send("a")
    await user.send("b")
    assert len(await bot.get_updates(limit=1)) == 1
    await bot.get_updates(offset=-1, allowed_updates=["callback_query"])
    await bot.get_updates(offset=(await bot.get_updates())[-1].update_id + 1)
    await user.send("ignored")
    assert await bot.get_updates() == ()


async def test_get_updates_conflicts_with_webhook_and_with_another_poll(
    sandbox: SandboxServer, bot: Bot
) -> None:
    older = asyncio.create_task(bot.get_updates(timeout=20, read_timeout=30))
    await asyncio.sleep(0.05)
    # A second process with the same token, as when two copies of a bot run by mistake.
    async with Bot(bot.token, base_url=sandbox.bot_api_url) as second:
        await second.get_updates(timeout=0)
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await older
    assert await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    status, body = await raw_call(sandbox, "getUpdates")
    assert status == 409 and body["error_code"] == 409
    await bot.delete_webhook()
    assert await bot.get_updates() == ()
