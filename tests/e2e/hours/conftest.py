"""The hours tests move a fake clock and sweep by hand (jobs.hours.run): the bot's own sweep,
firing at a moment set by the machine's load, would close check-ins before a test means it to."""

from __future__ import annotations

import pytest

import jobs.hours
from tests.e2e.conftest import Harness


@pytest.fixture(autouse=True)
async def hours_sweep_by_hand(harness: Harness) -> None:
    queue = harness.app.job_queue
    assert queue is not None
    found = queue.get_jobs_by_name(jobs.hours.JOB_NAME)
    assert found, "the hours sweep is started with the bot (jobs.start_all)"
    for job in found:
        job.schedule_removal()
