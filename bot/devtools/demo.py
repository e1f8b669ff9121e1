"""`partybot sandbox --demo`: a lively 象山社区党支部 with people who can be tried at once.

Each feature adds its own demo data after the branch exists (see `seed_demo`); everything is
seeded once, and the simulated people are re-created in the sandbox on every start because the
sandbox forgets them when it stops.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock, SystemClock
from bot.commands import MEMBER_COMMANDS, SECRETARY_COMMANDS, commands_for
from bot.config import Settings
from bot.devtools.world import Person, World, person_of
from bot.sandbox.server import SandboxServer
from storage.db import Database
from storage.models.core import Branch, Member, PartyGroup
from storage.repos import core as core_repo

log = logging.getLogger(__name__)

BRANCH_NAME = "象山社区党支部"
GROUPS = ("第一党小组", "第二党小组", "第三党小组")
FIRST_ID = 1001  # the sandbox operator is 1000

# name, role, category, group index, joined, full member, work unit, bound
# Dates are (year, month, day); "P5"/"P13" mean a probationary member admitted 5/13 months ago.
_PEOPLE: tuple[tuple[str, str, str, int | None, object, object, str | None, bool], ...] = (
    ("王建华", "secretary", "retired", 0, (1978, 6, 15), (1979, 6, 15), None, True),
    ("李秀英", "committee", "retired", 0, (1982, 7, 1), (1983, 7, 1), None, True),
    ("陈国平", "committee", "employed", 1, (2003, 6, 20), (2004, 6, 20), "宁波市第一医院", True),
    ("张桂兰", "group_leader", "direct", 0, (1975, 10, 1), (1976, 10, 1), None, True),
    ("刘德明", "group_leader", "retired", 1, (1980, 5, 4), (1981, 5, 4), None, True),
    ("赵淑珍", "group_leader", "retired", 2, (1985, 3, 8), (1986, 3, 8), None, True),
    ("周春生", "member", "direct", 0, (1972, 12, 26), (1973, 12, 26), None, True),
    ("吴玉梅", "member", "retired", 1, (1990, 7, 1), (1991, 7, 1), None, True),
    ("孙志强", "member", "employed", 2, (2010, 6, 28), (2011, 6, 28), "区税务局", True),
    ("马丽华", "member", "employed", 0, (2012, 5, 20), (2013, 5, 20), "象山小学", True),
    ("黄海燕", "member", "mobile", 1, (2008, 11, 11), (2009, 11, 11), None, True),
    ("郑国庆", "member", "retired", 2, (1968, 10, 1), (1969, 10, 1), None, True),
    ("何淑芬", "member", "direct", 1, (1983, 7, 1), (1984, 7, 1), None, True),
    ("林志远", "member", "employed", 2, (2016, 7, 1), (2017, 7, 1), "宁波港集团", True),
    ("徐建军", "member", "retired", 0, (1976, 8, 1), (1977, 8, 1), None, True),
    ("高晓燕", "member", "probationary", 1, "P5", None, None, True),
    ("罗文博", "member", "probationary", 2, "P13", None, None, True),
    ("宋佳怡", "member", "activist", 0, None, None, None, False),
    ("谢振华", "member", "mobile", 2, (2005, 4, 12), (2006, 4, 12), None, False),
    ("唐美玲", "member", "direct", 1, (1995, 7, 1), (1996, 7, 1), None, False),
)
# Someone who applied through the invite link and waits for the secretary's approval.
_APPLICANT = ("钱小红", "direct", 2, FIRST_ID + len(_PEOPLE))


@dataclass(frozen=True)
class DemoBranch:
    """What later features' demo seeders need to know about the demo branch."""

    branch_id: int
    group_ids: tuple[int, ...]
    people: tuple[Person, ...]  # the simulated accounts, bound or waiting


def _day(spec: object, today: date) -> date | None:
    if isinstance(spec, tuple):
        year, month, day = spec
        return date(int(year), int(month), int(day))
    if isinstance(spec, str) and spec.startswith("P"):
        return today - relativedelta(months=int(spec[1:]))
    return None


async def _create(session: AsyncSession, settings: Settings, now: datetime) -> None:
    world = World(session, now)
    branch_id = await world.branch(BRANCH_NAME, timezone=settings.bot_timezone)
    groups = list((await world.groups(branch_id, GROUPS)).values())
    today = now.date()
    for n, (name, role, category, group, joined, full, unit, bound) in enumerate(_PEOPLE):
        phone = f"139057410{n + 1:02d}"  # the roster's phone numbers run in its order
        tg_id = (
            await world.account(FIRST_ID + n, name, language="zh", branch_id=branch_id)
            if bound
            else None
        )
        await world.member(
            branch_id,
            name,
            role=role,
            category=category,
            group_id=groups[group] if group is not None else None,
            tg_id=tg_id,
            phone=phone,
            joined_party_on=_day(joined, today),
            full_member_on=_day(full, today),
            work_unit=unit,
        )
    name, category, group, tg_id = _APPLICANT
    await world.account(tg_id, name, language="zh", branch_id=branch_id)
    await world.member(
        branch_id, name, category=category, group_id=groups[group], tg_id=tg_id, status="pending"
    )
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=FIRST_ID,
        action="roster.import",
        target="branch",
        target_id=branch_id,
        after={"imported": len(_PEOPLE), "demo": True},
        now=now,
    )


async def seed_demo_members(db: Database, settings: Settings, now: datetime) -> DemoBranch:
    """The demo branch, created on the first run; later runs only read it back."""
    async with db.transaction() as session:
        found = await session.scalar(
            select(Branch).where(Branch.name == BRANCH_NAME, Branch.parent_id.is_(None)).limit(1)
        )
        if found is None:
            await _create(session, settings, now)
            log.info("seeded the demo branch %s", BRANCH_NAME)
        branch = await session.scalar(select(Branch).where(Branch.name == BRANCH_NAME).limit(1))
        assert branch is not None
        group_ids = tuple(
            await session.scalars(
                select(PartyGroup.id)
                .where(PartyGroup.branch_id == branch.id)
                .order_by(PartyGroup.position)
            )
        )
        rows = await session.scalars(
            select(Member)
            .where(
                Member.branch_id == branch.id,
                Member.tg_user_id.is_not(None),
                Member.status.in_(("active", "pending")),
            )
            .order_by(Member.id)
        )
        people = tuple(person_of(row) for row in rows)
    return DemoBranch(branch.id, group_ids, people)


def sync_sandbox(server: SandboxServer, demo: DemoBranch) -> None:
    """Make the demo people exist in the sandbox, started, with their command menus."""
    bot = server.state.default_bot()
    secretary_menu = [c.to_dict() for c in commands_for(MEMBER_COMMANDS + SECRETARY_COMMANDS, "zh")]
    for person in demo.people:
        if person.tg_id is None:  # only bound people are read back; a roster row has none
            continue
        user = server.state.users.get(person.tg_id)
        if user is None:
            user = server.state.add_user(person.name, user_id=person.tg_id)
        # They pressed Start long ago, so the bot may write to them first.
        user.started_bots.add(bot.id)
        if person.role == "secretary":
            # What publish_chat_commands would have set when they became secretary.
            bot.commands[(("chat", person.tg_id), "")] = secretary_menu


async def seed_demo(settings: Settings, server: SandboxServer, clock: Clock | None = None) -> None:
    """Seed the demo branch and its people, then each later feature's demo data."""
    now = (clock or SystemClock()).now()
    db = Database(settings.database_url)
    try:
        demo = await seed_demo_members(db, settings, now)
        sync_sandbox(server, demo)
        await _seed_features(db, demo, clock or SystemClock())
    finally:
        await db.close()


async def _seed_features(db: Database, demo: DemoBranch, clock: Clock) -> None:
    """Later features add their demo data here, after the members exist."""
    from bot.devtools.demo_hours import seed_demo_hours
    from bot.devtools.demo_meetings import seed_demo_meetings

    await seed_demo_meetings(db, demo.branch_id, clock)
    await seed_demo_hours(db, demo.branch_id, clock)
