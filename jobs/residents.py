"""Residents' requests background work: escalate requests nobody took in the branch's time,
delete finished ones after the branch's retention period.

The job reads what is due from the tables on every run, so a restart or a missed run costs
only a little delay, and a second run finds nothing more to do.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import BotData
from bot.services.delivery import notices
from bot.services.residents.housekeeping import Swept, sweep

log = logging.getLogger(__name__)

JOB_NAME = "residents:sweep"
EVERY = 300.0
_KWARGS: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 250}


async def run(data: BotData) -> Swept:
    swept = await sweep(data.db, data.clock)
    if swept.escalated or swept.purged:
        log.info("residents: %d escalated, %d purged", swept.escalated, swept.purged)
    if swept.escalated:
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
    queue.run_repeating(_job, interval=EVERY, first=30.0, name=JOB_NAME, job_kwargs=_KWARGS)


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(JOB_NAME):
        job.schedule_removal()
