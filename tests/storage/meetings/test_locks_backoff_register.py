"""Regression tests: locked meeting edits, the reminder job back-off, the register split."""

from __future__ import annotations

import asyncio
import dataclasses
import io
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import pytest
from openpyxl import load_workbook
from telegram.ext import Application

from bot.clock import FakeClock
from bot.services.meetings import changes, notices, reports
from bot.services.meetings.changes import Changed
from bot.services.meetings.scheduling import Created, create_meeting
from bot.services.meetings.tick import RETRY_FAILED, run_tick
from jobs import meetings as meetings_jobs
from storage.db import Database
from storage.repos import meetings as repo
from tests.storage.meetings.test_tick import T0, _branch, _draft


class _Queue:
    """Just enough of PTB's JobQueue to see what would be scheduled."""

    def __init__(self) -> None:
        self.scheduled: list[timedelta] = []

    def get_jobs_by_name(self, name: str) -> list[Any]:
        return []

    def run_once(self, callback: object, when: timedelta, **kwargs: object) -> None:
        self.scheduled.append(when)


class _App:
    def __init__(self) -> None:
        self.job_queue = _Queue()


async def test_failing_reminder_does_not_reschedule_the_tick_at_once(
    fresh: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, _, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    assert isinstance(created, Created)

    async def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("rendering failed")

    monkeypatch.setattr(notices, "remind", broken)
    clock = FakeClock(datetime(2026, 3, 4, 1, 0, 30, tzinfo=UTC))  # the 1-day reminder is due
    report = await run_tick(fresh, clock)
    # The failed meeting is tried again after a pause, not on every tick or at once.
    assert report.failures == 1
    assert report.next_reminder == clock.now() + RETRY_FAILED
    app = _App()
    meetings_jobs._schedule_precise(cast(Application, app), report)  # type: ignore[type-arg]
    assert app.job_queue.scheduled == []
    assert (await run_tick(fresh, clock)).failures == 0  # not retried within the pause
    # Even without failures a due reminder waits a few seconds, never 0 s.
    meetings_jobs._schedule_precise(
        cast(Application, app),  # type: ignore[type-arg]
        dataclasses.replace(report, failures=0, next_reminder=report.now),
    )
    assert app.job_queue.scheduled == [timedelta(seconds=meetings_jobs.PRECISE_MIN_DELAY)]
    # Once it works again, the postponed reminder goes out.
    monkeypatch.undo()
    clock.advance(RETRY_FAILED)
    later = await run_tick(fresh, clock)
    assert (later.failures, later.reminders) == (0, 1)


async def test_concurrent_edits_each_bump_the_version(fresh: Database) -> None:
    _, _, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    assert isinstance(created, Created)
    meeting_id = created.meeting_id

    async def move(hour: int) -> object:
        async with fresh.transaction() as s:
            return await changes.move_meeting(
                s, actor, meeting_id, datetime(2026, 3, 5, hour, 0), T0
            )

    results = await asyncio.gather(move(10), move(11))
    assert all(isinstance(r, Changed) for r in results)
    async with fresh.transaction() as s:
        meeting = await repo.get_meeting(s, meeting_id)
        assert meeting is not None
        # Two edits from version 1 must give version 3: the second saw the first's row.
        assert meeting.version == 3


async def test_register_rows_come_from_the_transaction_and_the_file_after_it(
    fresh: Database,
) -> None:
    _, _, actor = await _branch(fresh)
    async with fresh.transaction() as s:
        created = await create_meeting(s, actor, _draft(datetime(2026, 3, 5, 9, 0)), T0)
    assert isinstance(created, Created)
    async with fresh.transaction() as s:
        data = await reports.meeting_register(s, actor, created.meeting_id, T0)
    # Plain values only: nothing of openpyxl is built while the transaction is open.
    assert isinstance(data, reports.RegisterData)
    assert [row[0] for row in data.rows] == ["党员0", "党员1", "党员2"]
    assert data.fills == [[None], [None], [None]]
    register = await asyncio.to_thread(reports.build_register, data)
    sheet = load_workbook(io.BytesIO(register.content)).active
    assert sheet is not None
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0][0] == data.title
    assert [r[0] for r in cells[2:]] == ["党员0", "党员1", "党员2"]
    assert (register.meetings, register.members) == (1, 3)
