"""Several processes, one send budget: `partybot run --role web` ×N and `--role worker` on
PostgreSQL, webhooks over the strict sandbox, a broadcast while people write to the web
processes. Figures from the sandbox's record of accepted sends, printed beside their targets.

    .venv/bin/python -m bench.roles [--members 600] [--webs 2] [--writers 10] [--latency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert, select

from bench.broadcast import THINK_S, measure, wait_done
from bench.broadcast_seed import drop_database, new_database
from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.server import SandboxServer
from bot.services.delivery import notices
from storage import migrate
from storage.db import Database
from storage.models.core import Branch, Member, TgUser
from tests.e2e.roles.cluster import cluster

FIRST = 30_000_000
TEXT = "【支部通知】多进程发送测试：请于本周五前交纳党费。"


async def seed(db: Database, server: SandboxServer, n: int, bot_id: int) -> tuple[int, list[int]]:
    state = server.state
    now = datetime.now(UTC)
    for i in range(n):
        state.add_user(f"党员{i:04d}", user_id=FIRST + i).started_bots.add(bot_id)
    stamps = {"created_at": now, "updated_at": now}
    async with db.transaction() as s:
        branch = Branch(name="多进程基准支部", settings={})
        s.add(branch)
        await s.flush()
        await s.execute(
            insert(TgUser),
            [
                {"id": FIRST + i, "first_name": f"党员{i:04d}", "started_at": now, **stamps}
                for i in range(n)
            ],
        )
        await s.execute(
            insert(Member),
            [
                {
                    "branch_id": branch.id,
                    "tg_user_id": FIRST + i,
                    "name": f"党员{i:04d}",
                    "category": "retired",
                    "role": "member",
                    "status": "active",
                    **stamps,
                }
                for i in range(n)
            ],
        )
        ids = list(await s.scalars(select(Member.id).where(Member.branch_id == branch.id)))
    return branch.id, ids


async def writer(
    user: SandboxUser, stop: asyncio.Event, waits: list[float], rng: random.Random
) -> None:
    await asyncio.sleep(rng.uniform(0, THINK_S[1]))
    while not stop.is_set():
        t0 = time.monotonic()
        await user.send("/help")
        try:
            await user.wait_message(contains="使用说明", timeout=60)
            waits.append(time.monotonic() - t0)
        except TimeoutError:
            waits.append(float("inf"))
        await asyncio.sleep(rng.uniform(*THINK_S))


def line(name: str, value: str, target: str, ok: bool) -> None:
    print(f"  {name:<34} {value:>12}   target {target:<14} {'✓' if ok else '✗'}")


async def main(args: argparse.Namespace) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="partybot-roles-"))
    db_url = await new_database(True, tmp)
    db = Database(db_url)
    await migrate.upgrade(db.engine)
    rng = random.Random(7)
    try:
        async with (
            cluster(db_url, tmp, latency_ms=args.latency) as c,
            SandboxClient(c.server.base_url) as client,
        ):
            for _ in range(args.webs):
                await c.spawn("web")
            worker = await c.spawn("worker")
            await c.wait_active(worker)
            await c.spawn("worker")  # the standby
            bot_id = int(c.token.split(":")[0])
            branch_id, member_ids = await seed(db, c.server, args.members, bot_id)
            people = [
                await client.user(f"写信人{i}", user_id=FIRST - 1 - i) for i in range(args.writers)
            ]
            for p in people:
                await p.start()
                await p.wait_message(timeout=60)
            stop, waits = asyncio.Event(), list[float]()
            tasks = [asyncio.create_task(writer(p, stop, waits, rng)) for p in people]
            await asyncio.sleep(THINK_S[1])
            c.server.state.stats.reset()
            async with db.transaction() as s:
                result = await notices.enqueue_notice(
                    s,
                    branch_id=branch_id,
                    kind="broadcast",
                    key=f"bench-roles:{time.time_ns()}",
                    content={"zh": notices.Content(text=TEXT)},
                    member_ids=member_ids,
                    now=datetime.now(UTC),
                )
            await wait_done(db, result.notice_id)
            stop.set()
            await asyncio.gather(*tasks)
            chats = {FIRST + i for i in range(args.members)}
            f = measure(c.server, chats)
            stats = c.server.state.stats
            whole = stats.max_sends_per_second()
            finite = [w for w in waits if w != float("inf")] or [float("inf")]
            p95 = statistics.quantiles(finite, n=20)[18] if len(finite) >= 20 else max(finite)
            print(
                f"\n{args.webs} web + 2 workers (1 active), {args.members} members, "
                f"{args.writers} writers, {args.latency:.0f} ms API latency, strict sandbox"
            )
            line("broadcast rate (msg/s)", f"{f.rate:.1f}", ">= 20", f.rate >= 20)
            line("busiest 1-s window, whole bot", str(whole), "<= 30", whole <= 30)
            n429 = stats.too_many_requests
            line("429 answers", f"{n429} {dict(stats.refusals) or ''}", "0", n429 == 0)
            viol = len(stats.private_chat_violations())
            line("private chats < 1 s apart", str(viol), "0", viol == 0)
            line("lost / duplicated copies", f"{f.lost} / {f.dup}", "0 / 0", not f.lost + f.dup)
            line("replies (web), p50 s", f"{statistics.median(finite):.2f}", "-", True)
            line("replies (web), p95 s", f"{p95:.2f}", "< 2", p95 < 2)
            line("replies answered", str(len(finite)), "-", True)
    finally:
        await db.close()
        await drop_database(db_url)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=600)
    parser.add_argument("--webs", type=int, default=2)
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--latency", type=float, default=50)
    asyncio.run(main(parser.parse_args()))
