"""Hours background work: a check-in never checked out is closed at the activity's end.

The job reads what is due from the tables on every run, so a restart or a missed run costs
only a little delay.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import BotData
from bot.services.delivery import notices
from bot.services.hours.housekeeping import Swept, sweep

log = logging.getLogger(__name__)

JOB_NAME = "hours:sweep"
EVERY = 60.0
_KWARGS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 50}


async def run(data: BotData) -> Swept:
    """One pass now; wakes the sender when people were told of a closed check-in."""
    swept = await sweep(data.db, data.clock)
    if swept.closed:
        log.info("hours: %d open check-ins closed and flagged", swept.closed)
        notices.wake(data)
    return swept


async def _job(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    await run(context.bot_data)


async def start(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    queue.run_repeating(_job, interval=EVERY, first=5.0, name=JOB_NAME, job_kwargs=_KWARGS)


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
