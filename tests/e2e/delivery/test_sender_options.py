"""A test's sender options take effect: they replace the sender post_init started with its
defaults, instead of being silently ignored (issue 9)."""

from __future__ import annotations

import jobs.delivery
from tests.e2e.conftest import Harness


async def test_options_replace_the_running_sender_and_the_same_options_keep_it(
    harness: Harness,
) -> None:
    first = await jobs.delivery.start(harness.app)  # what post_init started, or a new one
    assert harness.data.sender is first
    tuned = await jobs.delivery.start(harness.app, poll_s=0.2, progress_every_s=0.2)
    assert tuned is not first and harness.data.sender is tuned
    assert tuned._poll_s == 0.2 and tuned._reporter is not first._reporter
    assert first._task is not None and first._task.done()  # stopped, gracefully
    assert await jobs.delivery.start(harness.app, poll_s=0.2, progress_every_s=0.2) is tuned
    await jobs.delivery.stop(harness.app)
    assert harness.data.sender is None
