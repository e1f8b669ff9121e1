"""Demo data for volunteer hours: the seed branch's five teams, leaders, members, some hours."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from sqlalchemy import select

from bot.devtools.world import World, seeds_once
from bot.services.hours import submit
from bot.services.hours.common import local_today
from storage.models.core import Branch, Member
from storage.models.hours import HoursRecord, VolunteerActivity, VolunteerTeam

log = logging.getLogger(__name__)

# team -> (leader, members); names of the demo roster (bot/devtools/demo.py); unknown ones
# are skipped.
TEAMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "文艺宣传队": ("吴玉梅", ("黄海燕", "何淑芬", "唐美玲", "李秀英")),
    "社区治安巡逻队": ("周春生", ("郑国庆", "徐建军", "谢振华", "刘德明", "孙志强")),
    "中老年门球队": ("郑国庆", ("周春生", "罗文博", "赵淑珍")),
    "社区环保队": ("张桂兰", ("高晓燕", "宋佳怡", "吴玉梅", "马丽华")),
    "太极拳队": ("何淑芬", ("赵淑珍", "唐美玲", "张桂兰")),
}
# (team, member, days ago, halves, state, what)
_RECORDS = (
    ("社区治安巡逻队", "郑国庆", 3, 4, "approved", "夜间巡逻"),
    ("社区治安巡逻队", "徐建军", 3, 4, "approved", "夜间巡逻"),
    ("社区治安巡逻队", "谢振华", 10, 6, "approved", "节前安全检查"),
    ("文艺宣传队", "黄海燕", 7, 5, "approved", "广场文艺演出"),
    ("文艺宣传队", "何淑芬", 7, 5, "approved", "广场文艺演出"),
    ("社区环保队", "高晓燕", 20, 3, "approved", "垃圾分类宣传"),
    ("社区环保队", "宋佳怡", 40, 4, "approved", "清理绿化带"),
    ("太极拳队", "赵淑珍", 2, 2, "approved", "带练太极拳"),
    ("社区环保队", "马丽华", 1, 3, "pending", "清理楼道小广告"),
    ("社区治安巡逻队", "孙志强", 1, 4, "pending", "周末巡逻"),
)


@seeds_once(VolunteerTeam)
async def seed_demo_hours(world: World, branch: Branch) -> int:
    """Teams and some history for the demo branch (once: nothing if it has teams already)."""
    session, now, branch_id = world.session, world.now, branch.id
    people = {
        m.name: m.id
        for m in await session.scalars(
            select(Member).where(Member.branch_id == branch_id, Member.status == "active")
        )
    }
    teams = {
        name: await world.team(
            branch_id,
            name,
            leaders=[people[leader]] if leader in people else [],
            members=[people[p] for p in members if p in people],
        )
        for name, (leader, members) in TEAMS.items()
    }
    await _records(world, branch_id, local_today(branch.timezone, now), teams, people)
    start = now + timedelta(hours=1)
    session.add(
        VolunteerActivity(
            branch_id=branch_id,
            team_id=teams["社区治安巡逻队"],
            title="社区治安巡逻队活动",
            place="",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            opened_by_member_id=people.get("周春生"),
            created_at=now,
            updated_at=now,
        )
    )
    log.info("seeded %d volunteer teams", len(teams))
    return len(teams)


async def _records(
    world: World, branch_id: int, today: date, teams: dict[str, int], people: dict[str, int]
) -> None:
    pending: list[HoursRecord] = []
    for team_name, person, ago, halves, state, what in _RECORDS:
        if person not in people:
            continue
        row = await world.hours_record(
            branch_id,
            people[person],
            today - timedelta(days=ago),
            halves,
            state=state,
            team_id=teams[team_name],
            what=what,
            decided_at=world.now if state == "approved" else None,
        )
        if state == "pending":
            pending.append(row)
    # The pending ones wait in the approval queue, as a real report would.
    for row in pending:
        await submit.put(world.session, row, actor_tg_id=None, now=world.now, notify=False)
