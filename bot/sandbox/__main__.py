"""Run the sandbox alone: python -m bot.sandbox [--port N] [--limits] [--strict] [--latency-ms N]
(the last two: no bursts to a private chat; every Bot API call answered N ms late)."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.sandbox.server import SandboxServer


async def _serve(host: str, port: int, limits: bool, strict: bool, latency_ms: float) -> None:
    server = SandboxServer(
        host=host, port=port, enforce_limits=limits, strict_limits=strict, latency_ms=latency_ms
    )
    await server.start()
    token = server.make_token()
    print(f"Web chat:     {server.base_url}/")
    print(f"Bot API base: {server.bot_api_url}   (PTB base_url; token is appended)")
    print(f"File base:    {server.file_url}")
    print(f"Bot token:    {token}")
    try:
        await asyncio.Event().wait()
    finally:
        await server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Local Telegram Bot API sandbox")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--limits", action="store_true", help="enforce Telegram's flood limits")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="strict flood limits (implies --limits): one message a second per private chat",
    )
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, help="answer every Bot API call after N ms"
    )
    args = parser.parse_args()
    if args.latency_ms < 0:
        parser.error("--latency-ms must be >= 0")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port, args.limits, args.strict, args.latency_ms))


if __name__ == "__main__":
    main()
