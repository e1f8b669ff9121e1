"""Meetings background work: a repeating tick plus a punctual one-off job per next reminder.

Nothing is kept in APScheduler that the database does not know: the tick reads what is due
from the tables on every run (see bot.services.meetings.tick), and the first run of a process
recomputes each upcoming meeting's reminder time; a restart, a missed job or a second process
costs nothing but a little latency.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import BotData
from bot.services.delivery import notices
from bot.services.meetings.checkin import cached_secret
from bot.services.meetings.tick import TickReport, rebuild_reminders, run_tick

log = logging.getLogger(__name__)

TICK_NAME = "meetings:tick"
PRECISE_NAME = "meetings:next-reminder"
TICK_EVERY = 30.0
# A tick that could not start on time (busy loop, suspended laptop) still runs within this,
# instead of APScheduler's default 1 s after which it is skipped with only a log line.
TICK_GRACE = 25
# A punctual reminder job may run late rather than not at all; the tick is the safety net.
PRECISE_GRACE = 600
# A reminder that is already due (or keeps failing) must not re-run the whole tick at once.
PRECISE_MIN_DELAY = 5.0
_KWARGS: dict[str, Any] = {"coalesce": True, "max_instances": 1}
CODE_SCREEN_PREFIX = "meetings:code:"
STOP_WAIT_STEPS = 50


async def tick(data: BotData) -> TickReport:
    """One pass with this process's database and clock; wakes the sender if anything queued."""
    return await run_tick(data.db, data.clock, wake=lambda: notices.wake(data))


async def _tick_job(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    data = context.bot_data
    if not data.reminders_rebuilt:
        # Once per process, before its first pass: remind_at is derived data, and rows
        # written by an older version of the bot (a rolling upgrade) may lack it.
        count = await rebuild_reminders(data.db, data.clock)
        data.reminders_rebuilt = True
        log.info("reminder times checked for %d upcoming meetings", count)
    report = await tick(data)
    if report.failures:
        log.warning("meetings tick: %d items failed (see above)", report.failures)
    _schedule_precise(context.application, report)


def _schedule_precise(app: Application, report: TickReport) -> None:  # type: ignore[type-arg]
    """A one-off job at the next reminder time, so reminders are not up to a tick late."""
    queue = app.job_queue
    if queue is None or report.next_reminder is None:
        return
    if report.failures:
        return  # a failing item would be retried at once, forever: leave it to the tick
    delay = (report.next_reminder - report.now).total_seconds()
    if delay >= TICK_EVERY:
        return  # a regular tick will be closer
    for job in queue.get_jobs_by_name(PRECISE_NAME):
        job.schedule_removal()
    queue.run_once(
        _tick_job,
        when=timedelta(seconds=max(delay, PRECISE_MIN_DELAY)),
        name=PRECISE_NAME,
        job_kwargs={**_KWARGS, "misfire_grace_time": PRECISE_GRACE},
    )


async def start(app: Application) -> None:  # type: ignore[type-arg]
    """Create the check-in secret once, then tick now and every TICK_EVERY seconds (idempotent)."""
    data: BotData = app.bot_data
    configured = data.settings.bot_secret_key
    await cached_secret(data.db, data, configured.get_secret_value() if configured else None)
    queue = app.job_queue
    if queue is None:
        log.error("no job queue: install python-telegram-bot[job-queue]; meetings jobs not run")
        return
    for job in queue.get_jobs_by_name(TICK_NAME):
        job.schedule_removal()
    queue.run_repeating(
        _tick_job,
        interval=TICK_EVERY,
        first=0.5,
        name=TICK_NAME,
        job_kwargs={**_KWARGS, "misfire_grace_time": TICK_GRACE},
    )


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    """Remove this feature's jobs (the job queue itself is stopped by PTB)."""
    queue = app.job_queue
    if queue is None:
        return
    for name in (TICK_NAME, PRECISE_NAME):
        for job in queue.get_jobs_by_name(name):
            job.schedule_removal()
    for job in queue.jobs():
        if job.name and job.name.startswith(CODE_SCREEN_PREFIX):
            job.schedule_removal()
    # A code screen being redrawn right now still needs the database: let it finish.
    data: BotData = app.bot_data
    running = data.code_screens.running
    for _ in range(STOP_WAIT_STEPS):
        if not running:
            break
        await asyncio.sleep(0.1)
