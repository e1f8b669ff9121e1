"""A branch with 助老助残 post holders for the residents' tests, built on the meetings world."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from bot.devtools import world as factory
from bot.sandbox.client import SandboxUser
from storage.models.core import AuditEntry, Member
from storage.models.posts import DutyRecord
from storage.models.residents import ResidentRequest
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, T0, Person, World, make_world
from tests.said import said

__all__ = ["SECRETARY", "T0", "ResidentsWorld", "residents_world"]

PEOPLE = [SECRETARY, Person("王阿姨"), Person("李大爷"), Person("小钱")]
HOLDERS = ("王阿姨", "李大爷")
CATEGORY = "助老助残"
MEMBER_PHONE = "13911112222"


@dataclass
class ResidentsWorld:
    world: World
    category_id: int
    holder_names: tuple[str, ...] = HOLDERS

    def user(self, name: str) -> SandboxUser:
        return self.world.user(name)

    @property
    def h(self) -> Harness:
        return self.world.harness

    async def requests(self) -> list[ResidentRequest]:
        async with self.h.data.db.transaction() as s:
            rows = await s.scalars(
                select(ResidentRequest)
                .where(ResidentRequest.branch_id == self.world.branch_id)
                .order_by(ResidentRequest.id)
            )
            return list(rows)

    async def duties(self) -> list[DutyRecord]:
        async with self.h.data.db.transaction() as s:
            rows = await s.scalars(
                select(DutyRecord)
                .where(DutyRecord.branch_id == self.world.branch_id)
                .order_by(DutyRecord.id)
            )
            return list(rows)

    async def audit_actions(self) -> list[str]:
        async with self.h.data.db.transaction() as s:
            rows = await s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.branch_id == self.world.branch_id)
                .order_by(AuditEntry.id)
            )
            return [a for a in rows if a.startswith("residents.")]

    async def link(self) -> str:
        """The secretary asks for the notice-board link; its /start payload."""
        sec = self.user(SECRETARY.name)
        await sec.send("/residents")
        menu = await sec.wait_message(contains=said("residents.officer.menu"))
        await sec.press("🔗 链接和二维码", message_id=menu.message_id)
        qr = await sec.wait_message(contains=said("residents.officer.link"))
        assert qr.photo is not None
        found = re.search(r"start=(q_[A-Za-z0-9_-]+)", qr.body)
        assert found is not None
        return found.group(1)


async def residents_world(h: Harness, extra_holders: int = 0) -> ResidentsWorld:
    """The secretary, two holders of a 助老助残 post, a member holding none; nobody holds a
    post of 环保卫生."""
    extra = tuple(f"党员{i}" for i in range(extra_holders))
    holders = HOLDERS + extra
    w = await make_world(h, [*PEOPLE, *(Person(n) for n in extra)])
    year = h.clock.now().year
    async with h.data.db.transaction() as s:
        f = factory.World(s, h.clock.now())
        category_id = await f.post_category(w.branch_id, CATEGORY, position=6)
        await f.post_category(w.branch_id, "环保卫生", position=3)
        await f.post(
            w.branch_id,
            category_id,
            "楼栋助老员",
            term=year,
            capacity=len(holders),
            holders=[w.ids[name] for name in holders],
        )
        wang = await s.get(Member, w.ids["王阿姨"])
        assert wang is not None
        wang.phone = MEMBER_PHONE
    return ResidentsWorld(w, category_id, holders)


async def ask(
    rw: ResidentsWorld, resident: SandboxUser, token: str, text: str = "楼道灯坏了，家里只有老人"
) -> None:
    """A resident goes through the whole request: category, text, address, phone, no photo."""
    await resident.start(token)
    welcome = await resident.wait_message(contains=said("residents.welcome"))
    assert "不用注册" in welcome.body
    await resident.press(CATEGORY, message_id=welcome.message_id)
    await resident.wait_message(contains=said("residents.ask.text"))
    await resident.send(text)
    await resident.wait_message(contains=said("residents.ask.addr"))
    await resident.send("3号楼2单元401")
    await resident.wait_message(contains=said("residents.ask.phone"))
    await resident.send("138 0013 8000")
    await resident.wait_message(contains=said("residents.ask.photo"))
    await resident.press("⏭ 跳过")
    confirm = await resident.wait_message(contains=said("residents.ask.confirm"))
    assert "3号楼2单元401" in confirm.body and "13800138000" in confirm.body
    await resident.press("✅ 提交", message_id=confirm.message_id)
    await resident.wait_message(contains=said("residents.ask.submitted"))
