"""Regression test: a send whose outcome fails to commit is recorded on retry, not re-sent."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from storage.repos import delivery as repo
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, deliveries, make_world, sender, wait_settled


async def test_outcome_commit_failure_is_retried_not_resent(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    world = await make_world(harness, [Person("书记老王", role="secretary"), Person("张大爷")])
    real = repo.finish
    calls = 0

    async def flaky(session: AsyncSession, delivery_id: int, token: str, **values: Any) -> bool:
        nonlocal calls
        calls += 1
        if calls == 1:
            # Fails the transaction that records the first send's outcome (with the next turn's
            # marking and claim in the pipelined sender).
            raise ConnectionError("database went away")
        return await real(session, delivery_id, token, **values)

    monkeypatch.setattr(repo, "finish", flaky)
    caplog.set_level(logging.INFO, logger="jobs.delivery")
    async with sender(harness, progress_every_s=3600) as running:
        async with harness.data.db.transaction() as s:
            result = await notices.enqueue_notice(
                s,
                branch_id=world.branch_id,
                kind="test",
                key="fault:commit",
                content={"zh": Content(text="提交失败也只发一次")},
                member_ids=list(world.member_ids.values()),
                now=harness.clock.now(),
            )
        notices.wake(harness.data)
        # The row claimed by the failed batch is free again once its claim lease is over.
        for _ in range(3):
            try:
                await wait_settled(harness, result.notice_id, timeout=3)
                break
            except TimeoutError:
                harness.clock.advance(timedelta(minutes=5))
                running.wake()
        await wait_settled(harness, result.notice_id)
    assert calls >= 3
    assert {r.state for r in await deliveries(harness, result.notice_id)} == {"sent"}
    for name in ("书记老王", "张大爷"):
        copies = [m for m in await world.user(name).messages() if "提交失败也只发一次" in m.body]
        assert len(copies) == 1, name
    assert "outcome recorded on retry" in caplog.text
