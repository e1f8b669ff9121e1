"""Regression test: a notice is not settled "done" while recipients are still being added."""

from __future__ import annotations

import asyncio

from sqlalchemy import update

from bot.services.delivery import notices
from storage.db import Database
from storage.models.delivery import Delivery
from storage.repos import delivery as repo
from tests.storage.delivery.test_outbox import NOW, _enqueue, _seed, fresh

__all__ = ["fresh"]


async def test_settling_waits_for_recipients_being_added(fresh: str) -> None:
    adder, sender = Database(fresh), Database(fresh)
    try:
        branch_id, ids = await _seed(adder, 2)
        notice_id = await _enqueue(adder, branch_id, ids[:1], "settle-race")
        async with adder.transaction() as s:
            # Everything queued so far is sent: the notice is ready to be settled.
            await s.execute(
                update(Delivery).where(Delivery.notice_id == notice_id).values(state="sent")
            )

        async def settle() -> bool:
            async with sender.transaction() as s:
                return await repo.settle_if_done(s, notice_id, NOW)

        async with adder.transaction() as s:
            notice = await repo.notice(s, notice_id)
            assert notice is not None
            added = await notices.add_recipients(s, notice, ids[1:], NOW)
            assert added.added == 1
            settling = asyncio.ensure_future(settle())
            # Give the sender time to reach the notice row while this transaction is open.
            await asyncio.sleep(0.3)
        assert await settling is False
        async with adder.transaction() as s:
            found = await repo.notice(s, notice_id)
            assert found is not None and found.status == "sending"
    finally:
        await adder.close()
        await sender.close()
