"""Run an Application until told to stop, with the same lifecycle as PTB's run_polling.

PTB's run_polling owns the event loop; the sandbox and the tests need the bot on a loop they
already run (next to the sandbox server), so the lifecycle is spelled out here once.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)


async def serve(
    app: Application[Any, Any, Any, Any, Any, Any],
    stop: asyncio.Event,
    *,
    poll_timeout: float = 10.0,
    started: asyncio.Event | None = None,
    polling: bool = True,
) -> None:
    """initialize → post_init → polling → start … stop → post_stop → shutdown → post_shutdown.

    Without `polling`, updates come from elsewhere (a webhook puts them on `app.update_queue`)
    or not at all (a worker)."""
    await app.initialize()
    try:
        if app.post_init is not None:
            await app.post_init(app)
        if polling:
            assert app.updater is not None
            await app.updater.start_polling(
                timeout=int(poll_timeout), poll_interval=0.0, allowed_updates=Update.ALL_TYPES
            )
        await app.start()
        if started is not None:
            started.set()
        await stop.wait()
    finally:
        # Stop fetching first, then let the processor finish what it already received.
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


def install_signal_handlers(stop: asyncio.Event) -> None:
    """SIGTERM and SIGINT end the run gracefully: updates already received are still handled."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover - non-Unix
            log.debug("no signal handler for %s", sig)
