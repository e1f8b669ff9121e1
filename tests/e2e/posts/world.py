"""A branch for the posts tests (the meetings world) with a post made straight in the DB."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select

from bot.devtools import world as factory
from bot.services.posts.catalog import categories
from storage.models.core import AuditEntry
from storage.models.posts import DutyRecord, PostClaim
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, T0, Person, World, make_world

__all__ = ["PEOPLE", "SECRETARY", "T0", "World", "add_post", "claims_of", "posts_world"]

PEOPLE = [
    SECRETARY,
    Person("组长老李", group="第一党小组", role="group_leader"),
    Person("王阿姨", group="第一党小组", category="employed"),
    Person("小钱", group="第一党小组", category="employed"),
    Person("赵师傅", group="第二党小组"),
]


async def posts_world(
    h: Harness, people: Sequence[Person] = PEOPLE, settings: dict[str, object] | None = None
) -> World:
    h.clock.set(T0)
    return await make_world(h, people, settings=settings)


async def add_post(
    w: World,
    name: str,
    capacity: int = 1,
    category: str = "环保卫生",
    holders: Sequence[str] = (),
    claimed_at: datetime | None = None,
) -> int:
    """A post of this term (and who holds it), made straight in the database."""
    now = w.harness.clock.now()
    async with w.harness.data.db.transaction() as s:
        cats = {c.name: c.id for c in await categories(s, w.branch_id, now=now)}
        return await factory.World(s, now).post(
            w.branch_id,
            cats[category],
            name,
            term=now.year,
            capacity=capacity,
            holders=[w.ids[who] for who in holders],
            claimed_at=claimed_at,
            description="",
            duties="保持楼道整洁",
        )


async def claims_of(w: World, post_id: int) -> list[PostClaim]:
    async with w.harness.data.db.transaction() as s:
        rows = await s.scalars(
            select(PostClaim).where(PostClaim.post_id == post_id).order_by(PostClaim.id)
        )
        return list(rows)


async def duties(w: World) -> list[DutyRecord]:
    async with w.harness.data.db.transaction() as s:
        rows = await s.scalars(
            select(DutyRecord).where(DutyRecord.branch_id == w.branch_id).order_by(DutyRecord.id)
        )
        return list(rows)


async def audit_actions(w: World) -> list[str]:
    async with w.harness.data.db.transaction() as s:
        rows = await s.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.branch_id == w.branch_id)
            .order_by(AuditEntry.id)
        )
        return list(rows)
