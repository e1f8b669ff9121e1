"""The outbox on both backends: claiming, leases, idempotent enqueue, settling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.devtools.world import World
from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from storage import migrate
from storage.db import Database
from storage.models.delivery import Delivery, Notice
from storage.repos import delivery as repo
from tests.conftest import BACKENDS, DatabaseFactory

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
LEASE = NOW + timedelta(minutes=1)


@pytest.fixture(params=BACKENDS)
async def fresh(request: pytest.FixtureRequest, db_factory: DatabaseFactory) -> AsyncIterator[str]:
    """A private migrated database: the claim takes every due row, so nobody else's may exist."""
    url = await db_factory.new_url(request.param)
    db = Database(url)
    await migrate.upgrade(db.engine)
    await db.close()
    yield url


async def _seed(db: Database, members: int, *, started: bool = True) -> tuple[int, list[int]]:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("支部")
        ids: list[int] = []
        for i in range(members):
            tg = await w.account(900_000 + branch * 10_000 + i, f"u{i}", started=started)
            ids.append((await w.member(branch, f"党员{i}", tg_id=tg)).id)
        return branch, ids


async def _enqueue(db: Database, branch_id: int, ids: list[int], key: str) -> int:
    async with db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=branch_id,
            kind="test",
            key=key,
            content={"zh": Content(text="通知")},
            member_ids=ids,
            now=NOW,
        )
    return result.notice_id


async def test_two_concurrent_claimers_never_get_the_same_row(fresh: str) -> None:
    one, two = Database(fresh), Database(fresh)
    try:
        branch_id, ids = await _seed(one, 60)
        await _enqueue(one, branch_id, ids, "claim-test")

        async def claimer(db: Database, token: str) -> list[int]:
            got: list[int] = []
            while True:
                async with db.transaction() as s:
                    rows = await repo.claim_due(s, NOW, 7, token, LEASE)
                if not rows:
                    return got
                got += [r.id for r in rows]
                # Yield long enough that the other claimer's transaction gets its turn.
                await asyncio.sleep(0.01)

        a, b = await asyncio.gather(claimer(one, "a" * 8), claimer(two, "b" * 8))
        assert not set(a) & set(b)
        assert len(a) + len(b) == 60
        assert a and b  # both took part
    finally:
        await one.close()
        await two.close()


async def test_sending_then_lease_expiry_requeues_and_graceful_release(fresh: str) -> None:
    db = Database(fresh)
    try:
        branch_id, ids = await _seed(db, 3)
        await _enqueue(db, branch_id, ids, "lease-test")
        async with db.transaction() as s:
            rows = await repo.claim_due(s, NOW, 10, "tok1", LEASE)
            assert len(rows) == 3
            assert await repo.mark_sending(s, rows[0].id, "tok1", NOW + timedelta(seconds=20))
            assert not await repo.mark_sending(s, rows[1].id, "other", LEASE)
        # Another claimer sees nothing while the leases hold.
        async with db.transaction() as s:
            assert await repo.claim_due(s, NOW, 10, "tok2", LEASE) == []
            # The process "dies"; its claims are given back, its in-flight row waits for the lease.
            assert await repo.release_claims(s, "tok1") == 2
            assert await repo.requeue_expired(s, NOW + timedelta(seconds=10), []) == 0
            assert await repo.requeue_expired(s, NOW + timedelta(seconds=30), []) == 1
        async with db.transaction() as s:
            again = await repo.claim_due(s, NOW + timedelta(seconds=30), 10, "tok2", LEASE)
            assert sorted(r.id for r in again) == sorted(r.id for r in rows)
            assert [r.attempts for r in again if r.id == rows[0].id] == [1]
    finally:
        await db.close()


async def test_enqueue_is_idempotent_and_records_unreachable(fresh: str) -> None:
    db = Database(fresh)
    try:
        branch_id, ids = await _seed(db, 3)
        _, unstarted = await _seed(db, 1, started=False)
        async with db.transaction() as s:
            # A member of another branch is ignored, not queued.
            first = await notices.enqueue_notice(
                s,
                branch_id=branch_id,
                kind="test",
                key="idem",
                content={"zh": Content(text="一")},
                member_ids=ids[:2],
                now=NOW,
            )
            second = await notices.enqueue_notice(
                s,
                branch_id=branch_id,
                kind="test",
                key="idem",
                content={"zh": Content(text="一")},
                member_ids=[*ids, *unstarted],
                now=NOW,
            )
        assert first.notice_id == second.notice_id
        assert (first.added, first.already) == (2, 0)
        assert (second.added, second.already) == (1, 2)
        async with db.transaction() as s:
            rows = list(
                await s.scalars(select(Delivery).where(Delivery.notice_id == first.notice_id))
            )
            assert sorted(r.member_id for r in rows if r.member_id) == sorted(ids)
            assert await notices.cancel_notice(s, "idem", NOW) == 3
            notice = await s.get(Notice, first.notice_id)
            assert notice is not None and notice.status == "cancelled"
    finally:
        await db.close()


async def test_not_started_and_blocked_are_recorded_without_sending(fresh: str) -> None:
    db = Database(fresh)
    try:
        branch_id, ids = await _seed(db, 2, started=False)
        async with db.transaction() as s:
            result = await notices.enqueue_notice(
                s,
                branch_id=branch_id,
                kind="test",
                key="nobody",
                content={"zh": Content(text="一")},
                member_ids=ids,
                now=NOW,
            )
            notice = await s.get(Notice, result.notice_id, populate_existing=True)
            states = set(await s.scalars(select(Delivery.state)))
        assert result.added == 2
        assert notice is not None and notice.status == "done"  # nothing left to send
        assert states == {"not_started"}
    finally:
        await db.close()


async def test_scheduled_rows_wait_for_send_at(fresh: str) -> None:
    db = Database(fresh)
    try:
        branch_id, ids = await _seed(db, 2)
        async with db.transaction() as s:
            await notices.enqueue_notice(
                s,
                branch_id=branch_id,
                kind="test",
                key="later",
                content={"zh": Content(text="一")},
                member_ids=ids,
                now=NOW,
                send_at=NOW + timedelta(hours=2),
            )
        async with db.transaction() as s:
            assert await repo.claim_due(s, NOW + timedelta(hours=1), 10, "t", LEASE) == []
            due = await repo.claim_due(
                s, NOW + timedelta(hours=2), 10, "t", NOW + timedelta(hours=3)
            )
            assert len(due) == 2
            notice = await repo.notice_by_key(s, "later")
            assert notice is not None and notice.status == "sending"
    finally:
        await db.close()


async def test_urgent_rows_are_claimed_before_an_older_broadcast(fresh: str) -> None:
    db = Database(fresh)
    try:
        branch_id, ids = await _seed(db, 40)
        async with db.transaction() as s:
            for kind, key in (("broadcast", "big"), ("meeting_reminder", "soon")):
                await notices.enqueue_notice(
                    s,
                    branch_id=branch_id,
                    kind=kind,
                    key=key,
                    content={"zh": Content(text=key)},
                    member_ids=ids if kind == "broadcast" else ids[:3],
                    now=NOW if kind == "broadcast" else NOW + timedelta(seconds=5),
                )
        later = NOW + timedelta(seconds=10)
        async with db.transaction() as s:
            first = await repo.claim_due(s, later, 5, "tok", LEASE)
            kinds = {
                r.id: (await s.get(Notice, r.notice_id)).kind  # type: ignore[union-attr]
                for r in first
            }
        # The reminder, queued 5 s after 40 broadcast rows, goes out first; then the broadcast.
        assert [kinds[r.id] for r in first] == ["meeting_reminder"] * 3 + ["broadcast"] * 2
        async with db.transaction() as s:
            rest = await repo.claim_due(s, later, 100, "tok", LEASE)
        assert len(rest) == 38
        assert [r.id for r in rest] == sorted(r.id for r in rest)  # oldest first within a class
    finally:
        await db.close()


async def test_the_worker_that_takes_over_takes_back_a_dead_workers_rows_at_once(
    fresh: str,
) -> None:
    """The lock holder is the only sender: it need not wait out a dead worker's leases."""
    db = Database(fresh)
    try:
        branch_id, ids = await _seed(db, 5)
        await _enqueue(db, branch_id, ids, "takeover-test")
        async with db.transaction() as s:
            dead = await repo.claim_due(s, NOW, 3, "dead", LEASE)
            assert await repo.mark_sending(s, dead[0].id, "dead", NOW + timedelta(seconds=20))
            mine = await repo.claim_due(s, NOW, 10, "mine", LEASE)
            assert len(mine) == 2
        async with db.transaction() as s:
            # One row in flight and two claimed by the dead worker; the new worker's own stay.
            assert await repo.reclaim_orphans(s, NOW + timedelta(seconds=1), "mine") == 3
        async with db.transaction() as s:
            again = await repo.claim_due(s, NOW + timedelta(seconds=1), 10, "mine", LEASE)
            assert sorted(r.id for r in again) == sorted(r.id for r in dead)
            assert await repo.reclaim_orphans(s, NOW + timedelta(seconds=2), "mine") == 0
    finally:
        await db.close()
