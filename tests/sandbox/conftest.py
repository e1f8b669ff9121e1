"""Fixtures: a running sandbox, a user-side client and a PTB Bot pointed at it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from telegram import Bot

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer


@pytest.fixture
async def sandbox() -> AsyncIterator[SandboxServer]:
    server = SandboxServer()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@pytest.fixture
async def client(sandbox: SandboxServer) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox.base_url) as c:
        yield c


@pytest.fixture
async def bot(sandbox: SandboxServer) -> AsyncIterator[Bot]:
    ptb = Bot(sandbox.make_token(), base_url=sandbox.bot_api_url, base_file_url=sandbox.file_url)
    async with ptb:
        yield ptb


async def raw_call(
    sandbox: SandboxServer, method: str, token: str | None = None, **params: Any
) -> tuple[int, dict[str, Any]]:
    """A Bot API call over plain HTTP with a JSON body: (status, body)."""
    url = f"{sandbox.bot_api_url}{token or sandbox.make_token()}/{method}"
    async with aiohttp.ClientSession() as session, session.post(url, json=params) as resp:
        body: dict[str, Any] = await resp.json()
        return resp.status, body
