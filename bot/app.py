"""The composition root: build the PTB Application from settings, nothing at import time."""

from __future__ import annotations

import functools
import logging
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseRateLimiter,
    ContextTypes,
    Defaults,
)
from telegram.ext import CallbackContext as _CallbackContext

from bot.clock import Clock, SystemClock
from bot.commands import publish_chat_commands, publish_default_commands
from bot.config import Settings
from bot.context import BotData
from bot.domain.pacing import PacerConfig
from bot.plumbing.intake import updates_request
from bot.plumbing.processor import PerUserUpdateProcessor
from bot.plumbing.ratelimit import PacedRateLimiter
from handlers import all_handlers, approve_sections, flow_routes
from handlers.buttons import kinds_in
from handlers.common import flood_notice, on_error
from handlers.flows import RESUME_GROUP, ROUTER_GROUP, flow_resume, flow_router
from handlers.guard import GUARD_GROUP, guard_handlers
from handlers.inbox import install as install_inbox
from storage.db import Database

log = logging.getLogger(__name__)

App = Application[Any, Any, Any, Any, BotData, Any]


def _rate_limiter(settings: Settings) -> BaseRateLimiter[Any]:
    """One pacer for every Bot API call; PTB's AIORateLimiter bursts past the limits."""
    return PacedRateLimiter(PacerConfig(private_burst=settings.bot_reply_burst))


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    token: str | None = None,
    poll_timeout: float = 10.0,
) -> App:
    """Assemble the bot; the database is opened later, in post_init, on the running loop."""
    bot_token = token or (settings.bot_token.get_secret_value() if settings.bot_token else None)
    if not bot_token:
        raise ValueError("a bot token is needed (the sandbox makes one up)")
    context_types = ContextTypes(context=_CallbackContext, bot_data=BotData)
    processor = PerUserUpdateProcessor(
        settings.bot_concurrency, flood_queue=settings.bot_flood_queue
    )
    builder = (
        ApplicationBuilder()
        .token(bot_token)
        .base_url(settings.bot_api_base_url)
        .base_file_url(settings.bot_api_base_file_url)
        .context_types(context_types)
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .concurrent_updates(processor)
        .get_updates_request(updates_request(read_timeout=poll_timeout + 5))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    app: App = builder.rate_limiter(_rate_limiter(settings)).build()
    data: BotData = app.bot_data
    data._settings = settings
    data.clock = clock or SystemClock()
    processor.on_flood = functools.partial(flood_notice, app.bot, data)
    # Before every feature: refuse forged data, then hand a message to the flow its sender is in.
    features = all_handlers()
    app.add_handlers(guard_handlers(kinds_in(features)), group=GUARD_GROUP)
    routes = flow_routes()
    app.add_handler(flow_router(routes), group=ROUTER_GROUP)
    app.add_handlers(features)
    install_inbox(data, approve_sections())
    app.add_handler(flow_resume(routes), group=RESUME_GROUP)
    app.add_error_handler(on_error)
    return app


async def _post_init(app: App) -> None:
    from jobs import start_all

    data: BotData = app.bot_data
    data._db = Database(data.settings.database_url)
    if data.role == "web":
        return  # updates only: command menus, jobs and the sender belong to the worker
    try:
        await publish_default_commands(app.bot)
        for admin_id in data.settings.bot_admin_ids:
            await publish_chat_commands(
                app.bot,
                admin_id,
                secretary=False,
                operator=True,
                lang=data.settings.bot_default_language,
            )
    except Exception:
        # A command menu is a convenience; the bot must still start if Telegram refuses it.
        log.warning("could not publish the command menus", exc_info=True)
    if data.start_jobs:
        await start_all(app)
    log.info("bot started as @%s", app.bot.username)


async def _post_stop(app: App) -> None:
    from jobs import stop_all

    await stop_all(app)


async def _post_shutdown(app: App) -> None:
    data: BotData = app.bot_data
    if data._db is not None:
        await data._db.close()
        data._db = None


__all__ = ["App", "Update", "build_application"]
