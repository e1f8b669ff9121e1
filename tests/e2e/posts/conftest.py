"""The posts tests nudge by hand (jobs.posts.run): the bot's own hourly job must not fire
at a moment set by the machine's load."""

from __future__ import annotations

import pytest

import jobs.posts
from tests.e2e.conftest import Harness


@pytest.fixture(autouse=True)
async def posts_nudge_by_hand(harness: Harness) -> None:
    queue = harness.app.job_queue
    assert queue is not None
    for job in queue.get_jobs_by_name(jobs.posts.JOB_NAME):
        job.schedule_removal()
