"""A small branch for delivery tests, made by the world factory (bot/devtools)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from sqlalchemy import func, select

import jobs.delivery
from bot.devtools import world as factory
from bot.sandbox.client import SandboxUser
from storage.models.delivery import Delivery, Notice
from tests.e2e.conftest import Harness


@dataclass(frozen=True)
class Person:
    """How a test member is set up: group name, category, role, Telegram state."""

    name: str
    group: str | None = None
    category: str = "retired"
    role: str = "member"
    started: bool = True  # pressed Start in the bot
    bound: bool = True  # has a Telegram account linked to the roster record


@dataclass
class World:
    branch_id: int
    groups: dict[str, int]
    users: dict[str, SandboxUser] = field(default_factory=dict)
    member_ids: dict[str, int] = field(default_factory=dict)

    def user(self, name: str) -> SandboxUser:
        return self.users[name]


async def make_world(
    harness: Harness,
    people: Sequence[Person],
    *,
    groups: Sequence[str] = ("第一党小组", "第二党小组"),
    name: str = "测试社区党支部",
    group_chat_id: int | None = None,
) -> World:
    """One branch, its groups, and members with sandbox accounts in the states asked for."""
    now = harness.clock.now()
    async with factory.build(harness.data.db, now) as w:
        branch = await w.branch(name, group_chat_id=group_chat_id)
        world = World(branch, await w.groups(branch, groups))
    for p in people:
        user = await harness.user(p.name)
        world.users[p.name] = user
        if p.bound and p.started:
            await user.start()
            await user.wait_message()
    async with factory.build(harness.data.db, now) as w:
        for p in people:
            user = world.users[p.name]
            if p.bound and not p.started:
                await w.account(user.id, p.name, started=False)
        for p in people:
            made = await w.member(
                world.branch_id,
                p.name,
                role=p.role,
                category=p.category,
                group_id=world.groups[p.group] if p.group else None,
                tg_id=world.users[p.name].id if p.bound else None,
                phone="13800000000",
            )
            world.member_ids[p.name] = made.id
    return world


@asynccontextmanager
async def sender(
    harness: Harness, *, progress_every_s: float = 0.2
) -> AsyncIterator[jobs.delivery.Sender]:
    """The delivery sender on the harness app (until the lead wires it into post_init)."""
    running = await jobs.delivery.start(harness.app, progress_every_s=progress_every_s, poll_s=0.2)
    try:
        yield running
    finally:
        await jobs.delivery.stop(harness.app)


async def deliveries(harness: Harness, notice_id: int) -> list[Delivery]:
    async with harness.data.db.transaction() as s:
        rows = await s.scalars(
            select(Delivery).where(Delivery.notice_id == notice_id).order_by(Delivery.id)
        )
        return list(rows)


async def last_notice(harness: Harness, branch_id: int) -> Notice:
    async with harness.data.db.transaction() as s:
        found = await s.scalar(
            select(Notice).where(Notice.branch_id == branch_id).order_by(Notice.id.desc()).limit(1)
        )
        assert found is not None
        return found


async def wait_settled(harness: Harness, notice_id: int, timeout: float = 15.0) -> Notice:  # noqa: ASYNC109
    """Poll until nothing of the notice is queued or in flight (the sender runs meanwhile)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        async with harness.data.db.transaction() as s:
            pending = await s.scalar(
                select(func.count()).where(
                    Delivery.notice_id == notice_id, Delivery.state.in_(("queued", "sending"))
                )
            )
            notice = await s.get(Notice, notice_id)
            assert notice is not None
        if not pending and notice.status in ("done", "cancelled"):
            return notice
        if loop.time() > deadline:
            raise TimeoutError(f"notice {notice_id}: {pending} pending, status {notice.status}")
        await asyncio.sleep(0.05)
