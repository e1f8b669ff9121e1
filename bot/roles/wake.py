"""A web process's new notices wake the worker at once (PostgreSQL NOTIFY), instead of waiting
for the sender's next poll of the outbox (1 s)."""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)


def channel(bot_id: int) -> str:
    return f"partybot_outbox_{bot_id}"


class NotifyWaker:
    """The `Waker` a web process enqueues through: one NOTIFY at a time, and one more if
    more rows came while it was on its way (a burst of enqueues costs two round trips)."""

    def __init__(self, engine: AsyncEngine, bot_id: int) -> None:
        self._engine = engine
        self._channel = channel(bot_id)
        self._task: asyncio.Task[None] | None = None
        self._again = False

    def wake(self) -> None:
        if self._task is not None and not self._task.done():
            self._again = True
            return
        self._task = asyncio.get_running_loop().create_task(self._notify())

    async def _notify(self) -> None:
        while True:
            self._again = False
            try:
                async with self._engine.begin() as conn:
                    await conn.execute(text("SELECT pg_notify(:c, '')"), {"c": self._channel})
            except Exception:  # the worker's poll finds the rows a second later anyway
                log.debug("could not notify the worker", exc_info=True)
            if not self._again:
                return

    async def close(self) -> None:
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)
