"""Run the real bot against the local sandbox, for people trying it without a token."""

from __future__ import annotations

import asyncio
import logging

from bot.config import Settings
from bot.texts import t

log = logging.getLogger(__name__)

OPERATOR_ID = 1000
OPERATOR_NAME = "管理员"


async def run_sandbox(
    settings: Settings,
    *,
    port: int | None,
    demo: bool,
    enforce_limits: bool,
    strict_limits: bool = False,
    latency_ms: float = 0.0,
) -> None:
    from bot.app import build_application
    from bot.plumbing.runner import install_signal_handlers, serve
    from bot.sandbox.server import SandboxServer, make_token

    server = SandboxServer(
        host=settings.sandbox_host,
        port=settings.sandbox_port if port is None else port,
        enforce_limits=enforce_limits,
        strict_limits=strict_limits,
        latency_ms=latency_ms,
    )
    await server.start()
    # In the sandbox a simulated operator exists from the start so every flow can be tried.
    if OPERATOR_ID not in server.state.users:
        server.state.add_user(OPERATOR_NAME, user_id=OPERATOR_ID)
    sandbox_settings = settings.model_copy(
        update={
            "bot_api_base_url": server.bot_api_url,
            "bot_api_base_file_url": server.file_url,
            "bot_admin_ids": settings.bot_admin_ids | {OPERATOR_ID},
        }
    )
    if demo:
        from bot.devtools.demo import seed_demo

        await seed_demo(sandbox_settings, server)
    stop = asyncio.Event()
    install_signal_handlers(stop)
    print(banner(settings.bot_default_language, server.base_url + "/", demo=demo), flush=True)
    try:
        await serve(build_application(sandbox_settings, token=make_token()), stop, poll_timeout=5)
    finally:
        await server.stop()


def banner(lang: str, url: str, *, demo: bool) -> str:
    """What to open; with the demo, nothing that reads like a missing setting, and without it,
    how to get the demo branch."""
    if demo:
        return t("sandbox.banner_demo", lang, url=url)
    return t("sandbox.banner", lang, url=url) + "\n" + t("sandbox.demo_hint", lang)
