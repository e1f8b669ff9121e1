"""Flood benchmark (issue 8, item 2): one account bursts, everyone else must still be answered.

    .venv/bin/python -m bench.flood [--bursts 100,1000] [--pg]

The real bot (`partybot run`, a subprocess) long-polls a local sandbox that enforces Telegram's
flood limits. One person who is not a member sends a burst of messages as fast as the sandbox
takes them; meanwhile five other people take turns to send /help, one every PROBE_EVERY_S
(each person every 2.5 s, within the one-message-a-second rule for their own chat), until
PROBE_AFTER_S after the burst was sent. Prints the others' reply p50/p95 beside the target
(< 1 s), how much of the burst was answered and how many slow-down notices the flooder got.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.updates import first_get_updates, gather_limited, new_database, pct, spawn_ours, stop

if TYPE_CHECKING:
    from bot.sandbox.client import SandboxUser

PROBERS = 5
PROBE_EVERY_S = 0.5
PROBE_AFTER_S = 10.0
QUIET_S = 3.0
BOT_ID = 7_500_001
USERNAME = "partybot_flood_bench"
NOTICE = "发送得太快"


async def probe(users: list[SandboxUser], done: asyncio.Event, latencies: list[float]) -> None:
    async def one(user: SandboxUser) -> None:
        t0 = time.monotonic()
        await user.send("/help")
        await user.wait_message(contains="使用说明", timeout=120)
        latencies.append(time.monotonic() - t0)

    running: set[asyncio.Task[None]] = set()
    turn = 0
    while not done.is_set():
        task = asyncio.create_task(one(users[turn % len(users)]))
        running.add(task)
        task.add_done_callback(running.discard)
        turn += 1
        await asyncio.sleep(PROBE_EVERY_S)
    if running:
        await asyncio.gather(*running)


async def bot_messages(user: SandboxUser) -> list[str]:
    return [m.body for m in await user.messages() if m.from_bot]


async def until_quiet(user: SandboxUser) -> list[str]:
    """The flooder's chat once the bot has stopped writing to it for QUIET_S."""
    seen = await bot_messages(user)
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < QUIET_S:
        await asyncio.sleep(0.5)
        now = await bot_messages(user)
        if len(now) != len(seen):
            seen, quiet_since = now, time.monotonic()
    return seen


async def burst(flooder: SandboxUser, probers: list[SandboxUser], size: int) -> str:
    before = await bot_messages(flooder)
    latencies: list[float] = []
    done = asyncio.Event()
    prober = asyncio.create_task(probe(probers, done, latencies))
    t0 = time.monotonic()
    sends = [functools.partial(flooder.send, f"刷屏 {i}") for i in range(size)]
    await gather_limited(list(sends), 50)
    sent_s = time.monotonic() - t0
    await asyncio.sleep(PROBE_AFTER_S)
    done.set()
    await prober
    after = (await until_quiet(flooder))[len(before) :]
    notices = sum(NOTICE in body for body in after)
    answered = sum("没有看懂" in body for body in after)
    return (
        f"  burst of {size:>5} (sent in {sent_s:.1f} s): others' /help "
        f"p50 {pct(latencies, 50):.2f} s, p95 {pct(latencies, 95):.2f} s "
        f"(n={len(latencies)})   target p95 < 1 s\n"
        f"      flooder: {answered} answered, {size - answered} dropped, "
        f"{notices} slow-down notice(s)   target 1 notice"
    )


async def main(args: argparse.Namespace) -> None:
    from bot.sandbox.client import SandboxClient
    from bot.sandbox.server import SandboxServer

    with tempfile.TemporaryDirectory() as raw:
        tmp = Path(raw)
        server = SandboxServer(enforce_limits=True)
        await server.start()
        client = SandboxClient(server.base_url)
        db_url = await new_database("postgresql" if args.pg else "sqlite", tmp)
        token = server.make_token(BOT_ID, USERNAME)
        proc = spawn_ours(server, db_url, token, tmp / "bot.log")
        try:
            await first_get_updates(server, BOT_ID)
            flooder = await client.user("刷屏者", user_id=40_000_000, bot_username=USERNAME)
            probers = [
                await client.user(f"党员{i}", user_id=40_000_001 + i, bot_username=USERNAME)
                for i in range(PROBERS)
            ]
            for person in (flooder, *probers):
                await person.send("/help")
                await person.wait_message(contains="使用说明", timeout=60)
            print(f"\none person bursts; {PROBERS} others send /help every {PROBE_EVERY_S} s")
            for size in (int(x) for x in args.bursts.split(",")):
                print(await burst(flooder, probers, size), flush=True)
        finally:
            stop(proc)
            await client.close()
            await server.stop()


def cli() -> None:
    parser = argparse.ArgumentParser(prog="bench.flood")
    parser.add_argument("--bursts", default="100,1000")
    parser.add_argument("--pg", action="store_true", help="a fresh PostgreSQL database")
    asyncio.run(main(parser.parse_args()))


if __name__ == "__main__":
    cli()
