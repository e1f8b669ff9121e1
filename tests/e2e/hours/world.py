"""A branch with volunteer teams for the hours tests, built on the meetings world."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select

from bot.devtools import world as factory
from bot.sandbox.client import SandboxUser
from storage.models.approvals import ApprovalRequest
from storage.models.core import AuditEntry
from storage.models.hours import HoursRecord
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, T0, Person, World, make_world
from tests.said import said

__all__ = ["SECRETARY", "T0", "HoursWorld", "Person", "hours_world"]

PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("巡逻队长", group="第一党小组"),
    Person("环保队长", group="第二党小组"),
    Person("小钱", group="第一党小组"),
]
# team -> (leaders, members)
TEAMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "社区治安巡逻队": (("巡逻队长",), ("王阿姨", "李大爷", "小钱")),
    "社区环保队": (("环保队长",), ("王阿姨",)),
}


@dataclass
class HoursWorld:
    world: World
    teams: dict[str, int]

    def user(self, name: str) -> SandboxUser:
        return self.world.user(name)

    @property
    def ids(self) -> dict[str, int]:
        return self.world.ids

    async def records(self, name: str) -> list[HoursRecord]:
        async with self.world.harness.data.db.transaction() as s:
            rows = await s.scalars(
                select(HoursRecord)
                .where(HoursRecord.member_id == self.ids[name], HoursRecord.state != "draft")
                .order_by(HoursRecord.id)
            )
            return list(rows)

    async def all_records(self) -> list[HoursRecord]:
        async with self.world.harness.data.db.transaction() as s:
            rows = await s.scalars(
                select(HoursRecord)
                .where(HoursRecord.branch_id == self.world.branch_id)
                .order_by(HoursRecord.id)
            )
            return list(rows)

    async def approvals(self) -> list[ApprovalRequest]:
        async with self.world.harness.data.db.transaction() as s:
            rows = await s.scalars(
                select(ApprovalRequest)
                .where(ApprovalRequest.branch_id == self.world.branch_id)
                .order_by(ApprovalRequest.id)
            )
            return list(rows)

    async def audit_actions(self) -> list[str]:
        async with self.world.harness.data.db.transaction() as s:
            rows = await s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.branch_id == self.world.branch_id)
                .order_by(AuditEntry.id)
            )
            return list(rows)


async def hours_world(
    h: Harness,
    people: Sequence[Person] = PEOPLE,
    teams: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = TEAMS,
    settings: dict[str, object] | None = None,
) -> HoursWorld:
    """The meetings world's branch, with volunteer teams, their leaders and members."""
    w = await make_world(h, people, settings=settings)
    ids: dict[str, int] = {}
    async with factory.build(h.data.db, h.clock.now()) as f:
        for name, (leaders, members) in teams.items():
            ids[name] = await f.team(
                w.branch_id,
                name,
                leaders=[w.ids[p] for p in leaders if p in w.ids],
                members=[w.ids[p] for p in members if p in w.ids],
            )
    return HoursWorld(w, ids)


async def draft_id(hw: HoursWorld, name: str) -> int:
    async with hw.world.harness.data.db.transaction() as s:
        found = await s.scalar(
            select(HoursRecord.id).where(
                HoursRecord.member_id == hw.ids[name], HoursRecord.state == "draft"
            )
        )
        assert found is not None
        return int(found)


async def add_record(
    hw: HoursWorld,
    name: str,
    team: str | None,
    day: str,
    halves: int,
    state: str = "approved",
    source: str = "report",
) -> int:
    """A record made straight in the database (history for totals and limits)."""
    from datetime import date

    async with factory.build(hw.world.harness.data.db, hw.world.harness.clock.now()) as f:
        row = await f.hours_record(
            hw.world.branch_id,
            hw.ids[name],
            date.fromisoformat(day),
            halves,
            state=state,
            source=source,
            team_id=hw.teams[team] if team else None,
            activity_type=None if team else "elderly",
            what="历史记录",
        )
        return row.id


async def open_report(hw: HoursWorld, name: str, day: str, hours: str, team: str) -> None:
    """Go through the report's buttons up to the "what" step."""
    person = hw.user(name)
    await person.send("/hours")
    menu = await person.wait_message(contains=said("hours.menu"))
    await person.press("📝 上报时长", message_id=menu.message_id)
    await person.wait_message(contains=said("hours.report.day"))
    await person.press(day)
    await person.wait_message(contains=said("hours.report.hours"))
    await person.press(hours)
    await person.wait_message(contains=said("hours.report.team"))
    await person.press(team)
    await person.wait_message(contains=said("hours.report.what"))
