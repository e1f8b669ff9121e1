"""Hours use cases on a real database: the demo's teams, a team leader in the approval queue,
totals equal to the approved rows, the auto-close once only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from bot.clock import FakeClock
from bot.config import Settings
from bot.devtools.demo import BRANCH_NAME, seed_demo
from bot.devtools.world import Person, World
from bot.domain.hours.periods import PeriodKind
from bot.sandbox.server import SandboxServer
from bot.services.hours import activities, approval, totals
from bot.services.hours.approval import Decision
from bot.services.hours.common import Refusal, Refused
from bot.services.identity import Actor, Membership
from storage import migrate
from storage.db import Database
from storage.models.core import Branch, Member
from storage.models.hours import HoursRecord, TeamMember, VolunteerActivity, VolunteerTeam
from tests.conftest import DatabaseFactory

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _actor(member: Person | Member, tz: str = "Asia/Shanghai") -> Actor:
    m = Membership(
        member.id,
        member.branch_id,
        "支部",
        tz,
        member.group_id,
        member.name,
        member.category,
        member.role,
        "active",
    )
    return Actor(member.id + 900_000, member.name, "zh", False, (m,), m)


async def test_the_demo_seeds_the_five_teams_once(db_factory: DatabaseFactory) -> None:
    url = await db_factory.new_url("sqlite")
    db = Database(url)
    try:
        await migrate.upgrade(db.engine)
        settings = Settings(database_url=url)
        await seed_demo(settings, SandboxServer(), FakeClock(NOW))
        await seed_demo(settings, SandboxServer(), FakeClock(NOW))
        async with db.transaction() as s:
            branch_id = await s.scalar(select(Branch.id).where(Branch.name == BRANCH_NAME))
            names = list(
                await s.scalars(
                    select(VolunteerTeam.name)
                    .where(VolunteerTeam.branch_id == branch_id)
                    .order_by(VolunteerTeam.id)
                )
            )
            leaders = await s.scalar(
                select(func.count()).select_from(TeamMember).where(TeamMember.leader.is_(True))
            )
            secretary = await s.scalar(
                select(Member).where(Member.branch_id == branch_id, Member.role == "secretary")
            )
            assert secretary is not None
            waiting = await approval.pending(s, _actor(secretary))
            found = await totals.totals(s, _actor(secretary), PeriodKind.ALL.value, None, NOW)
            approved = await s.scalar(
                select(func.sum(HoursRecord.halves)).where(HoursRecord.state == "approved")
            )
        assert names == ["文艺宣传队", "社区治安巡逻队", "中老年门球队", "社区环保队", "太极拳队"]
        assert leaders == 5
        assert not isinstance(waiting, Refused) and len(waiting) == 2
        assert not isinstance(found, Refused) and found.total == approved
    finally:
        await db.close()


async def _branch(db: Database) -> dict[str, Person | int]:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("时长测试支部")
        people: dict[str, Person | int] = {"branch": branch}
        for name in ("leader", "member", "other"):
            people[name] = await w.member(branch, name)
        for team_name, leader in (("甲队", "leader"), ("乙队", "other")):
            lead, joined = people[leader], people["member"]
            assert isinstance(lead, Person) and isinstance(joined, Person)
            people[team_name] = await w.team(
                branch, team_name, leaders=[lead.id], members=[joined.id]
            )
        return people


async def test_open_check_ins_close_once_and_team_leaders_decide_their_own_team(
    db: Database,
) -> None:
    p = await _branch(db)
    leader, member, other = p["leader"], p["member"], p["other"]
    assert isinstance(leader, Person) and isinstance(member, Person) and isinstance(other, Person)
    async with db.transaction() as s:
        activity = VolunteerActivity(
            branch_id=member.branch_id,
            team_id=p["甲队"],
            title="巡逻",
            place="",
            starts_at=NOW,
            ends_at=NOW + timedelta(hours=2),
        )
        s.add(activity)
        await s.flush()
        checked = await activities.check_in(s, _actor(member), activity.id, NOW)
        assert not isinstance(checked, Refused)
    async with db.transaction() as s:
        assert await activities.auto_close(s, NOW + timedelta(minutes=90)) == 0  # not ended
        assert await activities.auto_close(s, NOW + timedelta(hours=2)) == 1
    async with db.transaction() as s:
        assert await activities.auto_close(s, NOW + timedelta(hours=3)) == 0
        rows = list(await s.scalars(select(HoursRecord).where(HoursRecord.member_id == member.id)))
        assert [(r.state, r.halves, r.flagged, r.day) for r in rows] == [
            ("pending", 4, True, date(2026, 3, 2))
        ]
        items = await approval.pending(s, _actor(other))
        assert items == ()  # the other team's leader does not see it
        mine = await approval.pending(s, _actor(leader))
        assert not isinstance(mine, Refused) and len(mine) == 1
        refused = await approval.decide(s, _actor(other), mine[0].approval_id, True, None, NOW)
        assert refused == Refused(Refusal.OTHER_TEAM)
        own = await approval.decide(s, _actor(member), mine[0].approval_id, True, None, NOW)
        assert own == Refused(Refusal.SELF)
        done = await approval.decide(s, _actor(leader), mine[0].approval_id, True, None, NOW)
        assert isinstance(done, Decision) and done.record.state == "approved"
        again = await approval.decide(s, _actor(leader), mine[0].approval_id, False, "x", NOW)
        assert again == Refused(Refusal.ALREADY_DECIDED)
