"""Dues background work: one repeating tick that opens the month's lines and sends reminders.

Nothing is kept in the scheduler that the database does not know: a line is unique per member
and month and a reminder's notice key is unique per branch and day, so a restart, a missed tick
or a second process opens and reminds once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.clock import Clock
from bot.context import BotData
from bot.services.delivery import notices
from bot.services.dues.ledger import open_month
from bot.services.dues.reminders import run_reminders
from storage.db import Database

log = logging.getLogger(__name__)

TICK_NAME = "dues:tick"
# Months and reminder days are coarse: every ten minutes is on time.
TICK_EVERY = 600.0
TICK_GRACE = 300
_KWARGS: dict[str, Any] = {"coalesce": True, "max_instances": 1}


@dataclass(frozen=True)
class TickReport:
    now: datetime
    opened: int
    reminded: int
    alerts: int


async def run_tick(db: Database, clock: Clock) -> TickReport:
    """Open this month's lines, then remind (two transactions: a failed reminder pass must
    not undo the opening)."""
    now = clock.now()
    async with db.transaction() as session:
        opened = await open_month(session, now)
    async with db.transaction() as session:
        report = await run_reminders(session, now)
    return TickReport(now, opened, report.reminded, report.alerts)


async def tick(data: BotData) -> TickReport:
    report = await run_tick(data.db, data.clock)
    if report.reminded or report.alerts:
        notices.wake(data)
    return report


async def _tick_job(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    report = await tick(context.bot_data)
    if report.opened or report.reminded or report.alerts:
        log.info(
            "dues tick: %d lines opened, %d reminders, %d alerts",
            report.opened,
            report.reminded,
            report.alerts,
        )


async def start(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        log.error("no job queue: dues lines and reminders not run")
        return
    for job in queue.get_jobs_by_name(TICK_NAME):
        job.schedule_removal()
    queue.run_repeating(
        _tick_job,
        interval=TICK_EVERY,
        first=1.0,
        name=TICK_NAME,
        job_kwargs={**_KWARGS, "misfire_grace_time": TICK_GRACE},
    )


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(TICK_NAME):
        job.schedule_removal()
