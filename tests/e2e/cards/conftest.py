"""The cards tests tally by hand (jobs.cards.run) at a fake time: the bot's own hourly pass,
firing at a moment set by the machine's load, would tally before a test means it to."""

from __future__ import annotations

import pytest

import jobs.cards
from tests.e2e.conftest import Harness


@pytest.fixture(autouse=True)
async def cards_tally_by_hand(harness: Harness) -> None:
    queue = harness.app.job_queue
    assert queue is not None
    found = queue.get_jobs_by_name(jobs.cards.JOB_NAME)
    assert found, "the tally pass is started with the bot (jobs.start_all)"
    for job in found:
        job.schedule_removal()
