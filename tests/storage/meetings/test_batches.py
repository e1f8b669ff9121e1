"""A district's tick: reminders and digests of many branches in set-based batches, with the
same notices as one at a time and a number of statements that does not grow with them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import event, select

from bot.clock import FakeClock
from bot.services.meetings import digests, reminders
from bot.services.meetings.scheduling import Created, create_meeting
from bot.services.meetings.tick import TickReport, run_tick
from storage.db import Database
from storage.models.delivery import Delivery, Notice
from storage.models.meetings import Attendance, Meeting
from tests.storage.meetings.test_tick import T0, _branch, _draft


async def _counted_tick(db: Database, at: datetime) -> tuple[TickReport, int]:
    count = 0

    def seen(*_: Any) -> None:
        nonlocal count
        count += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", seen)
    try:
        report = await run_tick(db, FakeClock(at))
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", seen)
    return report, count


async def _meetings(
    db: Database, branches: int, local_start: datetime
) -> list[tuple[int, list[int]]]:
    """One meeting in each of `branches` new branches: (meeting id, member ids)."""
    made = []
    for _ in range(branches):
        _, ids, actor = await _branch(db)
        async with db.transaction() as s:
            created = await create_meeting(s, actor, _draft(local_start), T0)
        assert isinstance(created, Created)
        made.append((created.meeting_id, ids))
    return made


async def _recipients(db: Database, key: str) -> tuple[str, list[int]]:
    async with db.transaction() as s:
        notice = (await s.scalars(select(Notice).where(Notice.key == key))).one()
        rows = await s.scalars(
            select(Delivery.member_id)
            .where(Delivery.notice_id == notice.id)
            .order_by(Delivery.member_id)
        )
        return notice.status, [m for m in rows if m is not None]


async def _digested_and_excused(db: Database, meeting: tuple[int, list[int]], state: str) -> int:
    """The month's digests out of the way, and the meeting's third member excused (`state`)."""
    await run_tick(db, FakeClock(T0))
    meeting_id, member_ids = meeting
    async with db.transaction() as s:
        s.add(Attendance(meeting_id=meeting_id, member_id=member_ids[2], state=state,
                         created_at=T0, updated_at=T0))  # fmt: skip
    return member_ids[2]


async def test_shared_reminder_minute_in_a_constant_number_of_statements(fresh: Database) -> None:
    few = await _meetings(fresh, 2, datetime(2026, 3, 5, 9, 0))
    many = await _meetings(fresh, 7, datetime(2026, 3, 5, 15, 0))
    on_leave = await _digested_and_excused(fresh, many[3], "leave_approved")

    first, n_few = await _counted_tick(fresh, datetime(2026, 3, 4, 1, 0, 30, tzinfo=UTC))
    second, n_many = await _counted_tick(fresh, datetime(2026, 3, 4, 7, 0, 30, tzinfo=UTC))
    assert (first.reminders, first.failures) == (2, 0)
    assert (second.reminders, second.failures) == (7, 0)
    assert n_many == n_few  # one page: the same statements for 7 branches as for 2

    for meeting_id, ids in few + many:
        status, to = await _recipients(fresh, f"meeting:{meeting_id}:v1:reminder:86400")
        assert to == [m for m in ids if m != on_leave or meeting_id != many[3][0]]
        assert status == "done"  # nobody here has Telegram: recorded not_started, settled
    async with fresh.transaction() as s:
        after = {m.id: m.remind_at for m in await s.scalars(select(Meeting))}
    for meeting_id, _ in many:  # the 1-hour reminder is next
        assert after[meeting_id] == datetime(2026, 3, 5, 6, 0, tzinfo=UTC)
    again, _ = await _counted_tick(fresh, datetime(2026, 3, 4, 7, 1, tzinfo=UTC))
    assert again.reminders == 0


async def _digest_keys(db: Database) -> list[str]:
    async with db.transaction() as s:
        rows = await s.scalars(
            select(Notice.key).where(Notice.kind == "digest").order_by(Notice.key)
        )
        return list(rows)


async def test_digests_of_many_branches_once_each(fresh: Database) -> None:
    made = [await _branch(fresh) for _ in range(5)]
    report, _ = await _counted_tick(fresh, T0)
    assert (report.digests, report.failures) == (5, 0)
    assert await _digest_keys(fresh) == sorted(f"digest:{b}:2026-03" for b, _, _ in made)
    for branch_id, ids, _ in made:
        _, to = await _recipients(fresh, f"digest:{branch_id}:2026-03")
        assert to == [ids[0]]  # the secretary
    assert (await run_tick(fresh, FakeClock(T0))).digests == 0
    assert len(await _digest_keys(fresh)) == 5


async def test_a_failing_digest_page_is_done_one_branch_at_a_time(
    fresh: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = [await _branch(fresh) for _ in range(3)]

    async def broken(*_: Sequence[object]) -> int:
        raise RuntimeError("page failed")

    monkeypatch.setattr(digests, "digest_page", broken)
    report = await run_tick(fresh, FakeClock(T0))
    assert (report.digests, report.failures) == (3, 0)
    assert len(await _digest_keys(fresh)) == len(made)


async def test_a_failing_reminder_page_is_done_one_meeting_at_a_time(
    fresh: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = await _meetings(fresh, 3, datetime(2026, 3, 5, 9, 0))
    on_leave = await _digested_and_excused(fresh, made[1], "leave_pending")

    async def broken(*_: object) -> None:
        raise RuntimeError("page failed")

    monkeypatch.setattr(reminders, "process_page", broken)
    due = datetime(2026, 3, 4, 1, 0, 30, tzinfo=UTC)
    report = await run_tick(fresh, FakeClock(due))
    assert (report.reminders, report.failures) == (3, 0)
    for meeting_id, ids in made:
        status, to = await _recipients(fresh, f"meeting:{meeting_id}:v1:reminder:86400")
        assert to == [m for m in ids if m != on_leave or meeting_id != made[1][0]]
        assert status == "done"
    assert (await run_tick(fresh, FakeClock(due))).reminders == 0
