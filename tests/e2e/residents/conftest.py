"""The residents' job runs by hand in these tests (jobs.residents.run), at the fake clock."""

from __future__ import annotations

import pytest

import jobs.residents
from tests.e2e.conftest import Harness


@pytest.fixture(autouse=True)
async def residents_sweep_by_hand(harness: Harness) -> None:
    queue = harness.app.job_queue
    assert queue is not None
    for job in queue.get_jobs_by_name(jobs.residents.JOB_NAME):
        job.schedule_removal()
