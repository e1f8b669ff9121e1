"""A real PTB Application polling the sandbox, serving several people at once."""

from __future__ import annotations

import asyncio

from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.server import SandboxServer
from tests.sandbox.ptb_apps import build_echo_app, polling


async def _conversation(user: SandboxUser) -> list[str]:
    await user.start()
    welcome = await user.wait_message("欢迎")
    answer = await user.press("点我")
    edited = await user.wait_message("已按下")
    await user.send(f"我是{user.first_name}")
    echo = await user.wait_message("echo")
    assert welcome.message_id == edited.message_id and edited.edited
    return [welcome.html or "", str(answer["text"]), echo.text or ""]


async def test_echo_application_serves_five_people(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    people = [await client.user(f"用户{i}") for i in range(5)]
    async with polling(build_echo_app(sandbox)):
        results = await asyncio.gather(*(_conversation(p) for p in people))
    for person, (welcome, answer, echo) in zip(people, results, strict=True):
        assert welcome == "<b>欢迎</b> welcome"
        assert answer == "收到 got it"
        assert echo == f"echo: 我是{person.first_name}"
    stats = await client.stats()
    assert stats["calls"]["answerCallbackQuery"] == 5
    assert stats["messages_per_chat"] == {str(p.id): 2 for p in people}
