"""`partybot run --role web|worker|all` against Telegram (or any Bot API server).

- all (default): today's single process. Long polling, or the webhook when WEBHOOK_URL is set.
  On SQLite its jobs start at once; on PostgreSQL it takes the worker lock first, so an `all`
  beside a worker never runs a second scheduler.
- web: the webhook listener only: no scheduler tick, no outbox sender. Its replies book the
  bot's shared send budget (bot.roles.budget).
- worker: waits for the worker lock (bot.roles.lock), then runs the scheduler tick and the
  outbox sender until it stops; a standby takes over within seconds when the active one dies.
  It loses the lock only with its connection, and then exits (status 1) so its supervisor
  restarts it as a standby.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import TYPE_CHECKING, Any

from apscheduler.events import (
    EVENT_JOB_ERROR,
    EVENT_JOB_EXECUTED,
    EVENT_JOB_MISSED,
    EVENT_JOB_SUBMITTED,
)
from telegram import Update

from bot.config import Settings
from bot.plumbing.ratelimit import PacedRateLimiter
from bot.roles import Role
from bot.roles.metrics import JOB_LAG, JOB_RUNS, WORKER_ACTIVE

if TYPE_CHECKING:
    # Imported where used: the listener's aiohttp and the lock's asyncpg are for the roles and
    # settings that need them, not for every start (issue 10: start time and idle RSS).
    from bot.roles.lock import WorkerLock
    from bot.roles.server import OpsServer

log = logging.getLogger(__name__)


def refusal(settings: Settings, role: Role) -> str | None:
    """Why this role cannot run with these settings (a friendly sentence), or None."""
    if settings.is_sqlite and role is not Role.ALL:
        return (
            f"`--role {role.value}` needs PostgreSQL: several processes share the database, the "
            "worker lock and the send budget, which SQLite cannot do. On SQLite run one "
            "process: `partybot run` (the same as `--role all`). For a district, set "
            "DATABASE_URL=postgresql+asyncpg://user:password@host:5432/partybot."
        )
    if role is not Role.ALL and settings.bot_token is None:
        return f"`--role {role.value}` needs BOT_TOKEN (without it, `partybot run` is the sandbox)."
    if role is Role.WEB and (settings.webhook_url is None or settings.webhook_listen is None):
        return "`--role web` receives updates by webhook: set WEBHOOK_URL and WEBHOOK_LISTEN."
    if settings.webhook_url is not None and settings.webhook_secret is None:
        return (
            "WEBHOOK_URL is set but WEBHOOK_SECRET is not: without it anybody who finds the "
            "address could send the bot forged updates. Set WEBHOOK_SECRET (1-256 of "
            "A-Z a-z 0-9 _ -)."
        )
    return None


def _watch_jobs(app: Any) -> None:
    """Job runs and how late each started, from APScheduler's own events."""
    queue = app.job_queue
    if queue is None:
        return
    scheduler = queue.scheduler
    names: dict[str, str] = {}

    def name_of(job_id: str) -> str:
        job = scheduler.get_job(job_id)
        if job is not None:
            names[job_id] = str(job.name).split(":code:")[0]
        return names.get(job_id, "other")

    def on_event(event: Any) -> None:
        job = name_of(event.job_id)
        if event.code == EVENT_JOB_SUBMITTED:
            runs = event.scheduled_run_times or []
            if runs:
                JOB_LAG.labels(job).set(max(0.0, time.time() - runs[-1].timestamp()))
            return
        outcome = {EVENT_JOB_EXECUTED: "ok", EVENT_JOB_ERROR: "error"}.get(event.code, "missed")
        JOB_RUNS.labels(job, outcome).inc()
        if scheduler.get_job(event.job_id) is None:  # a one-off job: forget its name
            names.pop(event.job_id, None)

    scheduler.add_listener(
        on_event, EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED
    )


async def _listen_for_web(lock: WorkerLock, app: Any, bot_id: int) -> None:
    """Web processes NOTIFY when they enqueue; the sender wakes at once."""
    from bot.roles.wake import channel

    def wake() -> None:
        sender = app.bot_data.sender
        if sender is not None:
            sender.wake()

    try:
        await lock.listen(channel(bot_id), wake)
    except Exception:  # the sender's poll still finds every row, a second later
        log.warning("could not listen for web processes' notices", exc_info=True)


async def run(settings: Settings, role: Role) -> int:
    """Run until SIGTERM/SIGINT (0) or until the worker lock is lost (1)."""
    from bot.app import build_application
    from bot.plumbing.runner import install_signal_handlers, serve
    from jobs import start_all

    stop = asyncio.Event()
    install_signal_handlers(stop)
    app = build_application(settings)
    data = app.bot_data
    data.role = role.value
    wants_lock = role is Role.WORKER or (role is Role.ALL and not settings.is_sqlite)
    data.start_jobs = role is Role.ALL and settings.is_sqlite
    webhook = settings.webhook_url is not None and role is not Role.WORKER
    bot_id = int(app.bot.token.split(":", 1)[0])
    lock = None
    if wants_lock:
        from bot.roles.lock import WorkerLock

        lock = WorkerLock(settings.database_url, bot_id, role.value)
    _watch_jobs(app)

    serve_stop, started = asyncio.Event(), asyncio.Event()
    polling = role is Role.ALL and not webhook
    serving = asyncio.create_task(serve(app, serve_stop, polling=polling, started=started))
    waiting = asyncio.create_task(started.wait())
    await asyncio.wait({serving, waiting}, return_when=asyncio.FIRST_COMPLETED)
    if serving.done():
        waiting.cancel()
        await serving  # raises why it could not start
        return 1
    limiter = app.bot.rate_limiter
    if not settings.is_sqlite and role is not Role.ALL and isinstance(limiter, PacedRateLimiter):
        from bot.roles.budget import SharedBudget

        limiter.shared = SharedBudget(data.db.engine, bot_id, limiter.pacer.config)
    if role is Role.WEB:
        from bot.roles.wake import NotifyWaker

        data.sender = NotifyWaker(data.db.engine, bot_id)
    server: OpsServer | None = None
    code = 0
    try:
        listen = settings.listen_address
        if listen is not None:
            from bot.roles.server import OpsServer

            server = OpsServer(app, role=role.value, receive_updates=webhook, lock=lock)
            await server.start(*listen)
        if webhook:
            assert settings.webhook_url is not None and settings.webhook_secret is not None
            await app.bot.set_webhook(
                settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
            )
            log.info("webhook set to %s", settings.webhook_url)
        if lock is not None and await lock.acquire(stop):
            WORKER_ACTIVE.set(1)
            app.bot_data.sole_sender = True
            await start_all(app)
            await _listen_for_web(lock, app, bot_id)
            log.info("this process is the active worker")
            from bot.roles.lock import LockLost

            try:
                await lock.watch(stop)
            except LockLost as exc:
                log.error("worker lock lost (%s); stopping so a standby takes over", exc)
                code = 1
        else:
            await stop.wait()
    finally:
        WORKER_ACTIVE.set(0)
        # Stop receiving first, then let the application finish what it has (post_stop stops
        # the jobs and the sender), and only then let a standby take the lock.
        if server is not None:
            await server.stop()
        serve_stop.set()
        with contextlib.suppress(Exception):
            await serving
        if lock is not None:
            await lock.release()
    return code
