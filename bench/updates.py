"""Update intake benchmark: this bot beside a bare python-telegram-bot on the same sandbox.

    .venv/bin/python -m bench.updates [--people 200] [--presses 3] [--backends sqlite,postgresql]

Both bots run as subprocesses against one local Bot API sandbox with Telegram's flood limits
enforced. The bare bot is PTB 22 with 32 concurrent updates behind AIORateLimiter (if
`aiolimiter` is installed; otherwise no limiter, and it says so). Figures, each beside its
target (issue 10):

- start: `partybot run` from spawn to its first getUpdates on a database at the head (after
  `partybot db upgrade`, the release step, as every restart and deploy finds it), and, for
  information, a newcomer's first run on an empty database (it creates the schema); idle RSS;
- answer-only presses: N people each press a button that needs only answerCallbackQuery,
  `--presses` times, all people at once; presses/s and p50/p99 per press;
- 10 people x 10 quick messages: replies/s until the last reply, p50/p95, 429 answers.

`python -m bench.updates bare ...` is the bare bot subprocess itself.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the bare bot subprocess imports this module: keep it as light as bare PTB
    from bot.sandbox.client import SandboxClient, SandboxUser
    from bot.sandbox.server import SandboxServer

PG_ADMIN = os.environ.get("TEST_PG_DSN", "postgresql://postgres@127.0.0.1:5432/test")
ROOT = Path(__file__).parent.parent
OURS_ID, BARE_ID = 7_400_001, 7_400_010
QUICK_PEOPLE, QUICK_MESSAGES = 10, 10
CREATED: list[str] = []  # PostgreSQL databases to drop at the end


# --- the bare PTB bot subprocess -------------------------------------------------------------


def run_bare(args: argparse.Namespace) -> None:
    from telegram import Update
    from telegram.ext import (
        Application,
        CallbackQueryHandler,
        CommandHandler,
        ContextTypes,
        MessageHandler,
        filters,
    )

    async def start(update: Update, _c: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("ready")

    async def press(update: Update, _c: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer("ok")

    async def echo(update: Update, _c: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text(f"echo {update.effective_message.text}")

    builder = (
        Application.builder()
        .token(args.token)
        .base_url(args.api)
        .base_file_url(args.files)
        .concurrent_updates(32)
    )
    try:
        from telegram.ext import AIORateLimiter

        builder = builder.rate_limiter(AIORateLimiter())  # type: ignore[arg-type]
    except RuntimeError:  # aiolimiter missing
        pass
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(press))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    app.run_polling(poll_interval=0.0, timeout=10, allowed_updates=Update.ALL_TYPES)


def has_aiolimiter() -> bool:
    try:
        import aiolimiter  # type: ignore[import-not-found,unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


# --- processes ----------------------------------------------------------------------------------


def ours_env(server: SandboxServer, db_url: str, token: str) -> dict[str, str]:
    return {
        **os.environ,
        "BOT_TOKEN": token,
        "BOT_API_BASE_URL": server.bot_api_url,
        "BOT_API_BASE_FILE_URL": server.file_url,
        "DATABASE_URL": db_url,
        "BOT_LOG_LEVEL": "WARNING",
    }


def spawn_ours(
    server: SandboxServer, db_url: str, token: str, log: Path, profile: Path | None = None
) -> subprocess.Popen[bytes]:
    env = ours_env(server, db_url, token)
    cmd = [sys.executable, "-m", "bot", "run"]
    if profile is not None:  # the whole run under cProfile, written when it stops
        cmd[1:1] = ["-m", "cProfile", "-o", str(profile)]
    return subprocess.Popen(cmd, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT)


def spawn_bare(server: SandboxServer, token: str, log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "bench.updates", "bare", "--token", token]
    cmd += ["--api", server.bot_api_url, "--files", server.file_url]
    return subprocess.Popen(cmd, stdout=log.open("ab"), stderr=subprocess.STDOUT, cwd=ROOT)


def stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def cpu_s(pid: int) -> float:
    """CPU seconds the process has used (user + system, all threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def new_database(backend: str, tmp: Path) -> str:
    if backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp / f'updates-{uuid.uuid4().hex[:6]}.sqlite3'}"
    import asyncpg  # type: ignore[import-untyped]

    name = f"partybot_bench_{uuid.uuid4().hex[:8]}"
    conn = await asyncpg.connect(PG_ADMIN)
    await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    CREATED.append(name)
    return PG_ADMIN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://") + "/" + name


async def release_step(server: SandboxServer, db_url: str, token: str, log: Path) -> None:
    """`partybot db upgrade`, as a deployment runs it once before starting the bot."""
    cmd = [sys.executable, "-m", "bot", "db", "upgrade"]
    env = ours_env(server, db_url, token)
    with log.open("ab") as out:
        await asyncio.to_thread(
            subprocess.run, cmd, env=env, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT, check=True
        )


async def first_run_start(
    server: SandboxServer, backend: str, bot_id: int, username: str, tmp: Path
) -> float:
    """A newcomer's first `partybot run` on an empty database (it creates the schema itself)."""
    db_url = await new_database(backend, tmp)
    token = server.make_token(bot_id, username)
    proc = spawn_ours(server, db_url, token, tmp / f"first-{backend}.log")
    try:
        return await first_get_updates(server, bot_id)
    finally:
        proc.kill()  # a throwaway: no need to wait for a graceful stop
        proc.wait()


async def drop_databases() -> None:
    """The PostgreSQL databases this run made (each bot is stopped by now)."""
    if not CREATED:
        return
    import asyncpg

    conn = await asyncpg.connect(PG_ADMIN)
    try:
        while CREATED:
            await conn.execute(f'DROP DATABASE IF EXISTS "{CREATED.pop()}" WITH (FORCE)')
    finally:
        await conn.close()


async def first_get_updates(server: SandboxServer, bot_id: int, limit_s: float = 120) -> float:
    """Seconds until that bot's first getUpdates reaches the sandbox."""
    t0 = time.monotonic()
    state = server.state.bots.get(bot_id)
    while state is None or state.poll_generation == 0:
        state = server.state.bots.get(bot_id)
        if time.monotonic() - t0 > limit_s:
            raise TimeoutError("the bot never polled")
        await asyncio.sleep(0.005)
    return time.monotonic() - t0


# --- workloads -----------------------------------------------------------------------------------


def pct(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def gather_limited(jobs: list[Callable[[], Awaitable[Any]]], limit: int = 64) -> list[Any]:
    gate = asyncio.Semaphore(limit)

    async def one(job: Callable[[], Awaitable[Any]]) -> Any:
        async with gate:
            return await job()

    return await asyncio.gather(*(one(j) for j in jobs))


async def make_people(
    client: SandboxClient, bot_username: str, n: int, first_id: int
) -> list[tuple[SandboxUser, int]]:
    """N people who started the bot, each with the id of a bot message to press under."""

    async def one(i: int) -> tuple[SandboxUser, int]:
        user = await client.user(f"人{i}", user_id=first_id + i, bot_username=bot_username)
        for _ in range(10):
            # Bare PTB's limiter lets a refused reply go, so a /start may need asking again.
            await user.start()
            try:
                msg = await user.wait_message(timeout=10)
            except TimeoutError:
                continue
            return user, msg.message_id
        raise TimeoutError(f"{bot_username} never answered /start")

    jobs: list[Callable[[], Awaitable[tuple[SandboxUser, int]]]] = [
        functools.partial(one, i) for i in range(n)
    ]
    return list(await gather_limited(jobs, 8))


async def presses(people: list[tuple[SandboxUser, int]], data: str, rounds: int) -> dict[str, Any]:
    """Everyone presses at once, `rounds` times each; answerCallbackQuery is what they wait for."""
    latencies: list[float] = []

    async def person(user: SandboxUser, message_id: int) -> None:
        for _ in range(rounds):
            t0 = time.monotonic()
            await user.press_data(data, message_id, timeout=60)
            latencies.append(time.monotonic() - t0)

    t0 = time.monotonic()
    await asyncio.gather(*(person(u, m) for u, m in people))
    span = time.monotonic() - t0
    return {
        "rate": len(latencies) / span,
        "p50": pct(latencies, 50),
        "p99": pct(latencies, 99),
        "n": len(latencies),
    }


async def quick_messages(
    server: SandboxServer, people: list[tuple[SandboxUser, int]], contains: str
) -> dict[str, Any]:
    """Each person types QUICK_MESSAGES messages without waiting; every reply is timed."""
    server.state.stats.reset()
    latencies: list[float] = []
    last = time.monotonic()

    async def person(user: SandboxUser) -> None:
        nonlocal last
        sent: list[float] = []
        for i in range(QUICK_MESSAGES):
            sent.append(time.monotonic())
            await user.send(f"消息 {i}")
        for i in range(QUICK_MESSAGES):
            try:
                await user.wait_message(contains=contains, timeout=20)
            except TimeoutError:
                return  # a lost reply shows in the count, not in the rate
            last = time.monotonic()
            latencies.append(last - sent[i])

    t0 = time.monotonic()
    await asyncio.gather(*(person(u) for u, _ in people))
    span = last - t0
    return {
        "rate": len(latencies) / span,
        "p50": pct(latencies, 50),
        "p95": pct(latencies, 95),
        "replies": len(latencies),
        "too_many": server.state.stats.too_many_requests,
    }


# --- the driver ----------------------------------------------------------------------------------


def line(label: str, value: str, target: str) -> str:
    return f"  {label:<46} {value:>22}   target {target}"


async def measure_ours(
    server: SandboxServer, client: SandboxClient, backend: str, args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    username = f"partybot_ours_{backend}"  # a token long enough for the settings check
    bot_id = OURS_ID + (backend != "sqlite")
    first_s = await first_run_start(server, backend, bot_id + 100, f"{username}_first", tmp)
    db_url = await new_database(backend, tmp)
    token = server.make_token(bot_id, username)
    await release_step(server, db_url, token, tmp / f"ours-{backend}.log")
    profile = args.profile / f"ours-{backend}.prof" if args.profile else None
    proc = spawn_ours(server, db_url, token, tmp / f"ours-{backend}.log", profile)
    try:
        start_s = await first_get_updates(server, bot_id)
        first_id = 30_000_000 if backend == "sqlite" else 31_000_000
        people = await make_people(client, username, args.people, first_id)
        await asyncio.sleep(2)  # let start-up work settle before reading the idle footprint
        idle = rss_mb(proc.pid)
        cpu0 = cpu_s(proc.pid)
        press = await presses(people, "dl:noop", args.presses)
        press["cpu_ms"] = (cpu_s(proc.pid) - cpu0) * 1000 / press["n"]
        quick = await quick_messages(server, people[:QUICK_PEOPLE], "没有看懂")
    finally:
        stop(proc)
    return {"start": start_s, "first": first_s, "rss": idle, "press": press, "quick": quick}


async def measure_bare(
    server: SandboxServer, client: SandboxClient, args: argparse.Namespace, tmp: Path
) -> dict[str, Any]:
    token = server.make_token(BARE_ID, "bare_ptb")
    proc = spawn_bare(server, token, tmp / "bare.log")
    try:
        start_s = await first_get_updates(server, BARE_ID)
        people = await make_people(client, "bare_ptb", args.people, 32_000_000)
        await asyncio.sleep(2)
        idle = rss_mb(proc.pid)
        cpu0 = cpu_s(proc.pid)
        press = await presses(people, "x", args.presses)
        press["cpu_ms"] = (cpu_s(proc.pid) - cpu0) * 1000 / press["n"]
        quick = await quick_messages(server, people[:QUICK_PEOPLE], "echo")
    finally:
        stop(proc)
    return {"start": start_s, "rss": idle, "press": press, "quick": quick}


def report_bare(bare: dict[str, Any]) -> None:
    limiter = "AIORateLimiter" if has_aiolimiter() else "NO limiter (pip install aiolimiter)"
    print(f"\nbare PTB 22: 32 concurrent updates, {limiter}; sandbox enforcing Telegram's limits")
    print(f"  bare start to first getUpdates {bare['start']:.2f} s, idle RSS {bare['rss']:.0f} MB")
    bp, bq = bare["press"], bare["quick"]
    print(
        f"  bare presses {bp['rate']:.0f}/s p50 {bp['p50'] * 1000:.0f} ms "
        f"p99 {bp['p99'] * 1000:.0f} ms ({bp['n']}), {bp['cpu_ms']:.1f} ms CPU each"
    )
    print(
        f"  bare 10x10 quick: {bq['rate']:.1f} replies/s, p50 {bq['p50']:.2f} s, "
        f"p95 {bq['p95']:.2f} s, {bq['replies']} of {QUICK_PEOPLE * QUICK_MESSAGES} replies "
        f"delivered, {bq['too_many']} x 429"
    )


def report_ours(
    bare: dict[str, Any], backend: str, o: dict[str, Any], args: argparse.Namespace
) -> None:
    bp, bq = bare["press"], bare["quick"]
    op, oq = o["press"], o["quick"]
    print(f"\nthis bot on {backend}")
    print(
        line(
            "start to first getUpdates, database at head",
            f"{o['start']:.2f} s (bare {bare['start']:.2f})",
            "< 1.5 s",
        )
    )
    print(f"  {'  first run, empty database (creates it)':<46} {o['first']:>20.2f} s")
    print(line("idle RSS", f"{o['rss']:.0f} MB (bare {bare['rss']:.0f})", "< 90 MB"))
    print(
        line(
            f"answer-only presses, {args.people} people x {args.presses}",
            f"{op['rate']:.0f}/s = {op['rate'] / bp['rate']:.2f} x bare",
            ">= 0.8 x bare PTB",
        )
    )
    print(line("  press p50 / p99", f"{op['p50']:.3f} / {op['p99']:.3f} s", "p99 < 1 s"))
    print(f"  {'  bot CPU per press':<46} {op['cpu_ms']:>17.1f} ms   (bare {bp['cpu_ms']:.1f} ms)")
    print(
        line(
            "10 people x 10 quick messages",
            f"{oq['rate']:.1f}/s = {oq['rate'] / bq['rate']:.2f} x bare",
            ">= 0.9 x bare PTB",
        )
    )
    print(
        line(
            "  replies, p50 / p95, 429 answers",
            f"{oq['replies']}, {oq['p50']:.2f}/{oq['p95']:.2f} s, {oq['too_many']} x 429",
            "0 x 429",
        )
    )


async def main(args: argparse.Namespace) -> None:
    from bot.sandbox.client import SandboxClient
    from bot.sandbox.server import SandboxServer

    backends = [b for b in args.backends.split(",") if b]
    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        server = SandboxServer(enforce_limits=True)
        await server.start()
        client = SandboxClient(server.base_url)
        try:
            bare = await measure_bare(server, client, args, tmp)
            report_bare(bare)
            for backend in backends:
                report_ours(
                    bare, backend, await measure_ours(server, client, backend, args, tmp), args
                )
        finally:
            await client.close()
            await server.stop()
            await drop_databases()


def cli() -> None:
    parser = argparse.ArgumentParser(prog="bench.updates")
    sub = parser.add_subparsers(dest="cmd")
    bare = sub.add_parser("bare")
    bare.add_argument("--token", required=True)
    bare.add_argument("--api", required=True)
    bare.add_argument("--files", required=True)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--presses", type=int, default=3)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        metavar="DIR",
        help="run this bot under cProfile and write DIR/ours-<backend>.prof (slows it down)",
    )
    args = parser.parse_args()
    if args.cmd != "bare":
        # An installed bot has its bytecode compiled (pip does it); an editable checkout under
        # PYTHONDONTWRITEBYTECODE would compile every module on every start instead.
        compileall = [sys.executable, "-m", "compileall", "-q", "bot", "handlers", "jobs"]
        subprocess.run([*compileall, "storage"], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    if args.cmd == "bare":
        run_bare(args)
    else:
        asyncio.run(main(args))


if __name__ == "__main__":
    cli()
