"""Broadcast benchmark on the sandbox in strict per-chat mode, beside bare PTB, in one run.

    .venv/bin/python -m bench.broadcast [--members 2000] [--rows broadcast,writers,kills]
                                        [--latencies 0,50,150] [--writers 3,10,30] [--kills 10]

Rows (see bench/README.md): a broadcast to every member at each latency by the project's bot,
a bare PTB bot with a smooth 29/s pacer and a bare PTB bot behind AIORateLimiter; the project's
broadcast while 3 / 10 / 30 members write /help; the project's broadcast while its process is
killed with SIGKILL and restarted. Each figure is printed beside its target.
`python -m bench.broadcast bot|bare ...` are the bot subprocesses (bench/broadcast_bots.py).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import importlib.util
import json
import logging
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench import broadcast_bots
from bench.broadcast_seed import World, drop_database, new_database, seed, wait_writers
from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.server import SandboxServer
from bot.services.delivery import notices
from storage import migrate
from storage.db import Database
from storage.models.delivery import Delivery

BOT_ID = 7_300_001
# PTB's AIORateLimiter needs aiolimiter (pip install 'python-telegram-bot[rate-limiter]').
BARE_MODES = ("pacer", "aiorl") if importlib.util.find_spec("aiolimiter") else ("pacer",)
BARE_IDS = {"pacer": 7_300_002, "aiorl": 7_300_003}
ROOT = Path(__file__).parent.parent
TEXT = broadcast_bots.TEXT
# A writer sends /help, waits for the answer, thinks 2-6 s and writes again: 3 writers make
# about 0.7 messages a second, 10 about 2.4, 30 about 7 (what the targets leave room for).
THINK_S = (2.0, 6.0)
WRITER_TARGETS = {3: 26.0, 10: 24.0, 30: 20.0}


@dataclass
class Figures:
    """One row's measurements, from the sandbox's own record of accepted sends."""

    rate: float = 0.0
    sent: int = 0
    seconds: float = 0.0
    too_many: int = 0
    max_window: int = 0
    lost: int = 0
    dup: int = 0
    refusals: dict[str, int] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


def measure(server: SandboxServer, chats: set[int]) -> Figures:
    stats = server.state.stats
    times = sorted(s.t for s in stats.sends if s.chat_id in chats)
    counts = [stats.messages_per_chat.get(c, 0) for c in chats]
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return Figures(
        rate=(len(times) - 1) / span if span else 0.0,
        sent=len(times),
        seconds=span,
        too_many=stats.too_many_requests,
        max_window=stats.max_sends_per_second(),
        lost=sum(1 for c in counts if c == 0),
        dup=sum(c - 1 for c in counts if c > 1),
        refusals=dict(stats.refusals),
    )


def spawn(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    out = log.open("ab")
    cmd = [sys.executable, "-m", "bench.broadcast", *args]
    return subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)


def spawn_bot(db_url: str, server: SandboxServer, log: Path) -> subprocess.Popen[bytes]:
    token = server.make_token(BOT_ID, "bench_bot")
    return spawn(
        ["bot", "--db", db_url, "--api", server.bot_api_url, "--files", server.file_url,
         "--token", token],
        log,
    )  # fmt: skip


async def bare_broadcast(server: SandboxServer, world: World, mode: str) -> Figures:
    server.state.stats.reset()
    server.state.limiter.reset()
    token = server.make_token(BARE_IDS[mode], f"bare_{mode}_bot")
    cmd = [
        sys.executable, "-m", "bench.broadcast", "bare", "--mode", mode,
        "--api", server.bot_api_url, "--token", token,
        "--first", str(world.first_chat), "--count", str(len(world.member_chats)),
    ]  # fmt: skip
    proc = await asyncio.create_subprocess_exec(
        *cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    out, err = await proc.communicate()
    lines = out.decode().strip().splitlines()
    if proc.returncode or not lines:
        raise RuntimeError(f"the bare {mode} bot failed:\n{err.decode()[-2000:]}")
    figures = measure(server, world.member_chats)
    figures.extra = json.loads(lines[-1])
    return figures


async def pending_rows(db: Database, notice_id: int, state: tuple[str, ...]) -> int:
    async with db.transaction() as s:
        n = await s.scalar(
            select(func.count()).where(Delivery.notice_id == notice_id, Delivery.state.in_(state))
        )
    return int(n or 0)


async def sending_by_claim(db: Database, notice_id: int) -> dict[str, int]:
    async with db.transaction() as s:
        rows = await s.execute(
            select(Delivery.claim, func.count())
            .where(Delivery.notice_id == notice_id, Delivery.state == "sending")
            .group_by(Delivery.claim)
        )
        return {str(token): int(n) for token, n in rows}


async def wait_done(db: Database, notice_id: int, limit_s: float = 900) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if not await pending_rows(db, notice_id, ("queued", "sending")):
            return
        await asyncio.sleep(0.5)


async def enqueue(db: Database, world: World, text: str) -> int:
    async with db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=world.branch_id,
            kind="broadcast",
            key=f"bench:{uuid.uuid4().hex}",
            content={"zh": notices.Content(text=text)},
            member_ids=world.member_ids,
            now=datetime.now(UTC),
            ack=True,
        )
    return result.notice_id


async def project_broadcast(db: Database, server: SandboxServer, world: World) -> Figures:
    server.state.stats.reset()
    server.state.limiter.reset()
    notice_id = await enqueue(db, world, TEXT)
    await wait_done(db, notice_id)
    return measure(server, world.member_chats)


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


async def loop_lag(stop: asyncio.Event, lags: list[float]) -> None:
    """How late this process's event loop (the sandbox's) wakes: its own share of jitter."""
    while not stop.is_set():
        t0 = time.monotonic()
        await asyncio.sleep(0.01)
        lags.append(time.monotonic() - t0 - 0.01)


async def with_writers(
    db: Database, server: SandboxServer, world: World, n: int, rng: random.Random
) -> Figures:
    stop = asyncio.Event()
    waits: list[float] = []
    lags: list[float] = []
    tasks = [asyncio.create_task(writer(u, stop, waits, rng)) for u in world.writers[:n]]
    tasks.append(asyncio.create_task(loop_lag(stop, lags)))
    await asyncio.sleep(THINK_S[1])  # every writer has started before the broadcast does
    figures = await project_broadcast(db, server, world)
    stop.set()
    await asyncio.gather(*tasks)
    figures.extra = {
        "replies": len(waits),
        "p95": statistics.quantiles(waits, n=20)[18] if len(waits) >= 20 else max(waits),
        "p50": statistics.median(waits),
        "per_s": len(waits) / figures.seconds if figures.seconds else 0.0,
        "lag_p99": statistics.quantiles(lags, n=100)[98] if len(lags) >= 100 else max(lags),
        "lag_max": max(lags),
    }
    return figures


async def with_kills(
    db: Database,
    server: SandboxServer,
    world: World,
    bots: list[subprocess.Popen[bytes]],
    db_url: str,
    log: Path,
    kills: int,
    rng: random.Random,
) -> Figures:
    server.state.stats.reset()
    server.state.limiter.reset()
    notice_id = await enqueue(db, world, "【支部通知】党费收缴提醒：请于本月底前交纳本季度党费。")
    windows: list[int] = []
    seen: set[str] = set()
    t0 = time.monotonic()
    for _ in range(kills):
        await asyncio.sleep(rng.uniform(1.5, 6.0))
        bots[0].send_signal(signal.SIGKILL)
        bots[0].wait()
        # What the dead process left `sending` (its claim token; earlier dead processes' rows
        # wait for their leases too): the most it can have sent twice.
        left = await sending_by_claim(db, notice_id)
        windows.append(sum(n for token, n in left.items() if token not in seen))
        seen.update(left)
        bots[0] = spawn_bot(db_url, server, log)
    await wait_done(db, notice_id)
    figures = measure(server, world.member_chats)
    figures.extra = {"windows": windows, "seconds_total": time.monotonic() - t0}
    return figures


def csv_ints(raw: str) -> list[int]:
    return [int(x) for x in raw.split(",") if x.strip()]


async def main(args: argparse.Namespace) -> None:
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    rng = random.Random(args.seed)
    rows = set(args.rows.split(","))
    writers = csv_ints(args.writers) if "writers" in rows else []
    tmp = Path(tempfile.mkdtemp(prefix="partybot-bench-"))
    log = tmp / "bot.log"
    server = SandboxServer(strict_limits=True, webchat=False)
    await server.start()
    client = SandboxClient(server.base_url)
    db_url = await new_database(args.pg, tmp)
    db = Database(db_url)
    await migrate.upgrade(db.engine)
    bot_ids = [BOT_ID, *BARE_IDS.values()]
    world = await seed(db, server, client, args.members, max(writers, default=0), bot_ids)
    # The sandbox stands in for Telegram's servers: keep its garbage collector from pausing
    # its event loop for tens of milliseconds (which bunches sends it then counts as one burst).
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)
    bots = [spawn_bot(db_url, server, log)]
    results: dict[str, Any] = {}
    try:
        await wait_writers(world)
        print(f"bot log: {log}", flush=True)
        if "broadcast" in rows:
            for ms in csv_ints(args.latencies):
                await client.set_limits(latency_ms=ms)
                for mode in BARE_MODES:
                    results[f"{mode}@{ms}"] = await bare_broadcast(server, world, mode)
                    report_line(f"bare PTB {mode} @ {ms} ms", results[f"{mode}@{ms}"])
                results[f"bot@{ms}"] = await project_broadcast(db, server, world)
                report_broadcast(ms, results)
        await client.set_limits(latency_ms=args.latency)
        for n in writers:
            results[f"writers{n}"] = await with_writers(db, server, world, n, rng)
            report_writers(n, args.latency, results[f"writers{n}"])
        if "kills" in rows:
            results["kills"] = await with_kills(
                db, server, world, bots, db_url, log, args.kills, rng
            )
            report_kills(args.latency, results["kills"])
    finally:
        bots[0].send_signal(signal.SIGTERM)
        try:
            bots[0].wait(20)
        except subprocess.TimeoutExpired:
            bots[0].kill()
        await client.close()
        await server.stop()
        await db.close()
        await drop_database(db_url)


def report_line(name: str, f: Figures) -> None:
    print(
        f"  {name:<28} {f.rate:6.2f} msg/s  {f.sent} in {f.seconds:.1f} s,"
        f" {f.too_many} × 429 {f.refusals or ''},"
        f" max 1-s window {f.max_window}, lost {f.lost}, duplicated {f.dup}",
        flush=True,
    )


def _ok(good: bool) -> str:
    return "✓" if good else "✗"


def report_broadcast(ms: int, results: dict[str, Any]) -> None:
    bot, bare = results[f"bot@{ms}"], results[f"pacer@{ms}"]
    ratio = bot.rate / bare.rate if bare.rate else 0.0
    report_line(f"this bot @ {ms} ms", bot)
    print(
        f"  → broadcast of {bot.sent} @ {ms} ms: {bot.rate:.2f} msg/s = {ratio:.2f} × bare 29/s"
        f" pacer (target ≥ 0.95 {_ok(ratio >= 0.95)}); 429s {bot.too_many} (target 0"
        f" {_ok(bot.too_many == 0)}); max 1-s window {bot.max_window} (target ≤ 30"
        f" {_ok(bot.max_window <= 30)}); lost {bot.lost} {_ok(bot.lost == 0)}",
        flush=True,
    )


def report_writers(n: int, ms: float, f: Figures) -> None:
    target = WRITER_TARGETS.get(n, 20.0)
    p95 = f.extra["p95"]
    print(
        f"  → {n} members writing /help @ {ms:.0f} ms: broadcast {f.rate:.2f} msg/s (target ≥"
        f" {target:.0f} {_ok(f.rate >= target)}); 429s {f.too_many} (target 0"
        f" {_ok(f.too_many == 0)} {f.refusals or ''}); replies p95 {p95:.2f} s (target < 2"
        f" {_ok(p95 < 2)}), p50"
        f" {f.extra['p50']:.2f} s, {f.extra['replies']} replies ({f.extra['per_s']:.1f}/s);"
        f" max 1-s window {f.max_window}; lost {f.lost}, duplicated {f.dup}; sandbox loop lag"
        f" p99 {f.extra['lag_p99'] * 1000:.0f} ms, max {f.extra['lag_max'] * 1000:.0f} ms",
        flush=True,
    )


def report_kills(ms: float, f: Figures) -> None:
    windows = f.extra["windows"]
    allowed = sum(windows)
    print(
        f"  → {len(windows)} × kill -9 @ {ms:.0f} ms: lost {f.lost} (target 0 {_ok(f.lost == 0)});"
        f" duplicated {f.dup} (target ≤ the in-flight window per kill: {allowed} in all,"
        f" {_ok(f.dup <= allowed)}); in flight at each kill {windows} (max {max(windows)});"
        f" 429s {f.too_many}; max 1-s window {f.max_window}",
        flush=True,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast", description=__doc__)
    sub = parser.add_subparsers(dest="role")
    broadcast_bots.add_parsers(sub)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--rows", default="broadcast,writers,kills")
    parser.add_argument("--latencies", default="0,50,150", help="ms, for the broadcast rows")
    parser.add_argument("--latency", type=float, default=50, help="ms, for writers and kills")
    parser.add_argument("--writers", default="3,10,30")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--pg", action="store_true", help="use a fresh PostgreSQL database")
    parser.add_argument("--seed", type=int, default=None)
    return parser


if __name__ == "__main__":
    arguments = _parser().parse_args()
    if arguments.role == "bot":
        asyncio.run(broadcast_bots.run_bot(arguments))
    elif arguments.role == "bare":
        asyncio.run(broadcast_bots.run_bare(arguments))
    else:
        asyncio.run(main(arguments))
