"""Run the sandbox alone: python -m bot.sandbox [--port 8081] [--limits]."""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from bot.sandbox.server import SandboxServer


async def _serve(host: str, port: int, limits: bool) -> None:
    server = SandboxServer(host=host, port=port, enforce_limits=limits)
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
    args = parser.parse_args()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args.host, args.port, args.limits))


if __name__ == "__main__":
    main()
