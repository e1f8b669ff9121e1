"""The pipelined sender's storage side: many rows marked sending at once, each with its own
lease, renewed together; a dead claimer's window comes back whole, nothing else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from storage import migrate
from storage.db import Database
from storage.models.delivery import Delivery
from storage.repos import delivery as repo
from tests.conftest import BACKENDS, DatabaseFactory
from tests.storage.delivery.test_outbox import LEASE, NOW, _enqueue, _seed


@pytest.fixture(params=BACKENDS)
async def db(
    request: pytest.FixtureRequest, db_factory: DatabaseFactory
) -> AsyncIterator[Database]:
    url = await db_factory.new_url(request.param)
    database = Database(url)
    await migrate.upgrade(database.engine)
    yield database
    await database.close()


async def _states(db: Database, notice_id: int) -> dict[int, tuple[str, int]]:
    async with db.transaction() as s:
        rows = await s.execute(
            select(Delivery.id, Delivery.state, Delivery.attempts).where(
                Delivery.notice_id == notice_id
            )
        )
        return {i: (state, attempts) for i, state, attempts in rows}


async def test_a_window_of_rows_is_marked_sending_each_with_a_lease(db: Database) -> None:
    branch_id, ids = await _seed(db, 12)
    notice_id = await _enqueue(db, branch_id, ids, "window")
    async with db.transaction() as s:
        mine = await repo.claim_due(s, NOW, 8, "me", LEASE)
        theirs = await repo.claim_due(s, NOW, 8, "them", LEASE)
    window = [r.id for r in mine[:5]]
    async with db.transaction() as s:
        # Rows held by another claimer are left out, and so is a row already sending.
        marked = await repo.mark_sending_many(s, [*window, theirs[0].id], "me", LEASE)
        again = await repo.mark_sending_many(s, window[:2], "me", LEASE)
    assert marked == set(window)
    assert again == set()
    states = await _states(db, notice_id)
    assert {i for i, (st, _) in states.items() if st == "sending"} == set(window)
    assert all(states[i][1] == 1 for i in window)  # one attempt each

    later = LEASE + timedelta(minutes=5)
    async with db.transaction() as s:
        await repo.extend_leases(s, [*window, theirs[0].id], "me", later)
    async with db.transaction() as s:
        # Past the first lease: renewed rows stay; nothing of ours is re-queued.
        assert await repo.requeue_expired(s, LEASE + timedelta(seconds=1), []) == 0
        found = await s.execute(
            select(Delivery.id, Delivery.lease_until).where(Delivery.id.in_(window))
        )
        leases = {i: lease for i, lease in found}
        theirs_lease = await s.scalar(
            select(Delivery.lease_until).where(Delivery.id == theirs[0].id)
        )
    assert all(v == later for v in leases.values())
    assert theirs_lease == LEASE  # another claimer's lease is not ours to renew

    # A kill -9: the whole window comes back once its leases run out, and only the window.
    async with db.transaction() as s:
        assert await repo.requeue_expired(s, later + timedelta(seconds=1), []) == len(window)
    states = await _states(db, notice_id)
    assert sum(1 for st, _ in states.values() if st == "sending") == 0
    assert sum(1 for st, _ in states.values() if st == "queued") == 12
