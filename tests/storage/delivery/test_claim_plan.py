"""The sender's claim reads only the rows it returns (PostgreSQL's plan, on stale statistics)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from storage import migrate
from storage.db import Database
from storage.repos import delivery as repo
from tests.conftest import BACKENDS, DatabaseFactory

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
HISTORY, QUEUED = 6000, 3000


@pytest.fixture(params=[b for b in BACKENDS if b != "sqlite"])
async def pg(
    request: pytest.FixtureRequest, db_factory: DatabaseFactory
) -> AsyncIterator[Database]:
    db = Database(await db_factory.new_url(request.param))
    await migrate.upgrade(db.engine)
    yield db
    await db.close()


async def _rows(db: Database, n: int, state: str, first_id: int) -> None:
    async with db.transaction() as s:
        await s.execute(
            text(
                "INSERT INTO deliveries (notice_id, chat_id, lang, state, attempts,"
                " next_attempt_at, priority, created_at)"
                " SELECT 1 + i % 20, :base + i, 'zh', :state, 0,"
                " CAST(:now AS timestamptz) - make_interval(secs => i), (i % 3)::smallint, :now"
                " FROM generate_series(1, :n) AS i"
            ),
            {"base": first_id, "state": state, "now": NOW, "n": n},
        )


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    found = [plan]
    for child in plan.get("Plans", []):
        found += _nodes(child)
    return found


async def test_claim_reads_only_what_it_returns(pg: Database) -> None:
    async with pg.transaction() as s:
        await s.execute(text("INSERT INTO branches (name, settings, timezone, created_at,"
                             " updated_at) VALUES ('支部', '{}', 'Asia/Shanghai', :t, :t)"),
                        {"t": NOW})  # fmt: skip
        await s.execute(
            text(
                "INSERT INTO notices (branch_id, kind, key, content, ack, audience, status,"
                " meta, created_at, updated_at) SELECT 1, 'broadcast', 'k' || i, '{}', false,"
                " '{}', 'sending', '{}', :t, :t FROM generate_series(1, 20) AS i"
            ),
            {"t": NOW},
        )
    await _rows(pg, HISTORY, "sent", 0)
    async with pg.engine.connect() as conn:  # statistics from before the burst: none queued
        await conn.execute(text("ANALYZE deliveries"))
        await conn.commit()
    await _rows(pg, QUEUED, "queued", HISTORY)

    seen: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, sql: str, params: Any, _ctx: Any, _many: bool) -> None:
        seen.append((sql, params))

    event.listen(pg.engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with pg.sessions() as s:
            claimed = await repo.claim_due(s, NOW, 32, "tok", NOW + timedelta(minutes=1))
            await s.rollback()
    finally:
        event.remove(pg.engine.sync_engine, "before_cursor_execute", capture)
    assert len(claimed) == 32
    claims = [(sql, params) for sql, params in seen if "UPDATE deliveries" in sql]
    assert len(claims) == 1  # the urgent level alone fills the batch

    sql, params = claims[0]
    async with pg.engine.connect() as conn:  # ANALYZE runs it: rolled back on close
        raw = await conn.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = raw.scalar_one()
    nodes = _nodes((json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"])
    reads = [
        n for n in nodes if n.get("Relation Name") == "deliveries" and "Scan" in n["Node Type"]
    ]
    picking = [n for n in reads if n.get("Index Name") == "ix_deliveries_queued_claim"]
    assert picking, [(n["Node Type"], n.get("Index Name")) for n in reads]
    assert picking[0]["Actual Rows"] == 32 and "Sort" not in {n["Node Type"] for n in nodes}
    assert all(n["Node Type"] != "Seq Scan" for n in reads)
