"""Upkeep of what several processes share: forget old update ids and idle budget rows."""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, CallbackContext

from bot.context import BotData
from bot.services import roles as service

log = logging.getLogger(__name__)

PRUNE_NAME = "roles:prune"
PRUNE_EVERY = 600.0


async def _prune_job(context: CallbackContext[Any, Any, Any, BotData]) -> None:
    data = context.bot_data
    handled, budget = await service.prune(data.db, data.clock.now())
    if handled or budget:
        log.info("forgot %d handled update ids and %d idle budget rows", handled, budget)


async def start(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(PRUNE_NAME):
        job.schedule_removal()
    queue.run_repeating(
        _prune_job,
        interval=PRUNE_EVERY,
        first=30.0,
        name=PRUNE_NAME,
        job_kwargs={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
    )


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    queue = app.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(PRUNE_NAME):
        job.schedule_removal()
