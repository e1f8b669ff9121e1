"""The process's HTTP listener: Telegram's webhook (web, all), /health and /metrics (every role).

Every webhook request must carry X-Telegram-Bot-Api-Secret-Token equal to WEBHOOK_SECRET
(compared in constant time); anything else gets 403 and is not read further. An update is
handled once per update_id across all processes: its id is recorded (unique key) before it is
queued, and a second delivery, to this process or another, is answered 200 and dropped. An
update whose id cannot be recorded (the database is down) gets 500, so Telegram retries it.
Why not PTB's own webhook server (Updater.start_webhook): it checks the secret, but it cannot
serve /health and /metrics on the same port, and knows nothing of other processes, so it could
not drop an update another process already took.
/health and /metrics are for the operator's network only: bind WEBHOOK_LISTEN behind the proxy
that publishes WEBHOOK_URL, and publish only the webhook path.
"""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any
from urllib.parse import urlparse

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from telegram import Update

from bot.context import BotData
from bot.roles.lock import WorkerLock, lock_keys
from bot.roles.metrics import DUPLICATE_UPDATES, OUTBOX_LAG, OUTBOX_QUEUED, REGISTRY
from bot.services import roles as service

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def webhook_path(url: str | None) -> str:
    path = urlparse(url).path if url else ""
    return path if path and path != "/" else "/telegram"


class OpsServer:
    """aiohttp on WEBHOOK_LISTEN; the webhook route only where updates are received."""

    def __init__(
        self,
        app: Any,
        *,
        role: str,
        receive_updates: bool,
        lock: WorkerLock | None,
    ) -> None:
        self._app = app
        self._data: BotData = app.bot_data
        self._role = role
        self._receive = receive_updates
        self._lock = lock
        secret = self._data.settings.webhook_secret
        self._secret = secret.get_secret_value().encode() if secret else b""
        self._bot_id = int(app.bot.token.split(":", 1)[0])
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    def build(self) -> web.Application:
        http = web.Application(client_max_size=1024 * 1024)
        if self._receive:
            http.router.add_post(webhook_path(self._data.settings.webhook_url), self._webhook)
        http.router.add_get("/health", self._health)
        http.router.add_get("/metrics", self._metrics)
        return http

    async def start(self, host: str, port: int) -> None:
        self._runner = web.AppRunner(self.build(), access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, port).start()
        self.port = int(self._runner.addresses[0][1])
        log.info("listening on %s:%s (webhook: %s)", host, self.port, self._receive)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _webhook(self, request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not self._secret or not hmac.compare_digest(given, self._secret):
            return web.Response(status=403, text="forbidden")
        try:
            payload = await request.json()
            update = Update.de_json(payload, self._app.bot) if isinstance(payload, dict) else None
        except (ValueError, TypeError, KeyError, AttributeError):
            return web.Response(status=400, text="not an update")
        if update is None:
            return web.Response(status=400, text="not an update")
        try:
            first = await service.take_update(
                self._data.db, self._bot_id, update.update_id, self._data.clock.now()
            )
        except Exception:
            log.exception("update %s: could not record it; Telegram will retry", update.update_id)
            return web.Response(status=500, text="try again")
        if not first:
            DUPLICATE_UPDATES.inc()
            log.info("update %s arrived again; already taken", update.update_id)
            return web.Response(text="ok")
        await self._app.update_queue.put(update)
        return web.Response(text="ok")

    async def _health(self, request: web.Request) -> web.Response:
        keys = lock_keys(self._bot_id)
        found = await service.health(self._data.db, self._data.clock.now(), keys)
        this = self._lock is not None and self._lock.held
        if self._data.db.is_sqlite:
            holder: str | None = "this process (SQLite: a single process)"
        else:
            holder = found.lock_holder
        body = {
            "role": self._role,
            "status": "ok" if found.database_ok else "error",
            "database": "ok" if found.database_ok else f"error: {found.error}",
            "worker_lock": {
                "held_by": holder,
                "this_process": this or self._data.db.is_sqlite,
                "name": self._lock.name if self._lock is not None else None,
            },
            "outbox": {"queued": found.queued, "lag_s": found.lag_s},
        }
        return web.Response(
            status=200 if found.database_ok else 503,
            text=json.dumps(body, ensure_ascii=False),
            content_type="application/json",
        )

    async def _metrics(self, request: web.Request) -> web.Response:
        found = await service.health(self._data.db, self._data.clock.now(), None)
        if found.database_ok:
            OUTBOX_QUEUED.set(found.queued or 0)
            OUTBOX_LAG.set(found.lag_s or 0.0)
        return web.Response(
            body=generate_latest(REGISTRY),
            headers={"Content-Type": CONTENT_TYPE_LATEST},
        )
