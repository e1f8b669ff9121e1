"""Concurrent update processing: each person's updates in order, no person holding everyone up.

PTB's `BaseUpdateProcessor.process_update` is final and takes its semaphore *before* calling
`do_process_update`, so a per-person lock taken inside would make a person's queued updates sit
on processing slots while they wait for that person's earlier ones: one account sending a burst
then held every slot and stalled everybody (issue 8). So the base class gets an effectively
unbounded limit and the real bound is our own semaphore, taken only after the person's lock:
a waiting update holds nothing but its place in its owner's queue.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.roles.metrics import HANDLER_SECONDS, UPDATES

log = logging.getLogger(__name__)

# Larger than any number of updates that can be in flight; PTB only checks it is > 1.
_UNBOUNDED = 1 << 30

FloodHandler = Callable[[Update], Awaitable[None]]


class _Slot:
    """One update's processing slot, which it may lend back while it waits on something slow."""

    def __init__(self, semaphore: asyncio.Semaphore) -> None:
        self._semaphore = semaphore
        self._held = False
        self._away = 0  # nested or parallel `lent()` blocks of this update
        self._done = False

    async def acquire(self) -> None:
        await self._semaphore.acquire()
        self._held = True

    def release(self) -> None:
        self._done = True
        if self._held:
            self._held = False
            self._semaphore.release()

    @asynccontextmanager
    async def lent(self) -> AsyncIterator[None]:
        """Give the slot back for the duration of the block, then wait for one again."""
        self._away += 1
        if self._held:
            self._held = False
            self._semaphore.release()
        try:
            yield
        finally:
            self._away -= 1
            if self._away == 0 and not self._done and not self._held:
                await self._semaphore.acquire()
                if self._done:  # the update ended while this task waited for a slot
                    self._semaphore.release()
                else:
                    self._held = True


_current_slot: contextvars.ContextVar[_Slot | None] = contextvars.ContextVar(
    "partybot_update_slot", default=None
)


@asynccontextmanager
async def slot_lent() -> AsyncIterator[None]:
    """While waiting for something that is not CPU or database work (a send slot from the rate
    limiter), let other people's updates use this update's processing slot. Outside an update
    (jobs, the outbox sender) it does nothing."""
    slot = _current_slot.get()
    if slot is None:
        yield
        return
    async with slot.lent():
        yield


@dataclass
class _Person:
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0  # updates of this person inside the processor, the running one included
    flooding: bool = False  # set when the queue passed the bound; cleared when it drains
    dropped: int = 0


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Up to `max_concurrent_updates` at once, but one at a time per user (or chat).

    Conversations and multi-step flows assume a person's second tap is handled after the first;
    PTB's SimpleUpdateProcessor gives concurrency without that guarantee.

    A person with `flood_queue` updates already queued is flooding: further updates are
    dropped (never processed) until the queue drains, and `on_flood` is called once per such
    episode so the person can be told kindly.
    """

    def __init__(
        self,
        max_concurrent_updates: int,
        *,
        flood_queue: int = 20,
        on_flood: FloodHandler | None = None,
    ) -> None:
        if max_concurrent_updates < 1:
            raise ValueError("`max_concurrent_updates` must be a positive integer!")
        if flood_queue < 1:
            raise ValueError("`flood_queue` must be a positive integer")
        # The base class sizes its semaphore from the `max_concurrent_updates` property, which
        # reports the configured bound: let it read "unbounded" until it is built.
        self._limit = _UNBOUNDED
        super().__init__(_UNBOUNDED)
        self._limit = max_concurrent_updates
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._in_slot = 0
        self._people: dict[int, _Person] = {}
        self.flood_queue = flood_queue
        self.on_flood = on_flood
        self._notices: set[asyncio.Task[None]] = set()

    @property
    def max_concurrent_updates(self) -> int:
        """The configured bound (the base class's own semaphore is deliberately unbounded)."""
        return self._limit

    @property
    def current_concurrent_updates(self) -> int:
        return self._in_slot

    def queued(self, key: int) -> int:
        """Updates of this person waiting or running (for tests and logs)."""
        person = self._people.get(key)
        return person.waiting if person else 0

    @staticmethod
    def _key(update: object) -> int | None:
        if isinstance(update, Update):
            if update.effective_user is not None:
                return update.effective_user.id
            if update.effective_chat is not None:
                return update.effective_chat.id
        return None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = self._key(update)
        if key is None:
            await self._run(coroutine)
            return
        person = self._people.setdefault(key, _Person())
        if person.waiting >= self.flood_queue:
            self._drop(key, person, update, coroutine)
            return
        person.waiting += 1
        try:
            async with person.lock:
                await self._run(coroutine)
        finally:
            person.waiting -= 1
            if person.waiting == 0:
                # Forget idle people so the table does not grow with every person ever seen;
                # this also ends a flood episode.
                if person.flooding:
                    log.info("user=%s flood over: %d updates dropped", key, person.dropped)
                del self._people[key]

    async def _run(self, coroutine: Awaitable[Any]) -> None:
        slot = _Slot(self._slots)
        await slot.acquire()
        self._in_slot += 1
        token = _current_slot.set(slot)
        started = time.monotonic()
        try:
            await coroutine
        finally:
            took = time.monotonic() - started
            HANDLER_SECONDS.observe(took)
            UPDATES.inc()
            # Ids and times only: what an update held is logged by nobody unless the personal
            # data switch is on (bot/logs.py).
            log.debug("update handled in %.1f ms, %d in slots", took * 1000, self._in_slot)
            _current_slot.reset(token)
            self._in_slot -= 1
            slot.release()

    def _drop(self, key: int, person: _Person, update: object, coroutine: Awaitable[Any]) -> None:
        if inspect.iscoroutine(coroutine):
            coroutine.close()  # never awaited on purpose; closing avoids the runtime warning
        person.dropped += 1
        if person.flooding:
            return
        person.flooding = True
        log.warning(
            "user=%s is flooding (%d updates queued); dropping further updates until it drains",
            key,
            person.waiting,
        )
        if self.on_flood is not None and isinstance(update, Update):
            task = asyncio.create_task(self._notify(self.on_flood, update))
            self._notices.add(task)
            task.add_done_callback(self._notices.discard)

    @staticmethod
    async def _notify(handler: FloodHandler, update: Update) -> None:
        try:
            await handler(update)
        except Exception:
            log.warning("could not tell a flooding user to slow down", exc_info=True)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Let a flood notice that is already on its way finish."""
        if self._notices:
            await asyncio.gather(*self._notices, return_exceptions=True)
