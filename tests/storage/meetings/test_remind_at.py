"""meetings.remind_at: the reminder scan reads only what is due, all of it, whatever the number."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, insert, select, update

from bot.clock import FakeClock
from bot.domain.meetings.recurrence import parse_recurrence
from bot.services.meetings import branch_settings, changes, notices, reminders
from bot.services.meetings.changes import Changed
from bot.services.meetings.scheduling import Created, create_meeting
from bot.services.meetings.tick import RETRY_FAILED, rebuild_reminders, run_tick
from storage import migrate
from storage.db import Database
from storage.models import Base
from storage.models.meetings import Meeting, ReminderLog
from tests.conftest import BACKENDS, DatabaseFactory
from tests.storage.meetings.test_tick import T0, _branch, _draft

DAY, HOUR = timedelta(days=1), timedelta(hours=1)


async def _remind_at(db: Database, meeting_id: int) -> datetime | None:
    async with db.transaction() as s:
        return await s.scalar(select(Meeting.remind_at).where(Meeting.id == meeting_id))


async def _many_meetings(db: Database, branch_id: int, count: int) -> list[int]:
    """`count` announced meetings whose 1-day reminders all fall due within the same minute."""
    first = T0 + 2 * DAY
    async with db.transaction() as s:
        rows = [
            Meeting(
                branch_id=branch_id,
                type="theme_day",
                title=f"学习{i}",
                audience="branch",
                starts_at=first + timedelta(seconds=i),
                announce_at=T0,
                announced_at=T0,
                created_at=T0,
                updated_at=T0,
            )
            for i in range(count)
        ]
        s.add_all(rows)
        await s.flush()
        for row in rows:
            await reminders.reschedule(s, row)
        return [r.id for r in rows]


async def test_one_tick_decides_every_due_meeting_across_pages(
    fresh: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    branch_id, _, _ = await _branch(fresh)
    count = 2 * reminders.PAGE + 50
    ids = await _many_meetings(fresh, branch_id, count)
    assert await _remind_at(fresh, ids[0]) == T0 + DAY
    broken = set(ids[:: reminders.PAGE // 2])  # some fail on every page, at every position
    real_remind = notices.remind

    async def remind(session: object, meeting: Meeting, *args: object) -> None:
        if meeting.id in broken:
            raise RuntimeError("rendering failed")
        await real_remind(session, meeting, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(notices, "remind", remind)
    clock = FakeClock(T0 + DAY + HOUR)  # every 1-day reminder due, no 1-hour one yet
    report = await run_tick(fresh, clock)
    assert report.reminders == count - len(broken)
    assert report.failures == len(broken)
    # The failures are tried again after a pause; the others wait for their 1-hour reminder.
    assert report.next_reminder == clock.now() + RETRY_FAILED
    for meeting_id in (ids[1], ids[-1]):
        start = T0 + 2 * DAY + timedelta(seconds=ids.index(meeting_id))
        assert await _remind_at(fresh, meeting_id) == start - HOUR

    monkeypatch.setattr(notices, "remind", real_remind)
    assert (await run_tick(fresh, clock)).reminders == 0
    clock.advance(RETRY_FAILED)
    again = await run_tick(fresh, clock)
    assert (again.reminders, again.failures) == (len(broken), 0)
    assert (await run_tick(fresh, clock)).reminders == 0
    async with fresh.transaction() as s:
        logged = await s.scalar(select(func.count()).select_from(ReminderLog))
    assert logged == count


async def test_changing_the_branch_offsets_moves_every_upcoming_reminder(
    fresh: Database,
) -> None:
    _, _, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    assert isinstance(created, Created)
    await run_tick(fresh, FakeClock(T0))  # announced now
    start = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
    assert await _remind_at(fresh, created.meeting_id) == start - DAY
    async with fresh.transaction() as s:
        changed = await branch_settings.change(
            s, actor, lambda m: replace(m, reminders=(2 * HOUR,)), T0
        )
    assert isinstance(changed, branch_settings.BranchSettings)
    # Marked for the next pass, which decides with the new offsets.
    assert await _remind_at(fresh, created.meeting_id) == T0
    assert (await run_tick(fresh, FakeClock(T0))).reminders == 0
    assert await _remind_at(fresh, created.meeting_id) == start - 2 * HOUR
    report = await run_tick(fresh, FakeClock(start - DAY))
    assert report.reminders == 0  # the old 1-day offset is gone
    assert report.next_reminder == start - 2 * HOUR


async def test_moving_resets_and_cancelling_clears_the_reminder_time(fresh: Database) -> None:
    _, _, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    assert isinstance(created, Created)
    meeting_id = created.meeting_id
    await run_tick(fresh, FakeClock(T0))
    day_before = datetime(2026, 3, 4, 1, 0, tzinfo=UTC)
    assert (await run_tick(fresh, FakeClock(day_before))).reminders == 1
    assert await _remind_at(fresh, meeting_id) == datetime(2026, 3, 5, 0, 0, tzinfo=UTC)
    # Moved a week later: a new version, whose 1-day reminder is due again.
    async with fresh.transaction() as s:
        moved = await changes.move_meeting(
            s, actor, meeting_id, datetime(2026, 3, 12, 9, 0), day_before
        )
    assert isinstance(moved, Changed)
    assert await _remind_at(fresh, meeting_id) == datetime(2026, 3, 11, 1, 0, tzinfo=UTC)
    async with fresh.transaction() as s:
        assert isinstance(await changes.cancel_meeting(s, actor, meeting_id, day_before), Changed)
    assert await _remind_at(fresh, meeting_id) is None
    report = await run_tick(fresh, FakeClock(datetime(2026, 3, 11, 2, 0, tzinfo=UTC)))
    assert report.reminders == 0


@pytest.mark.parametrize("backend", BACKENDS)
async def test_upgrade_marks_meetings_announced_before_the_column_as_due(
    db_factory: DatabaseFactory, backend: str
) -> None:
    db = Database(await db_factory.new_url(backend))
    try:
        await migrate.upgrade(db.engine, "0004_meetings")
        branches, meetings = Base.metadata.tables["branches"], Base.metadata.tables["meetings"]
        async with db.engine.begin() as conn:
            branch_id = (
                await conn.execute(
                    insert(branches)
                    .values(
                        name="支部",
                        settings={},
                        timezone="Asia/Shanghai",
                        created_at=T0,
                        updated_at=T0,
                    )
                    .returning(branches.c.id)
                )
            ).scalar_one()
            common = {
                "branch_id": branch_id,
                "type": "theme_day",
                "title": "学习",
                "audience": "branch",
                "version": 1,
                "starts_at": T0 + 2 * DAY,
                "announce_at": T0,
                "created_at": T0,
                "updated_at": T0,
            }
            ids = []
            for extra in (
                {"status": "scheduled", "announced_at": T0},
                {"status": "scheduled", "announced_at": None},
                {"status": "cancelled", "announced_at": T0},
            ):
                stmt = insert(meetings).values({**common, **extra}).returning(meetings.c.id)
                ids.append((await conn.execute(stmt)).scalar_one())
        await migrate.upgrade(db.engine)
        found = [await _remind_at(db, i) for i in ids]
        assert found == [T0, None, None]
        # The first tick turns "due now" into the real next time.
        assert (await run_tick(db, FakeClock(T0 + HOUR))).reminders == 0
        assert await _remind_at(db, ids[0]) == T0 + DAY
    finally:
        await db.close()


async def test_rebuild_at_start_repairs_meetings_written_without_a_reminder_time(
    fresh: Database,
) -> None:
    # As an older version of the bot, still running during an upgrade, would leave them.
    branch_id, _, _ = await _branch(fresh)
    ids = await _many_meetings(fresh, branch_id, reminders.PAGE + 5)
    async with fresh.transaction() as s:
        await s.execute(update(Meeting).values(remind_at=None))
    assert (await run_tick(fresh, FakeClock(T0 + DAY + HOUR))).reminders == 0  # lost...
    assert await rebuild_reminders(fresh, FakeClock(T0)) == len(ids)
    assert await _remind_at(fresh, ids[-1]) == T0 + DAY + timedelta(seconds=len(ids) - 1)
    report = await run_tick(fresh, FakeClock(T0 + DAY + HOUR))
    assert report.reminders == len(ids)  # ...found again


async def test_moving_an_unannounced_occurrence_earlier_announces_it_in_time(
    fresh: Database,
) -> None:
    _, _, actor = await _branch(fresh)
    rule = parse_recurrence("每周四 09:00", "Asia/Shanghai")
    assert not isinstance(rule, str)
    async with fresh.transaction() as s:
        created = await create_meeting(
            s, actor, _draft(datetime(2026, 3, 2, 9, 0), recurrence=rule), T0
        )
    assert isinstance(created, Created)
    async with fresh.transaction() as s:
        later = (
            await s.scalars(
                select(Meeting)
                .where(Meeting.series_id == created.series_id, Meeting.announced_at.is_(None))
                .order_by(Meeting.starts_at.desc())
            )
        ).first()
    assert later is not None and later.announce_at > T0 + 3 * DAY
    # Moved to the day after tomorrow: it must be announced now, not on its old date.
    async with fresh.transaction() as s:
        moved = await changes.move_meeting(s, actor, later.id, datetime(2026, 3, 4, 15, 0), T0)
    assert isinstance(moved, Changed)
    await run_tick(fresh, FakeClock(T0 + timedelta(minutes=1)))
    async with fresh.transaction() as s:
        row = await s.get(Meeting, later.id)
        assert row is not None and row.announced_at is not None
        assert row.remind_at == datetime(2026, 3, 3, 7, 0, tzinfo=UTC)  # 1 day before 15:00
