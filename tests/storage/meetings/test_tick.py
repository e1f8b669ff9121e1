"""The meetings tick and its claims against real databases (each test on an empty one)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import ColumnElement, func, select
from sqlalchemy.exc import IntegrityError

from bot.clock import FakeClock
from bot.devtools.demo_meetings import seed_demo_meetings
from bot.devtools.world import World
from bot.domain.meetings import Audience, MeetingType
from bot.domain.meetings.recurrence import parse_recurrence
from bot.services.identity import Actor, Membership
from bot.services.meetings import scheduling
from bot.services.meetings.scheduling import Created, NewMeeting, create_meeting
from bot.services.meetings.tick import run_tick
from storage.db import Database
from storage.models.delivery import Delivery, Notice
from storage.models.meetings import Attendance, Meeting
from storage.repos import meetings as repo

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


async def _branch(db: Database, members: int = 3) -> tuple[int, list[int], Actor]:
    async with db.transaction() as s:
        w = World(s, T0 - timedelta(days=400))
        branch = await w.branch("测试支部")
        rows = [
            await w.member(branch, f"党员{i}", role="secretary" if i == 0 else "member")
            for i in range(members)
        ]
        me = Membership(
            rows[0].id, branch, "测试支部", "Asia/Shanghai", None, rows[0].name,
            "retired", "secretary", "active",
        )  # fmt: skip
        return branch, [m.id for m in rows], Actor(1, "书记", "zh", False, (me,), me)


def _draft(start: datetime, **changes: object) -> NewMeeting:
    base = {
        "type": MeetingType.THEME_DAY,
        "title": "学习",
        "start_local": start,
        "audience": Audience.branch(),
    }
    return NewMeeting(**{**base, **changes})  # type: ignore[arg-type]


async def _count(db: Database, model: type[object], *where: ColumnElement[bool]) -> int:
    async with db.transaction() as s:
        query = select(func.count()).select_from(model).where(*where)
        return int(await s.scalar(query) or 0)


async def test_racing_ticks_and_restart_queue_each_reminder_once(fresh: Database) -> None:
    _, ids, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    # Nobody here has a Telegram account: 「发给 N 人」 counts who can receive it (issue 11).
    assert isinstance(created, Created) and created.notified == 0
    clock = FakeClock(datetime(2026, 3, 4, 1, 0, 30, tzinfo=UTC))  # 1 day before, +30 s
    reports = await asyncio.gather(*(run_tick(fresh, clock) for _ in range(4)))
    assert sum(r.reminders for r in reports) == 1
    # A "new process" on the same database sends nothing more.
    second = Database(fresh.url)
    try:
        assert (await run_tick(second, clock)).reminders == 0
    finally:
        await second.close()
    key = f"meeting:{created.meeting_id}:v1:reminder:86400"
    assert await _count(fresh, Notice, Notice.key == key) == 1
    assert await _count(
        fresh, Delivery, Delivery.notice_id.in_(select(Notice.id).where(Notice.key == key))
    ) == len(ids)
    assert reports[0].next_reminder is None or reports[0].next_reminder > clock.now()


async def test_next_wake_points_at_the_next_reminder(fresh: Database) -> None:
    _, _, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    report = await run_tick(fresh, FakeClock(T0))
    assert report.next_reminder == datetime(2026, 3, 4, 1, 0, tzinfo=UTC)


async def test_series_materialises_idempotently_and_keeps_moved_rows(fresh: Database) -> None:
    branch_id, _, actor = await _branch(fresh)
    rule = parse_recurrence("每周四 09:00", "Asia/Shanghai")
    assert not isinstance(rule, str)
    async with fresh.transaction() as s:
        created = await create_meeting(
            s, actor, _draft(datetime(2026, 3, 2, 9, 0), recurrence=rule), T0
        )
    assert isinstance(created, Created) and created.occurrences == 9  # 5 Mar .. 30 Apr
    first = await _first(fresh, branch_id)
    async with fresh.transaction() as s:
        row = await s.get(Meeting, first.id)
        assert row is not None
        row.starts_at += timedelta(days=1)
    later = T0 + timedelta(days=7)
    for _ in range(2):
        async with fresh.transaction() as s:
            series = await repo.get_series(s, created.series_id or 0)
            assert series is not None
            await scheduling.materialise(s, series, later, timedelta(days=7))
    assert await _count(fresh, Meeting, Meeting.branch_id == branch_id) == 10  # + 7 May
    moved = await _first(fresh, branch_id)
    assert moved.id == first.id and moved.starts_at == first.starts_at + timedelta(days=1)


async def test_one_record_per_member_and_meeting(fresh: Database) -> None:
    _, ids, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    assert isinstance(created, Created)
    row = {
        "meeting_id": created.meeting_id,
        "member_id": ids[1],
        "state": "present",
        "created_at": T0,
        "updated_at": T0,
    }
    async with fresh.transaction() as s:
        assert await repo.insert_attendance(s, dict(row))
        assert not await repo.insert_attendance(s, dict(row))
    with pytest.raises(IntegrityError):
        async with fresh.transaction() as s:
            s.add(Attendance(**row))
    assert await _count(fresh, Attendance) == 1


async def test_demo_seed_adds_history_once(fresh: Database) -> None:
    branch_id, _, _ = await _branch(fresh, members=8)
    clock = FakeClock(datetime(2026, 5, 10, 2, 0, tzinfo=UTC))
    added = await seed_demo_meetings(fresh, branch_id, clock)
    assert added >= 7
    assert await seed_demo_meetings(fresh, branch_id, clock) == 0
    past = await _count(fresh, Meeting, Meeting.starts_at < clock.now())
    upcoming = await _count(fresh, Meeting, Meeting.starts_at >= clock.now())
    assert past == 5 and upcoming >= 2  # no group in this branch: the group meeting is left out
    states = await _states(fresh)
    assert {"present", "late", "leave_approved", "absent"} <= states
    # The tick over demo data queues nothing for the past and no duplicate announcements.
    report = await run_tick(fresh, clock)
    assert report.failures == 0 and report.closed == 0


async def _first(db: Database, branch_id: int) -> Meeting:
    async with db.transaction() as s:
        found = await s.scalar(
            select(Meeting).where(Meeting.branch_id == branch_id).order_by(Meeting.id).limit(1)
        )
        assert found is not None
        return found


async def _states(db: Database) -> set[str]:
    async with db.transaction() as s:
        return set(await s.scalars(select(Attendance.state).distinct()))
