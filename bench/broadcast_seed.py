"""The broadcast benchmark's world: one branch of N started members, people who write to the
bot, and a fresh database (SQLite in a temporary folder, or PostgreSQL)."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import insert, select

from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.server import SandboxServer
from storage.db import Database
from storage.models.core import Branch, Member, PartyGroup, TgUser

PG_ADMIN = os.environ.get("TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
FIRST_CHAT = 20_000_000


@dataclass
class World:
    branch_id: int
    member_ids: list[int]
    member_chats: set[int]
    first_chat: int
    writers: list[SandboxUser]


async def new_database(pg: bool, tmp: Path) -> str:
    if not pg:
        return f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}"
    name = f"partybot_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_ADMIN)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + "/" + name


async def drop_database(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        return
    conn = await asyncpg.connect(PG_ADMIN)
    await conn.execute(f'DROP DATABASE IF EXISTS "{db_url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await conn.close()


async def seed(
    db: Database,
    server: SandboxServer,
    client: SandboxClient,
    n: int,
    writers: int,
    bot_ids: list[int],
) -> World:
    """n members who started every bot (sandbox users made directly) and `writers` people."""
    state = server.state
    now = datetime.now(UTC)
    for i in range(n):
        user = state.add_user(f"党员{i:04d}", user_id=FIRST_CHAT + i)
        user.started_bots.update(bot_ids)
    people = [
        await client.user(f"写信人{i}", user_id=FIRST_CHAT - 1 - i, bot_username="bench_bot")
        for i in range(max(writers, 1))
    ]
    async with db.transaction() as s:
        branch = Branch(name="基准测试支部", settings={})
        s.add(branch)
        await s.flush()
        group = PartyGroup(branch_id=branch.id, name="第一党小组")
        s.add(group)
        await s.flush()
        stamps = {"created_at": now, "updated_at": now}
        await s.execute(
            insert(TgUser),
            [
                {"id": FIRST_CHAT + i, "first_name": f"党员{i:04d}", "started_at": now, **stamps}
                for i in range(n)
            ],
        )
        await s.execute(
            insert(Member),
            [
                {
                    "branch_id": branch.id,
                    "group_id": group.id,
                    "tg_user_id": FIRST_CHAT + i,
                    "name": f"党员{i:04d}",
                    "category": "retired",
                    "role": "member",
                    "status": "active",
                    **stamps,
                }
                for i in range(n)
            ],
        )
        await s.flush()
        ids = list(
            await s.scalars(
                select(Member.id).where(Member.branch_id == branch.id).order_by(Member.id)
            )
        )
    chats = {FIRST_CHAT + i for i in range(n)}
    return World(branch.id, ids, chats, FIRST_CHAT, people)


async def wait_ready(user: SandboxUser, timeout: float = 90) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    await user.start()
    while True:
        try:
            await user.wait_message(timeout=5)
            return
        except TimeoutError:
            if time.monotonic() > deadline:
                raise


async def wait_writers(world: World) -> None:
    """Wait until the bot answers, and let every writer press Start once."""
    await wait_ready(world.writers[0])
    await asyncio.gather(*(wait_ready(w) for w in world.writers[1:]))
