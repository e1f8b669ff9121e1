"""The meetings job body: one pass over everything time-driven, safe to run anywhere, any time.

Every side effect is claimed by a database key first (announced_at, meeting_reminders,
closed_at, meeting_runs) and queued under a unique notice key, so two ticks racing (two
processes, or a restart mid-way) queue each thing once. Each item has its own transaction,
so one broken meeting cannot hold up the others.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from bot.services.meetings import attendance, cadence, digests, reminders, scheduling
from storage.db import Database
from storage.repos import meetings as repo

log = logging.getLogger(__name__)

# Check-in never closes sooner than this after the start, so older meetings are the candidates.
_CLOSE_SCAN = timedelta(minutes=5)
ATTEMPTS_KEPT = timedelta(days=1)
# A meeting whose reminders could not be decided (a bug, bad data) is tried again after this.
RETRY_FAILED = timedelta(minutes=5)


@dataclass
class TickReport:
    """What one pass did; `next_reminder` is when the next reminder becomes due."""

    now: datetime
    materialised: int = 0
    announced: int = 0
    reminders: int = 0
    skipped: int = 0
    closed: int = 0
    digests: int = 0
    failures: int = 0
    next_reminder: datetime | None = None

    @property
    def queued_anything(self) -> bool:
        return bool(self.announced or self.reminders or self.closed or self.digests)


async def _each(
    db: Database,
    ids: list[int],
    step: Callable[[AsyncSession, int], Awaitable[int | bool]],
    report: TickReport,
    what: str,
) -> int:
    """Run step for each id in its own transaction; count truthy results, log failures."""
    done = 0
    for item in ids:
        try:
            async with db.transaction() as session:
                result = await step(session, item)
        except Exception:
            report.failures += 1
            log.exception("meetings tick: %s %s failed", what, item)
            continue
        done += int(result)
    return done


async def run_tick(
    db: Database, clock: Clock, *, wake: Callable[[], None] | None = None
) -> TickReport:
    """Materialise, announce, remind, close and digest whatever is due at clock.now()."""
    now = clock.now()
    report = TickReport(now)
    async with db.transaction() as session:
        series = [
            s.id
            for s in await repo.series_to_extend(
                session, now + scheduling.HORIZON - scheduling.EXTEND_MARGIN
            )
        ]
    report.materialised = await _each(
        db, series, lambda s, i: _count(scheduling.extend_series(s, i, now)), report, "series"
    )
    async with db.transaction() as session:
        due = list(await repo.due_announcements(session, now))
    report.announced = await _each(
        db, due, lambda s, i: scheduling.announce_if_due(s, i, now), report, "announce"
    )
    await _remind(db, now, report)
    async with db.transaction() as session:
        unclosed = [m.id for m in await repo.unclosed_before(session, now - _CLOSE_SCAN)]
    report.closed = await _each(
        db, unclosed, lambda s, i: attendance.close_if_due(s, i, now), report, "close"
    )
    async with db.transaction() as session:
        branches = await cadence.branches_due_for_digest(session, now)
    report.digests = await _digests(db, branches, now, report)
    async with db.transaction() as session:
        report.next_reminder = await reminders.next_wake(session)
        # Wrong-code attempts only matter for the rate limit's few minutes.
        await repo.prune_attempts(session, now - ATTEMPTS_KEPT)
    if wake is not None and report.queued_anything:
        wake()
    return report


async def _remind(db: Database, now: datetime, report: TickReport) -> None:
    """Every meeting with a reminder decision due, page by page: none is left for later.

    A page is one transaction with a fixed number of statements (reminders.process_page): a
    district's branches share reminder minutes, and one meeting at a time made the last
    branch's reminder minutes late. Should the page's transaction itself fail, its meetings
    are decided one by one, so one broken meeting still cannot hold up the others."""
    after: tuple[datetime, int] | None = None
    while True:
        async with db.transaction() as session:
            page = await reminders.due(session, now, after)
        ids = [meeting_id for _, meeting_id in page]
        try:
            async with db.transaction() as session:
                done = await reminders.process_page(session, ids, now, now + RETRY_FAILED)
        except Exception:
            log.exception("meetings tick: a page of reminders failed; one meeting at a time")
            await _remind_each(db, ids, now, report)
        else:
            report.reminders += done.sent
            report.skipped += done.skipped
            report.failures += len(done.failed)
        if len(page) < reminders.PAGE:
            break
        # Keyset, not offset: processed meetings leave the set, failed ones are passed over.
        after = page[-1]


async def _remind_each(db: Database, ids: list[int], now: datetime, report: TickReport) -> None:
    """The page again, each meeting in its own transaction (the fallback)."""
    outcomes: list[reminders.ReminderOutcome] = []

    async def remind(session: AsyncSession, meeting_id: int) -> bool:
        outcome = await reminders.process(session, meeting_id, now)
        outcomes.append(outcome)
        return outcome.sent > 0

    for meeting_id in ids:
        failures = report.failures
        await _each(db, [meeting_id], remind, report, "reminders")
        if report.failures > failures:
            await _postpone(db, meeting_id, now)
    report.reminders += sum(o.sent for o in outcomes)
    report.skipped += sum(o.skipped for o in outcomes)


async def _digests(db: Database, branches: list[int], now: datetime, report: TickReport) -> int:
    """The month's digests a page of branches per transaction; a page that fails is done again
    one branch at a time, so one broken branch cannot hold up the others."""
    done = 0
    for i in range(0, len(branches), digests.PAGE):
        page = branches[i : i + digests.PAGE]
        try:
            async with db.transaction() as session:
                done += await digests.digest_page(session, page, now)
        except Exception:
            log.exception("meetings tick: a page of digests failed; one branch at a time")
            done += await _each(
                db, page, lambda s, b: cadence.digest_if_due(s, b, now), report, "digest"
            )
    return done


async def _postpone(db: Database, meeting_id: int, now: datetime) -> None:
    """A failing meeting is retried after a pause, so it neither floods the log every tick
    nor makes "a reminder is overdue" permanently true for the precise job."""
    try:
        async with db.transaction() as session:
            await repo.postpone_reminders(session, meeting_id, now + RETRY_FAILED)
    except Exception:
        log.exception("meetings tick: could not postpone meeting %s", meeting_id)


async def rebuild_reminders(db: Database, clock: Clock) -> int:
    """Recompute remind_at of every upcoming announced meeting, page by page (run at start)."""
    now = clock.now()
    done, after_id = 0, 0
    while True:
        async with db.transaction() as session:
            ids = await reminders.rebuild_page(session, now, after_id)
        done += len(ids)
        if len(ids) < reminders.PAGE:
            return done
        after_id = ids[-1]


async def _count(pending: Awaitable[list[int]]) -> int:
    return len(await pending)
