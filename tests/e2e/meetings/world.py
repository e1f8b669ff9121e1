"""A branch for meetings tests, made by the world factory (bot/devtools), and small helpers."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

import jobs.delivery
import jobs.meetings
from bot.devtools import world as factory
from bot.sandbox.client import BotMessage, SandboxUser
from bot.services.delivery import notices
from bot.services.meetings.tick import TickReport, run_tick
from storage.models.core import Member
from storage.models.delivery import Delivery, Notice
from storage.models.meetings import Attendance, Meeting, ReminderLog
from storage.repos import members as members_repo
from tests.e2e.conftest import Harness

# A fixed, ordinary Monday morning in China (01:00 UTC = 09:00 Asia/Shanghai).
T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Person:
    name: str
    group: str | None = None
    category: str = "retired"
    role: str = "member"
    bound: bool = True  # has a Telegram account (and pressed Start)


@dataclass
class World:
    harness: Harness
    branch_id: int
    tz: str
    groups: dict[str, int]
    users: dict[str, SandboxUser] = field(default_factory=dict)
    ids: dict[str, int] = field(default_factory=dict)

    def user(self, name: str) -> SandboxUser:
        return self.users[name]


SECRETARY = Person("书记老张", role="secretary", category="retired")


async def make_world(
    h: Harness,
    people: Sequence[Person],
    *,
    tz: str = "Asia/Shanghai",
    groups: Sequence[str] = ("第一党小组", "第二党小组"),
    created: datetime | None = None,
    settings: dict[str, object] | None = None,
) -> World:
    """A branch (created long ago unless told), its groups and members with sandbox accounts."""
    since = created or h.clock.now() - timedelta(days=400)
    users = {p.name: await h.user(p.name) for p in people}
    async with factory.build(h.data.db, since) as w:
        branch = await w.branch(timezone=tz, settings=settings)
        world = World(h, branch, tz, await w.groups(branch, groups), users)
        for p in people:
            made = await w.member(
                branch,
                p.name,
                role=p.role,
                category=p.category,
                group_id=world.groups[p.group] if p.group else None,
            )
            world.ids[p.name] = made.id
    await asyncio.gather(*(_bind(world, p) for p in people if p.bound))
    return world


async def _bind(world: World, p: Person) -> None:
    """Press Start (creates the account row), then link the roster record to it."""
    user = world.users[p.name]
    await user.start()
    await user.wait_message()
    async with world.harness.data.db.transaction() as s:
        assert await members_repo.bind_member(s, world.ids[p.name], user.id)


async def start_sender(h: Harness) -> None:
    """The delivery sender (until the lead starts it in post_init; idempotent)."""
    await jobs.delivery.start(h.app, poll_s=0.1, progress_every_s=0.2)


def _manual_ticks(h: Harness) -> None:
    """These tests move a fake clock and tick by hand: the bot's own 30-s tick, firing at a
    moment set by the machine's load, would decide things (a digest over half-seeded data)
    before the test means it to."""
    queue = h.app.job_queue
    assert queue is not None
    for name in (jobs.meetings.TICK_NAME, jobs.meetings.PRECISE_NAME):
        for job in queue.get_jobs_by_name(name):
            job.schedule_removal()


@pytest.fixture(autouse=True)
async def meetings_cleanup(harness: Harness) -> AsyncIterator[None]:
    """Ticks by hand only; stop what these tests start before the harness closes the database."""
    _manual_ticks(harness)
    yield
    await jobs.meetings.stop(harness.app)
    await jobs.delivery.stop(harness.app)


async def restart(h: Harness) -> None:
    """Stop the bot (sender first, it is not in post_stop yet) and start it again."""
    await jobs.delivery.stop(h.app)
    await h.restart()
    _manual_ticks(h)
    await start_sender(h)


async def tick(h: Harness) -> TickReport:
    """Run the meetings job body now, at the harness clock, and wake the sender."""
    return await run_tick(h.data.db, h.clock, wake=lambda: notices.wake(h.data))


async def newest_meeting(h: Harness, branch_id: int) -> Meeting:
    async with h.data.db.transaction() as s:
        found: Meeting | None = await s.scalar(
            select(Meeting)
            .where(Meeting.branch_id == branch_id)
            .order_by(Meeting.id.desc())
            .limit(1)
        )
        assert found is not None
        return found


async def meetings_of(h: Harness, branch_id: int) -> list[Meeting]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(Meeting).where(Meeting.branch_id == branch_id).order_by(Meeting.starts_at)
        )
        return list(rows)


async def recipients(h: Harness, key: str) -> list[int]:
    """Member ids queued (in any state) under a notice key."""
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(Delivery.member_id)
            .join(Notice, Notice.id == Delivery.notice_id)
            .where(Notice.key == key)
            .order_by(Delivery.member_id)
        )
        return [r for r in rows if r is not None]


async def notice_keys(h: Harness, branch_id: int, prefix: str = "") -> list[str]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(Notice.key).where(Notice.branch_id == branch_id).order_by(Notice.id)
        )
        return [k for k in rows if k.startswith(prefix)]


async def reminder_keys(h: Harness, meeting_id: int) -> list[str]:
    """Reminder notices queued for one meeting, in order."""
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(Notice.key)
            .where(Notice.key.like(f"meeting:{meeting_id}:v%:reminder:%"))
            .order_by(Notice.id)
        )
        return list(rows)


async def reminder_log(h: Harness, meeting_id: int) -> dict[int, str]:
    """offset seconds -> sent / superseded / skipped, as the tick recorded them."""
    async with h.data.db.transaction() as s:
        rows = await s.execute(
            select(ReminderLog.offset_seconds, ReminderLog.status).where(
                ReminderLog.meeting_id == meeting_id
            )
        )
        return {offset: status for offset, status in rows}


async def attendance(h: Harness, meeting_id: int) -> dict[int, Attendance]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id))
        return {a.member_id: a for a in rows}


async def count_rows(h: Harness, meeting_id: int) -> int:
    async with h.data.db.transaction() as s:
        found = await s.scalar(
            select(func.count()).select_from(Attendance).where(Attendance.meeting_id == meeting_id)
        )
        return int(found or 0)


async def last_id(user: SandboxUser) -> int:
    """The newest bot message in the person's chat (to press a forged button on)."""
    found = await user.last_message()
    assert found is not None
    return found.message_id


async def messages_containing(user: SandboxUser, text: re.Pattern[str]) -> list[BotMessage]:
    return [m for m in await user.messages() if m.from_bot and text.search(m.body)]


# --- a branch with history (cadence, reports) ---------------------------------------

CREATED = datetime(2025, 6, 1, 2, 0, tzinfo=UTC)
HISTORY_PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("赵叔", group="第二党小组"),
    Person("小钱", group="第一党小组"),
    Person("孙姐", group="第二党小组"),
]


@dataclass(frozen=True)
class Past:
    type: str
    audience: str  # "group:1" means the first party group
    start: datetime
    records: dict[str, tuple[str, bool, bool]] = field(default_factory=dict)
    # name -> (state, by_proxy, made_up)


PAST: tuple[Past, ...] = (
    Past(
        "theme_day",
        "branch",
        datetime(2025, 11, 15, 1, 0, tzinfo=UTC),
        {"书记老张": ("present", False, False), "王阿姨": ("present", False, False)},
    ),
    Past(
        "lecture",
        "branch",
        datetime(2025, 11, 20, 11, 0, tzinfo=UTC),
        {"书记老张": ("present", False, False)},
    ),
    Past(
        "general_meeting",
        "branch",
        datetime(2026, 1, 20, 1, 0, tzinfo=UTC),
        {
            "书记老张": ("present", False, False),
            "王阿姨": ("absent", False, False),
            "李大爷": ("leave_approved", False, False),
            "小钱": ("late", False, False),
            "孙姐": ("absent", False, True),
            "赵叔": ("leave_pending", False, False),
        },
    ),
    Past(
        "committee",
        "committee",
        datetime(2026, 2, 10, 1, 0, tzinfo=UTC),
        {"书记老张": ("present", False, False)},
    ),
    Past(
        "group_meeting",
        "group:1",
        datetime(2026, 2, 12, 1, 0, tzinfo=UTC),
        {"小钱": ("present", True, False), "王阿姨": ("absent", False, False)},
    ),
)


async def history_world(
    h: Harness, *, created: datetime = CREATED, past: Sequence[Past] = PAST
) -> World:
    """The branch (created 1 June 2025; 赵叔 joined 20 Sept) and its past meetings."""
    w = await make_world(h, HISTORY_PEOPLE, created=created)
    first_group = w.groups["第一党小组"]
    async with h.data.db.transaction() as s:
        zhao = await s.get(Member, w.ids["赵叔"])
        assert zhao is not None
        zhao.created_at = datetime(2025, 9, 20, 2, 0, tzinfo=UTC)
        for item in past:
            f = factory.World(s, item.start)
            audience = item.audience.replace("group:1", f"group:{first_group}")
            meeting = await f.meeting(
                w.branch_id,
                f"往期{item.type}",
                item.start,
                type=item.type,
                audience=audience,
                announced_at=item.start,
                closed_at=item.start,
            )
            for name, (state, proxy, made_up) in item.records.items():
                await f.attendance(
                    meeting,
                    w.ids[name],
                    state,
                    by_proxy=proxy,
                    proxy_member_id=w.ids["书记老张"] if proxy else None,
                    checked_in_at=item.start if state in ("present", "late") else None,
                    made_up_at=item.start.replace(day=item.start.day + 2) if made_up else None,
                )
    return w
