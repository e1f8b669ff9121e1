"""Posts background work: the monthly nudge to holders who recorded no duty.

What is due is read from the tables on every run (each claim keeps the month it was nudged
for), so a restart or a missed run costs only a little delay and never doubles a nudge.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import BotData
from bot.services.delivery import notices
from bot.services.posts.nudge import run_nudges

log = logging.getLogger(__name__)

JOB_NAME = "posts:nudge"
# A day of the month is coarse: once an hour is on time.
EVERY = 3600.0
_KWARGS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 600}


async def run(data: BotData) -> int:
    """One pass now; wakes the sender when someone was nudged."""
    async with data.db.transaction() as session:
        nudged = await run_nudges(session, data.clock.now())
    if nudged:
        log.info("posts: %d holders nudged", nudged)
        notices.wake(data)
    return nudged


async def _job(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    await run(context.bot_data)


async def start(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
    queue.run_repeating(_job, interval=EVERY, first=60.0, name=JOB_NAME, job_kwargs=_KWARGS)


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
