"""Broadcast benchmark: 2,000 members, the sandbox enforcing Telegram's flood limits.

    .venv/bin/python -m bench.broadcast [--members 2000] [--kills 10] [--pg]

Phase 1: a secretary broadcasts through the sandbox (/broadcast → text → 下一步 → 立即发送) while
a member sends /help every 0.5 s; prints the sustained rate, the busiest 1-s window, 429s and the
reply latency. Then the same size again with nobody writing, and a meeting reminder queued
10 s in that must overtake it. Phase 2: a second notice to everyone while the bot (a
subprocess) is killed with SIGKILL at random moments and restarted; prints lost and
duplicated copies.

`python -m bench.broadcast bot ...` is the bot subprocess itself.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy import func, insert, select, update

from bot.sandbox.client import SandboxClient, SandboxUser
from bot.sandbox.server import SandboxServer
from bot.services import notices
from storage import migrate
from storage.db import Database
from storage.models.core import Branch, Member, PartyGroup, TgUser
from storage.models.delivery import Delivery, Notice

PG_ADMIN = os.environ.get("TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
BOT_ID = 7_300_001
TEXT = "【支部通知】本周六上午九点在社区活动室召开支部党员大会，请准时参加。"
QUIET_TEXT = "【支部通知】下周二下午两点开展主题党日活动。"
# Members taking turns to send a command every PROBE_EVERY_S: Telegram allows ~1 message/s to one
# private chat, so one person writing twice a second cannot get every reply within 1 s.
PROBE_PEOPLE = 5
PROBE_EVERY_S = 0.5
URGENT_TEXT = "【会议提醒】支部党员大会还有 1小时 开始。"
URGENT_AFTER_S = 10
URGENT_PEOPLE = 10
KILL_TEXT = "【支部通知】党费收缴提醒：请于本月底前交纳本季度党费。"


# --- the bot subprocess --------------------------------------------------------------------


async def run_bot(args: argparse.Namespace) -> None:
    """The real application against the sandbox, with the delivery sender running."""
    import jobs.delivery
    from bot.app import build_application
    from bot.config import Settings
    from bot.logs import setup_logging
    from bot.runner import install_signal_handlers, serve

    setup_logging("WARNING")
    settings = Settings(
        database_url=args.db,
        bot_api_base_url=args.api,
        bot_api_base_file_url=args.files,
        bot_token=None,
    )
    app = build_application(settings, token=args.token, poll_timeout=10)
    original_stop = app.post_stop

    async def post_stop(a: Any) -> None:
        await jobs.delivery.stop(a)
        if original_stop is not None:
            await original_stop(a)

    app.post_stop = post_stop
    stop, started = asyncio.Event(), asyncio.Event()
    install_signal_handlers(stop)
    task = asyncio.create_task(serve(app, stop, poll_timeout=10, started=started))
    await started.wait()
    # Idempotent: a no-op once jobs/__init__.py starts the sender in post_init.
    await jobs.delivery.start(app)
    await task


# --- the driver ----------------------------------------------------------------------------


@dataclass
class World:
    branch_id: int
    member_ids: list[int]
    member_chats: set[int]
    secretary: SandboxUser
    testers: list[SandboxUser]


async def new_database(pg: bool, tmp: Path) -> str:
    if not pg:
        return f"sqlite+aiosqlite:///{tmp / 'bench.sqlite3'}"
    name = f"partybot_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_ADMIN)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + "/" + name


async def seed(db: Database, server: SandboxServer, client: SandboxClient, n: int) -> World:
    """One branch, n started members (sandbox users made directly), a secretary and a tester."""
    state = server.state
    bot = state.bot_from_token(server.make_token(BOT_ID, "bench_bot"))
    now = datetime.now(UTC)
    first = 20_000_000
    for i in range(n):
        user = state.add_user(f"党员{i:04d}", user_id=first + i)
        user.started_bots.add(bot.id)
    secretary = await client.user("书记", user_id=first - 1, bot_username="bench_bot")
    testers = [
        await client.user(f"测试员{i}", user_id=first - 2 - i, bot_username="bench_bot")
        for i in range(PROBE_PEOPLE)
    ]
    async with db.transaction() as s:
        branch = Branch(name="基准测试支部", settings={})
        s.add(branch)
        await s.flush()
        group = PartyGroup(branch_id=branch.id, name="第一党小组")
        s.add(group)
        await s.flush()
        tg_rows = [
            {
                "id": first + i,
                "first_name": f"党员{i:04d}",
                "started_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(n)
        ]
        await s.execute(insert(TgUser), tg_rows)
        rows = [
            {
                "branch_id": branch.id,
                "group_id": group.id,
                "tg_user_id": first + i,
                "name": f"党员{i:04d}",
                "category": "retired",
                "role": "member",
                "status": "active",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(n)
        ]
        await s.execute(insert(Member), rows)
        s.add(
            Member(
                branch_id=branch.id,
                name="书记",
                category="retired",
                role="secretary",
                status="active",
                created_at=now,
                updated_at=now,
            )
        )
        await s.flush()
        ids = list(
            await s.scalars(
                select(Member.id)
                .where(Member.branch_id == branch.id, Member.role == "member")
                .order_by(Member.id)  # member i has chat first + i
            )
        )
    return World(branch.id, ids, {first + i for i in range(n)}, secretary, testers)


def spawn_bot(db_url: str, server: SandboxServer, log: Path) -> subprocess.Popen[bytes]:
    cmd = [
        sys.executable,
        "-m",
        "bench.broadcast",
        "bot",
        "--db",
        db_url,
        "--api",
        server.bot_api_url,
        "--files",
        server.file_url,
        "--token",
        server.make_token(BOT_ID, "bench_bot"),
    ]
    out = log.open("ab")
    return subprocess.Popen(
        cmd, stdout=out, stderr=subprocess.STDOUT, cwd=Path(__file__).parent.parent
    )


async def bind_secretary(db: Database, world: World) -> None:
    async with db.transaction() as s:
        await s.execute(
            update(TgUser)
            .where(TgUser.id == world.secretary.id)
            .values(started_at=datetime.now(UTC))
        )
        sec = await s.scalar(
            select(Member).where(Member.branch_id == world.branch_id, Member.role == "secretary")
        )
        assert sec is not None
        sec.tg_user_id = world.secretary.id


async def wait_ready(user: SandboxUser, timeout: float = 60) -> None:  # noqa: ASYNC109
    deadline = time.monotonic() + timeout
    await user.start()
    while True:
        try:
            await user.wait_message(timeout=5)
            return
        except TimeoutError:
            if time.monotonic() > deadline:
                raise


async def probe(users: list[SandboxUser], done: asyncio.Event, latencies: list[float]) -> None:
    """Members take turns to send /help, one command every PROBE_EVERY_S; each answer is timed."""

    async def one(user: SandboxUser) -> None:
        t0 = time.monotonic()
        await user.send("/help")
        await user.wait_message(contains="使用说明", timeout=30)
        latencies.append(time.monotonic() - t0)

    turn = 0
    running: set[asyncio.Task[None]] = set()
    while not done.is_set():
        task = asyncio.create_task(one(users[turn % len(users)]))
        running.add(task)
        task.add_done_callback(running.discard)
        turn += 1
        await asyncio.sleep(PROBE_EVERY_S)
    if running:
        await asyncio.gather(*running)


async def pending_rows(db: Database, notice_id: int) -> int:
    async with db.transaction() as s:
        n = await s.scalar(
            select(func.count()).where(
                Delivery.notice_id == notice_id, Delivery.state.in_(("queued", "sending"))
            )
        )
    return int(n or 0)


async def wait_done(db: Database, notice_id: int, limit_s: float = 900) -> None:
    """Until nothing of the notice is queued or in flight (or the time limit passes)."""
    for _ in range(int(limit_s)):
        if not await pending_rows(db, notice_id):
            return
        await asyncio.sleep(1)


async def phase_one(db: Database, server: SandboxServer, world: World) -> dict[str, Any]:
    sec = world.secretary
    await sec.send("/broadcast")
    await sec.wait_message(contains="发通知", timeout=30)
    await sec.send(TEXT)
    await sec.wait_message(contains="发给谁", timeout=30)
    await sec.press("下一步", timeout=30)
    await sec.wait_message(contains="确认发送", timeout=30)
    server.state.stats.reset()
    done = asyncio.Event()
    latencies: list[float] = []
    prober = asyncio.create_task(probe(world.testers, done, latencies))
    await sec.press("立即发送", timeout=30)
    async with db.transaction() as s:
        notice_id = await s.scalar(select(func.max(Notice.id)))
    assert notice_id is not None
    await wait_done(db, notice_id)
    done.set()
    await prober
    report = await sec.wait_message(contains="发送报告", timeout=30)
    figures = measure(server, world)
    figures.update(
        p95=statistics.quantiles(latencies, n=20)[18] if len(latencies) >= 20 else max(latencies),
        p50=statistics.median(latencies),
        probes=len(latencies),
        report=report.body,
    )
    return figures


def measure(
    server: SandboxServer, world: World, extra: frozenset[int] | set[int] = frozenset()
) -> dict[str, Any]:
    """Rates from the sandbox's accepted sends since the last stats reset.

    Chats in `extra` were also sent one other notice: one more copy there is expected.
    """
    stats = server.state.stats
    bulk = sorted(s.t for s in stats.sends if s.chat_id in world.member_chats)
    first, last = bulk[0], bulk[-1]
    every = [s.t for s in stats.sends if first <= s.t <= last]
    span = last - first
    counts = [stats.messages_per_chat.get(c, 0) - (c in extra) for c in world.member_chats]
    return {
        "sent": len(bulk) - len(extra),
        "rate": (len(every) - 1) / span if span else 0.0,
        "bulk_rate": (len(bulk) - 1) / span if span else 0.0,
        "seconds": span,
        "max_window": stats.max_sends_per_second(),
        "too_many": stats.too_many_requests,
        "private_violations": sum(stats.private_chat_violations().values()),
        "lost": sum(1 for c in counts if c == 0),
        "dup": sum(c - 1 for c in counts if c > 1),
    }


async def phase_quiet(db: Database, server: SandboxServer, world: World) -> dict[str, Any]:
    """The same size of notice through the service layer, with nobody writing to the bot.

    URGENT_AFTER_S into it, a meeting reminder is queued for the members the broadcast
    reaches last: it must overtake the broadcast, not wait its turn.
    """
    server.state.stats.reset()
    async with db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=world.branch_id,
            kind="broadcast",
            key=f"bench:quiet:{uuid.uuid4().hex}",
            content={"zh": notices.Content(text=QUIET_TEXT)},
            member_ids=world.member_ids,
            now=datetime.now(UTC),
            ack=True,
        )
    await asyncio.sleep(URGENT_AFTER_S)
    urgent_members = world.member_ids[-URGENT_PEOPLE:]
    urgent_chats = set(sorted(world.member_chats)[-URGENT_PEOPLE:])
    queued_at = datetime.now(UTC)
    async with db.transaction() as s:
        urgent = await notices.enqueue_notice(
            s,
            branch_id=world.branch_id,
            kind="meeting_reminder",
            key=f"bench:urgent:{uuid.uuid4().hex}",
            content={"zh": notices.Content(text=URGENT_TEXT)},
            member_ids=urgent_members,
            now=queued_at,
        )
    await wait_done(db, urgent.notice_id)
    async with db.transaction() as s:
        sent_at = list(
            await s.scalars(select(Delivery.sent_at).where(Delivery.notice_id == urgent.notice_id))
        )
    await wait_done(db, result.notice_id)
    figures = measure(server, world, extra=urgent_chats)
    # When the reminder itself was sent (its own delivery rows), not the first message to the chat.
    figures["urgent_s"] = max(
        (at - queued_at).total_seconds() if at is not None else float("inf") for at in sent_at
    )
    figures["urgent_people"] = len(urgent_chats)
    return figures


async def phase_two(
    db: Database,
    server: SandboxServer,
    world: World,
    bot: subprocess.Popen[bytes],
    db_url: str,
    log: Path,
    kills: int,
    rng: random.Random,
) -> tuple[dict[str, Any], subprocess.Popen[bytes]]:
    server.state.stats.reset()
    async with db.transaction() as s:
        result = await notices.enqueue_notice(
            s,
            branch_id=world.branch_id,
            kind="bench",
            key=f"bench:kill:{uuid.uuid4().hex}",
            content={"zh": notices.Content(text=KILL_TEXT)},
            member_ids=world.member_ids,
            now=datetime.now(UTC),
            ack=True,
        )
    t0 = time.monotonic()
    for _ in range(kills):
        await asyncio.sleep(rng.uniform(1.5, 6.0))
        bot.send_signal(signal.SIGKILL)
        bot.wait()
        bot = spawn_bot(db_url, server, log)
    await wait_done(db, result.notice_id)
    counts = [server.state.stats.messages_per_chat.get(c, 0) for c in world.member_chats]
    return {
        "kills": kills,
        "seconds": time.monotonic() - t0,
        "lost": sum(1 for c in counts if c == 0),
        "dup": sum(c - 1 for c in counts if c > 1),
        "too_many": server.state.stats.too_many_requests,
        "max_window": server.state.stats.max_sends_per_second(),
    }, bot


async def drop_database(db_url: str) -> None:
    if not db_url.startswith("postgresql"):
        return
    conn = await asyncpg.connect(PG_ADMIN)
    await conn.execute(f'DROP DATABASE IF EXISTS "{db_url.rsplit("/", 1)[1]}" WITH (FORCE)')
    await conn.close()


async def main(args: argparse.Namespace) -> None:
    # A killed bot leaves requests half-read; the sandbox would log each one as an error.
    logging.getLogger("aiohttp.server").setLevel(logging.CRITICAL)
    rng = random.Random(args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="partybot-bench-"))
    log = tmp / "bot.log"
    server = SandboxServer(enforce_limits=True, webchat=False)
    await server.start()
    client = SandboxClient(server.base_url)
    db_url = await new_database(args.pg, tmp)
    db = Database(db_url)
    await migrate.upgrade(db.engine)
    world = await seed(db, server, client, args.members)
    bot = spawn_bot(db_url, server, log)
    try:
        await wait_ready(world.secretary)
        await bind_secretary(db, world)
        for tester in world.testers:
            await wait_ready(tester)
        one = await phase_one(db, server, world)
        quiet = await phase_quiet(db, server, world)
        two, bot = await phase_two(db, server, world, bot, db_url, log, args.kills, rng)
    finally:
        bot.send_signal(signal.SIGTERM)
        try:
            bot.wait(20)
        except subprocess.TimeoutExpired:
            bot.kill()
        await client.close()
        await server.stop()
        await db.close()
        await drop_database(db_url)
    print_figures(args, one, quiet, two, log)


def print_figures(
    args: argparse.Namespace,
    one: dict[str, Any],
    quiet: dict[str, Any],
    two: dict[str, Any],
    log: Path,
) -> None:
    backend = "postgresql" if args.pg else "sqlite"
    print(f"broadcast benchmark: {args.members} members, {backend}, sandbox limits enforced")
    print(
        f"secretary's /broadcast, {PROBE_PEOPLE} members taking turns to send /help every "
        f"{PROBE_EVERY_S} s:"
    )
    print(
        f"  messages/s (all sends)      {one['rate']:.2f}  (broadcast alone {one['bulk_rate']:.2f};"
        f" {one['sent']} in {one['seconds']:.1f} s)"
    )
    print(f"  max per 1-s window          {one['max_window']}")
    print(f"  429 answers                 {one['too_many']}")
    print(
        f"  private-chat bursts         {one['private_violations']} sends < 1 s after the last"
        f" to the same chat (allowed burst: 3 per 3 s)"
    )
    print(
        f"  interactive p95 / p50       {one['p95'] * 1000:.0f} ms / {one['p50'] * 1000:.0f} ms"
        f"  ({one['probes']} commands)"
    )
    print(f"  lost / duplicated           {one['lost']} / {one['dup']}")
    print("same size through the service layer, nobody writing:")
    print(
        f"  messages/s                  {quiet['rate']:.2f}  ({quiet['sent']} in"
        f" {quiet['seconds']:.1f} s)"
    )
    print(f"  max per 1-s window / 429    {quiet['max_window']} / {quiet['too_many']}")
    print(
        f"  reminder queued {URGENT_AFTER_S} s in     reached all {quiet['urgent_people']} in"
        f" {quiet['urgent_s']:.1f} s (the broadcast reached them after {quiet['seconds']:.0f} s)"
    )
    print(f"  lost / duplicated           {quiet['lost']} / {quiet['dup']}")
    print(f"kill -9 phase: {two['kills']} kills in {two['seconds']:.1f} s")
    print(f"  lost                        {two['lost']}")
    print(f"  duplicated                  {two['dup']}  (allowed: {two['kills']})")
    print(f"  429 answers / max window    {two['too_many']} / {two['max_window']}")
    print(f"  bot log                     {log}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.broadcast", description=__doc__)
    sub = parser.add_subparsers(dest="role")
    bot = sub.add_parser("bot", help="(internal) run the bot subprocess")
    for name in ("--db", "--api", "--files", "--token"):
        bot.add_argument(name, required=True)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--pg", action="store_true", help="use a fresh PostgreSQL database")
    parser.add_argument("--seed", type=int, default=None)
    return parser


if __name__ == "__main__":
    arguments = _parser().parse_args()
    asyncio.run(run_bot(arguments) if arguments.role == "bot" else main(arguments))
