"""The assessment's background work: tally each branch's quarter and year once they end.

What is due is read from the tables on every run (tally_runs is unique per branch and period),
so a restart, a missed hour or a second process tallies and tells once.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import BotData
from bot.services.cards.tally import run_due
from bot.services.delivery import notices

log = logging.getLogger(__name__)

JOB_NAME = "cards:tally"
EVERY = 3600.0
_KWARGS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 1800}


async def run(data: BotData) -> int:
    """One pass now; wakes the sender when a tally was made."""
    made = await run_due(data.db, data.clock)
    if made:
        log.info("cards: %d tallies made", made)
        notices.wake(data)
    return made


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
