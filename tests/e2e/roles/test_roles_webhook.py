"""A web and a worker process on PostgreSQL: the webhook's secret, one effect per update_id,
/health and /metrics."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.roles.cluster import SECRET, SECRET_HEADER, Cluster, Proc, cluster
from tests.said import said

pytestmark = [pytest.mark.postgresql, pytest.mark.timeout(180)]


def _help_update(update_id: int, user_id: int) -> dict[str, Any]:
    person = {"id": user_id, "is_bot": False, "first_name": "重复"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 900_001,
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": "重复"},
            "from": person,
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }


async def _post(c: Cluster, proc: Proc, body: object, headers: dict[str, str]) -> int:
    async with c.http.post(f"{proc.base}/telegram", json=body, headers=headers) as resp:
        return resp.status


async def test_secret_duplicates_health_and_metrics(pg_url: str, tmp_path: Path) -> None:
    async with cluster(pg_url, tmp_path) as c:
        web_a = await c.spawn("web")
        web_b = await c.spawn("web")
        worker = await c.spawn("worker")
        await c.wait_active(worker)

        # The sandbox delivers through the balancer with the secret: a person is answered.
        from bot.sandbox.client import SandboxClient

        async with SandboxClient(c.server.base_url) as people:
            who = await people.user("访客", user_id=88_000_001)
            await who.start()
            await who.wait_message()

            update = _help_update(2_000_000_001, who.id)
            # No header, a wrong one, one a byte short: refused before anything is read.
            assert await _post(c, web_a, update, {}) == 403
            assert await _post(c, web_a, update, {SECRET_HEADER: SECRET + "x"}) == 403
            assert await _post(c, web_b, update, {SECRET_HEADER: SECRET[:-1]}) == 403
            # The right secret with something that is not an update: refused, nothing breaks.
            assert await _post(c, web_a, [1, 2], {SECRET_HEADER: SECRET}) == 400
            # The same update to both processes, twice each: one reply.
            for proc in (web_a, web_b, web_a, web_b):
                assert await _post(c, proc, update, {SECRET_HEADER: SECRET}) == 200
            await who.wait_message(contains=said("help.member"))
            await _settle(c)
            helps = [m for m in await who.messages() if said("help.member").search(m.body)]
            assert len(helps) == 1

        health = await c.health(web_a)
        assert health["role"] == "web" and health["database"] == "ok"
        assert health["worker_lock"]["this_process"] is False
        assert "partybot-worker" in (health["worker_lock"]["held_by"] or "")
        assert health["outbox"]["queued"] == 0
        mine = await c.health(worker)
        assert mine["worker_lock"]["this_process"] is True

        async with c.http.get(f"{web_b.base}/metrics") as resp:
            assert resp.status == 200
            text = await resp.text()
        for name in (
            "partybot_updates_handled_total",
            "partybot_updates_duplicate_total",
            "partybot_handler_seconds_bucket",
            "partybot_outbox_queued",
            "partybot_outbox_lag_seconds",
            "partybot_retry_after_total",
            "partybot_bot_api_calls_total",
        ):
            assert name in text, name
        duplicates = sum(
            _value(t, "partybot_updates_duplicate_total") for t in [text, await _metrics(c, web_a)]
        )
        assert duplicates == 3
        async with c.http.get(f"{worker.base}/metrics") as resp:
            text = await resp.text()
        assert "partybot_worker_active 1.0" in text
        assert "partybot_job_runs_total" in text


async def _metrics(c: Cluster, proc: Proc) -> str:
    async with c.http.get(f"{proc.base}/metrics") as resp:
        return await resp.text()


def _value(text: str, name: str) -> float:
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[1])
    return 0.0


async def _settle(c: Cluster) -> None:
    import asyncio

    await asyncio.sleep(1.0)  # a second reply, if any, would have come by now
