"""A members wizard needs no process memory: two `partybot run --role web` processes on one
PostgreSQL database behind a round-robin balancer take its steps in turn, and when one of
them is killed (-9) midway the other one finishes it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.sandbox.client import SandboxClient, SandboxUser
from bot.texts import t
from storage import migrate
from storage.db import Database
from storage.models.core import Branch, PartyGroup
from tests.conftest import DatabaseFactory
from tests.e2e.members.support import unique
from tests.e2e.roles.cluster import Cluster, Proc, cluster
from tests.said import said

pytestmark = [pytest.mark.postgresql, pytest.mark.timeout(240)]

OPERATOR = 93_000_001


@pytest.fixture
async def pg_url(db_factory: DatabaseFactory) -> AsyncIterator[str]:
    url = await db_factory.new_url("postgresql")
    db = Database(url)
    try:
        await migrate.upgrade(db.engine)
    finally:
        await db.close()
    yield url


async def _handled(c: Cluster, proc: Proc) -> float:
    async with c.http.get(f"{proc.base}/metrics") as resp:
        text = await resp.text()
    return sum(
        float(line.split()[-1])
        for line in text.splitlines()
        if line.startswith("partybot_updates_handled_total")
    )


async def _groups_of(url: str, name: str) -> list[str]:
    db = Database(url)
    try:
        async with db.read() as s:
            branch = await s.scalar(select(Branch).where(Branch.name == name))
            assert branch is not None, name
            rows = await s.scalars(select(PartyGroup.name).where(PartyGroup.branch_id == branch.id))
            return sorted(rows)
    finally:
        await db.close()


async def _name_step(op: SandboxUser, name: str) -> None:
    await op.send("/newbranch")
    await op.wait_message(contains=said("members.branch.ask_name"))
    await op.send(name)
    await op.wait_message(contains=said("members.branch.ask_groups"))


async def _last_steps(op: SandboxUser) -> None:
    await op.send("甲组、乙组")
    await op.wait_message(contains=said("members.branch.ask_parent"))
    await op.press(t("members.branch.no_parent", "zh"))
    await op.wait_message(contains=said("members.branch.created"))


async def test_newbranch_steps_in_two_processes_and_after_a_kill_9(
    pg_url: str, tmp_path: Path
) -> None:
    async with cluster(pg_url, tmp_path) as c:
        env = c.env
        c.env = lambda port: {**env(port), "BOT_ADMIN_IDS": str(OPERATOR)}  # type: ignore[method-assign]
        web_a = await c.spawn("web")
        web_b = await c.spawn("web")
        async with SandboxClient(c.server.base_url) as people:
            op = await people.user("管理员", user_id=OPERATOR)
            # Round robin: each step reaches the other process than the step before.
            first = unique("双进程支部")
            await _name_step(op, first)
            await _last_steps(op)
            assert await _groups_of(pg_url, first) == ["乙组", "甲组"]
            handled = [await _handled(c, web_a), await _handled(c, web_b)]
            assert handled[0] >= 2 and handled[1] >= 2, handled

            second = unique("被杀支部")
            await _name_step(op, second)
            c.kill(web_a)  # no shutdown at all; the balancer sends on to web_b
            await _last_steps(op)
            assert await _groups_of(pg_url, second) == ["乙组", "甲组"]
