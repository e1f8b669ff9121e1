"""One branch with an officer under test, and the two ways they stop being one.

A second secretary (the "boss") makes the change through the real members services, as the
secretary's buttons would: a role change to plain member, or archival (the member leaves the
roster; their role column is left as it was, so only the status says they are gone).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from bot.devtools.world import Person, build
from bot.domain.members import MemberStatus, Role
from bot.services.identity import Actor, Membership
from bot.services.members.roles import Changed, set_role, set_status
from storage.db import Database
from storage.models.core import Member
from storage.models.delivery import Delivery, Notice

TZ = "Asia/Shanghai"
# "none": the officer is still in office (the job must reach them); the others must not.
CHANGES = ["none", "role", "archived"]
LONG_AGO = datetime(2024, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Office:
    branch_id: int
    group_id: int
    boss: Person  # a secretary who stays
    officer: Person  # the one under test
    members: list[Person]  # plain members of the group


def actor(member: Person | Member) -> Actor:
    m = Membership(
        member.id, member.branch_id, "支部", TZ, member.group_id, member.name,
        member.category, member.role, member.status,
    )  # fmt: skip
    return Actor(member.id + 900_000, member.name, "zh", False, (m,), m)


async def make_office(
    db: Database, role: str, *, members: int = 2, settings: dict[str, object] | None = None
) -> Office:
    async with build(db, LONG_AGO) as w:
        branch = await w.branch("职务测试支部", settings=settings)
        group = (await w.groups(branch, ["一组"]))["一组"]
        boss = await w.member(branch, "留任书记", role="secretary", group_id=group)
        officer = await w.member(branch, "被免职的", role=role, group_id=group)
        plain = [await w.member(branch, f"党员{i}", group_id=group) for i in range(members)]
        return Office(branch, group, boss, officer, plain)


async def remove(db: Database, office: Office, change: str, now: datetime) -> None:
    """The boss takes the office away ("role") or archives the officer ("archived")."""
    if change == "none":
        return
    async with db.transaction() as s:
        boss = actor(office.boss)
        done: object
        if change == "role":
            done = await set_role(s, boss, office.officer.id, Role.MEMBER, now)
        else:
            done = await set_status(s, boss, office.officer.id, MemberStatus.ARCHIVED, "调离", now)
        assert isinstance(done, Changed), done


async def told(db: Database, key_like: str) -> set[int]:
    """Members with a delivery under notices whose key is LIKE key_like (reachable or not)."""
    async with db.read() as s:
        rows = await s.scalars(
            select(Delivery.member_id)
            .join(Notice, Notice.id == Delivery.notice_id)
            .where(Notice.key.like(key_like))
        )
        return {r for r in rows if r is not None}


def expected(office: Office, change: str, *others: int) -> set[int]:
    """The boss (and others) always; the officer only while still in office."""
    found = {office.boss.id, *others}
    return found | {office.officer.id} if change == "none" else found
