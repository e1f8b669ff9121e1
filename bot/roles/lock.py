"""The worker lock: one PostgreSQL advisory lock, held on its own connection for the process's
life. PostgreSQL releases it the moment that connection ends (a kill -9 closes the socket), so a
standby that retries every RETRY_S seconds takes over within a few seconds."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

# pg_try_advisory_lock(int4, int4): "PBWK" and the bot's id, so two bots may share a database.
LOCK_CLASS = 0x5042574B
RETRY_S = 2.0
CHECK_S = 2.0


def lock_keys(bot_id: int) -> tuple[int, int]:
    return LOCK_CLASS, bot_id % 2_147_483_647


def asyncpg_dsn(database_url: str) -> str:
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class LockLost(RuntimeError):
    """The lock's connection ended: another worker may hold the lock now."""


class WorkerLock:
    """Try, wait, hold, watch; `name` shows in pg_stat_activity (and so in /health)."""

    def __init__(self, database_url: str, bot_id: int, role: str) -> None:
        self._dsn = asyncpg_dsn(database_url)
        self._keys = lock_keys(bot_id)
        self.name = f"partybot-{role} {socket.gethostname()} pid {os.getpid()}"[:63]
        self._conn: asyncpg.Connection | None = None
        self.held = False

    async def _try(self) -> bool:
        if self._conn is None or self._conn.is_closed():
            self._conn = await asyncpg.connect(
                self._dsn, timeout=10, server_settings={"application_name": self.name}
            )
        got = await self._conn.fetchval("SELECT pg_try_advisory_lock($1, $2)", *self._keys)
        return bool(got)

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait for the lock (trying every RETRY_S); False if `stop` was set first."""
        told = False
        while not stop.is_set():
            try:
                if await self._try():
                    self.held = True
                    log.info("worker lock taken (%s)", self.name)
                    return True
            except (OSError, asyncpg.PostgresError, TimeoutError):
                log.warning("worker lock: database unavailable; trying again", exc_info=True)
                await self._drop()
            if not told:
                log.info("another worker is active; standing by")
                told = True
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), RETRY_S)
        return False

    async def watch(self, stop: asyncio.Event) -> None:
        """Return when `stop` is set; raise LockLost if the lock's connection ends first."""
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), CHECK_S)
            if stop.is_set():
                return
            try:
                if self._conn is None:  # an explicit check: asserts vanish under python -O
                    raise OSError("the lock's connection is gone")
                await asyncio.wait_for(self._conn.fetchval("SELECT 1"), CHECK_S * 2)
            except (OSError, asyncpg.PostgresError, TimeoutError) as exc:
                self.held = False
                raise LockLost(str(exc)) from exc

    async def listen(self, channel: str, wake: Callable[[], None]) -> None:
        """Call `wake` on every NOTIFY on `channel`, on the lock's own connection (held for the
        worker's life: no second connection for it)."""
        if self._conn is None:
            raise OSError("the worker lock is not held")
        await self._conn.add_listener(channel, lambda *_: wake())

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(Exception):
                await conn.close(timeout=2)

    async def release(self) -> None:
        """Closing the connection releases the lock."""
        self.held = False
        await self._drop()
