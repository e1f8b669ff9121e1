"""The bots bench/broadcast.py measures, each a subprocess so it has its own CPU and can be
killed with SIGKILL:

- `bot`: the project's application (polling, handlers, the outbox sender);
- `bare --mode pacer`: bare python-telegram-bot 22.8 sending to N chats on a plain smooth 29/s
  schedule, each send its own task, honouring RetryAfter (FACTS.md's reference);
- `bare --mode aiorl`: bare PTB behind AIORateLimiter(max_retries=3), all sends gathered.

Both bare bots use one HTTP connection pool of 64, enough for 30 sends a second at 150 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from typing import Any

BARE_RATE = 29.0
TEXT = "【支部通知】本周六上午九点在社区活动室召开支部党员大会，请准时参加。"


async def run_bot(args: argparse.Namespace) -> None:
    """The real application against the sandbox, with the delivery sender running."""
    import jobs.delivery
    from bot.app import build_application
    from bot.config import Settings
    from bot.logs import setup_logging
    from bot.plumbing.runner import install_signal_handlers, serve

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


def _request() -> Any:
    from telegram.request import HTTPXRequest

    return HTTPXRequest(
        connection_pool_size=64,
        pool_timeout=120,
        read_timeout=60,
        write_timeout=60,
        connect_timeout=60,
    )


async def run_bare(args: argparse.Namespace) -> None:
    """Send TEXT once to each of `count` chats from `first`; print what happened as JSON."""
    from telegram.error import RetryAfter
    from telegram.ext import AIORateLimiter, ExtBot

    chats = list(range(args.first, args.first + args.count))
    retried = failed = 0
    started = time.monotonic()
    if args.mode == "pacer":
        bot: ExtBot[Any] = ExtBot(args.token, base_url=args.api, request=_request())
        async with bot:
            loop = asyncio.get_running_loop()
            t0 = loop.time() + 0.2

            async def one(i: int, chat: int) -> None:
                nonlocal retried, failed
                await asyncio.sleep(max(0.0, t0 + i / BARE_RATE - loop.time()))
                for _ in range(10):
                    try:
                        await bot.send_message(chat, TEXT)
                        return
                    except RetryAfter as exc:
                        retried += 1
                        await asyncio.sleep(exc._retry_after.total_seconds())
                failed += 1

            await asyncio.gather(*(one(i, c) for i, c in enumerate(chats)))
    else:
        limiter: AIORateLimiter = AIORateLimiter(max_retries=3)
        bot = ExtBot(args.token, base_url=args.api, request=_request(), rate_limiter=limiter)
        async with bot:
            results = await asyncio.gather(
                *(bot.send_message(c, TEXT) for c in chats), return_exceptions=True
            )
            failed = sum(1 for r in results if isinstance(r, BaseException))
    print(json.dumps({"failed": failed, "retried": retried, "s": time.monotonic() - started}))


def add_parsers(sub: Any) -> None:
    bot = sub.add_parser("bot", help="(internal) run the project's bot")
    for name in ("--db", "--api", "--files", "--token"):
        bot.add_argument(name, required=True)
    bare = sub.add_parser("bare", help="(internal) run a bare PTB bot's broadcast")
    bare.add_argument("--mode", choices=("pacer", "aiorl"), required=True)
    bare.add_argument("--api", required=True)
    bare.add_argument("--token", required=True)
    bare.add_argument("--first", type=int, required=True)
    bare.add_argument("--count", type=int, required=True)
