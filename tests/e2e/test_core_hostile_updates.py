"""An update the library cannot parse is skipped once; everyone else is still answered."""

from __future__ import annotations

import logging

import pytest

from tests.e2e.conftest import Harness
from tests.said import said


async def test_an_unparseable_update_is_skipped_and_others_answered(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    user = await harness.user("钱")
    sbot = harness.server.state.bot_from_token(harness.token)
    with caplog.at_level(logging.ERROR):
        # A message without chat or date: PTB cannot build it, and before the guard the whole
        # batch failed again and again, so nobody after it was ever answered.
        harness.server.state.enqueue(sbot, "message", {"message_id": 1, "text": "坏的"})
        await user.send("/help")
        await user.wait_message(contains=said("help.member"))
        await user.send("/help")
        await user.wait_message(contains=said("help.member"))
    skipped = [r for r in caplog.records if "could not be read" in r.getMessage()]
    assert len(skipped) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]
