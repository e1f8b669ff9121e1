"""End-to-end harness: the real Application, over HTTP, against the local Bot API sandbox."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pytest

from bot.app import App, build_application
from bot.clock import FakeClock
from bot.config import Settings
from bot.context import BotData
from bot.plumbing.runner import serve
from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.server import SandboxServer, make_token

# Ids unique across the whole session, so tests sharing a database never meet each other.
_ids = itertools.count(10_000_000)
_bot_ids = itertools.count(7_100_000)
_sandboxes = itertools.count(0)


@dataclass
class Harness:
    """One running bot, its sandbox, and a factory of fresh simulated people."""

    app: App
    server: SandboxServer
    client: SandboxClient
    settings: Settings
    clock: FakeClock
    operator: SandboxUser
    token: str
    stop_event: asyncio.Event = field(default_factory=asyncio.Event)
    task: asyncio.Task[None] | None = None
    users: list[SandboxUser] = field(default_factory=list)

    async def start(self) -> None:
        """Build and start a fresh Application (same settings, database, sandbox and token)."""
        self.app = build_application(
            self.settings, clock=self.clock, token=self.token, poll_timeout=1
        )
        self.stop_event = asyncio.Event()
        started = asyncio.Event()
        self.task = asyncio.create_task(
            serve(self.app, self.stop_event, poll_timeout=1, started=started)
        )
        await asyncio.wait_for(started.wait(), 15)

    async def stop(self) -> None:
        """Graceful stop, as on SIGTERM: updates already received are still handled."""
        self.stop_event.set()
        if self.task is not None:
            await asyncio.wait_for(self.task, 30)
            self.task = None

    async def restart(self) -> None:
        """Stop and start again, as after a deploy or a crash-and-restart."""
        await self.stop()
        await self.start()

    async def user(self, first_name: str = "党员", **kwargs: object) -> SandboxUser:
        person = await self.client.user(first_name, user_id=next(_ids), **kwargs)  # type: ignore[arg-type]
        self.users.append(person)
        return person

    @property
    def data(self) -> BotData:
        return self.app.bot_data


async def start_harness(
    db_url: str, *, enforce_limits: bool = False, clock: FakeClock | None = None
) -> AsyncIterator[Harness]:
    server = SandboxServer(
        enforce_limits=enforce_limits, webchat=True, id_offset=next(_sandboxes) * 10_000
    )
    await server.start()
    client = SandboxClient(server.base_url)
    operator_id = next(_ids)
    settings = Settings(
        database_url=db_url,
        bot_api_base_url=server.bot_api_url,
        bot_api_base_file_url=server.file_url,
        bot_admin_ids=frozenset({operator_id}),
        # Simulated people act far faster than real ones; unless a test checks flood limits,
        # don't pace replies to one chat (the pacer's own tests and the benchmark do).
        bot_reply_burst=3 if enforce_limits else 1000,
    )
    fake = clock or FakeClock(datetime.now(UTC))
    operator = await client.user("管理员", user_id=operator_id)
    harness = Harness(
        app=None,  # type: ignore[arg-type]  # built by start() below
        server=server,
        client=client,
        settings=settings,
        clock=fake,
        operator=operator,
        token=make_token(bot_id=next(_bot_ids)),
    )
    await harness.start()
    try:
        yield harness
    finally:
        await harness.stop()
        await client.close()
        await server.stop()


@pytest.fixture
async def harness(db_url: str) -> AsyncIterator[Harness]:
    async for h in start_harness(db_url):
        yield h
