"""A PTB rate limiter that books every Bot API call with the Pacer and charges 429s where due.

Priority comes from `rate_limit_args={"priority": "bulk"}` on a bot call (default:
interactive). The limiter sleeps until the booked time, then calls the API.

- RetryAfter is charged where it came from (`bot.domain.delivery.flood.charge_429`, from the
  pacer's own record of the second before the refused call): to its chat when that chat had a
  message within its window, to the whole bot only when the bot was at its global rate or
  several chats were refused at once.
  - Charged to the bot: every counted call pauses for retry_after + `retry_margin_s`, and the
    limiter tries the same call again (during the pause every call would fail anyway).
  - Charged to a chat: only that chat waits. A reply is tried again after the hold; a bulk
    send is handed back at once (RetryAfter), so the outbox keeps the row and the send slot
    goes to another chat.
  - A call is retried up to `max_retries` times; if the wait is longer than the priority's
    `max_wait_s` or the retries are used up, RetryAfter is raised to the caller.
- Reads, callback answers and getUpdates (FREE calls) are never held by a pause: a 429 on one
  of them is waited out by that call alone.
- Every other error is raised untouched: the outbox owns retries and must see them.
- Bulk calls book at most about `bulk_lookahead_s` ahead (first come, first booked), so a
  gather() of thousands is fed to the pacer as slots come near, and bulk switches to its
  smaller share within a third of a second of interactive traffic appearing.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import logging
import math
import time
import warnings
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from telegram.error import (
    BadRequest,
    ChatMigrated,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import BaseRateLimiter
from telegram.warnings import PTBDeprecationWarning

from bot.domain import pacing
from bot.domain.delivery.errors import Decision, classify
from bot.domain.delivery.flood import FloodScope, RefusalContext, charge_429
from bot.domain.pacing import CallKind, ChatKey, Pacer, Priority
from bot.plumbing.processor import slot_lent
from bot.roles.metrics import CALLS, RETRY_AFTER

__all__ = ["LimiterStats", "PacedRateLimiter", "classify_exception", "retry_after_seconds"]

log = logging.getLogger(__name__)

ApiResult = bool | dict[str, Any] | list[dict[str, Any]]
DEFAULT_MAX_WAIT_S: Mapping[Priority, float] = {Priority.INTERACTIVE: 30.0, Priority.BULK: 60.0}


@dataclass(frozen=True, slots=True)
class LimiterStats:
    """Counters since start (sent = calls that went through, free ones included).

    `paused_for_s` is what is left of the current bot-wide 429 pause; `booked_ahead` counts
    calls booked for later; `bulk_waiting` counts bulk calls not yet booked (beyond the
    lookahead); `charged_to_chat` / `charged_globally` count 429s by where they were charged.
    """

    sent_interactive: int
    sent_bulk: int
    retry_after_seen: int
    retry_after_raised: int
    paused_for_s: float
    bulk_waiting: int
    booked_ahead: int
    charged_to_chat: int = 0
    charged_globally: int = 0


class SharedBudgetGate(Protocol):
    """The bot's budget shared with its other processes (bot.roles.budget.SharedBudget)."""

    async def wait(self, chat: ChatKey | None, priority: Priority, kind: CallKind) -> None: ...

    async def hold(self, chat: ChatKey | None, seconds: float) -> None: ...


class PacedRateLimiter(BaseRateLimiter[dict[str, Any]]):
    """Smooth pacing under Telegram's limits with a reserved share for interactive replies."""

    def __init__(
        self,
        config: pacing.PacerConfig | None = None,
        *,
        max_retries: int = 3,
        retry_margin_s: float = 0.25,
        max_wait_s: Mapping[Priority, float] = DEFAULT_MAX_WAIT_S,
        bulk_lookahead_s: float = 0.3,
        max_bulk_booked: int = 512,
        time_source: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._pacer = Pacer(config)
        self._max_retries = max_retries
        self._retry_margin_s = retry_margin_s
        self._max_wait_s = dict(max_wait_s)
        self._lookahead_s = bulk_lookahead_s
        self._max_bulk_booked = max_bulk_booked
        self._time = time_source
        self._sleep = sleep
        self._bulk_queue: deque[asyncio.Future[None]] = deque()
        self._bulk_admitted = 0  # let through the queue, not yet booked
        self._bulk_booked = 0  # booked, still waiting for their slot
        self._sent = dict.fromkeys(Priority, 0)
        self._retry_after_seen = 0
        self._retry_after_raised = 0
        self._charged = dict.fromkeys(FloodScope, 0)
        self._round_trip_s: float | None = None
        # When counted calls actually left: bookings keep the limits on paper, but a stalled
        # event loop wakes several sleepers at once; this keeps the real departures within them.
        self._departed: deque[float] = deque()
        self._refusals: deque[tuple[float, ChatKey]] = deque()
        # Set when several processes send for the bot (roles on PostgreSQL): after the local
        # pacer, each counted call also books a slot there, so together they keep the limits.
        self.shared: SharedBudgetGate | None = None

    @property
    def pacer(self) -> Pacer:
        """The pacer every call is booked with."""
        return self._pacer

    async def initialize(self) -> None:
        """Nothing to open: the limiter holds no I/O resources."""

    async def shutdown(self) -> None:
        """Nothing to close: calls still waiting end with their tasks."""

    @property
    def round_trip_s(self) -> float:
        """A moving average of how long a counted call takes once it leaves (0 before any)."""
        return self._round_trip_s or 0.0

    def _note_round_trip(self, seconds: float) -> None:
        old = self._round_trip_s
        self._round_trip_s = seconds if old is None else old + (seconds - old) * 0.2

    def stats(self) -> LimiterStats:
        """A snapshot of the counters."""
        now = self._time()
        return LimiterStats(
            sent_interactive=self._sent[Priority.INTERACTIVE],
            sent_bulk=self._sent[Priority.BULK],
            retry_after_seen=self._retry_after_seen,
            retry_after_raised=self._retry_after_raised,
            paused_for_s=max(0.0, self._pacer.paused_until - now),
            bulk_waiting=len(self._bulk_queue),
            booked_ahead=self._pacer.pending(now),
            charged_to_chat=self._charged[FloodScope.CHAT],
            charged_globally=self._charged[FloodScope.GLOBAL],
        )

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, ApiResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: dict[str, Any] | None,
    ) -> ApiResult:
        """Wait for the booked slot, call the API, and retry it after a 429 pause."""
        priority = _priority(rate_limit_args)
        # Told when the call leaves for Telegram: before that, cancelling it sends nothing.
        departure = (rate_limit_args or {}).get("on_departure")
        chat = _chat_key(data.get("chat_id"))
        kind = pacing.call_kind(endpoint)
        attempt = 0
        while True:
            booked_at = await self._wait_turn(chat, priority, kind)
            # The shared wait counts in the round trip: the outbox sizes its in-flight window
            # from it, and rows waiting there for the other processes' share are in flight too.
            left = self._time()
            if self.shared is not None and kind is not CallKind.FREE:
                async with slot_lent():
                    await self.shared.wait(chat, priority, kind)
            if departure is not None:
                departure()
            try:
                result = await callback(*args, **kwargs)
            except RetryAfter as exc:
                attempt += 1
                wait = await self._on_retry_after(exc, endpoint, chat, kind, booked_at, priority)
                if wait is None or attempt > self._max_retries or wait > self._max_wait_s[priority]:
                    self._retry_after_raised += 1
                    raise
                continue
            self._sent[priority] += 1
            CALLS.labels(priority.value, kind.value).inc()
            if kind is not CallKind.FREE:  # getUpdates long-polls: its time says nothing
                self._note_round_trip(self._time() - left)
            return result

    async def _on_retry_after(
        self,
        exc: RetryAfter,
        endpoint: str,
        chat: ChatKey | None,
        kind: CallKind,
        booked_at: float,
        priority: Priority,
    ) -> float | None:
        """Charge the 429; how long this call now waits (None: hand it back to the caller)."""
        self._retry_after_seen += 1
        now = self._time()
        seconds = retry_after_seconds(exc)
        until = now + seconds + self._retry_margin_s
        if kind is CallKind.FREE:
            RETRY_AFTER.labels("free").inc()
            # Not a message: nothing else waits for it; this call alone sleeps and tries again.
            if seconds <= self._max_wait_s[priority]:
                await self._sleep(until - now)
            return seconds
        scope = self._charge(chat, booked_at, now)
        self._charged[scope] += 1
        RETRY_AFTER.labels(scope.value).inc()
        if self.shared is not None:
            await self.shared.hold(None if scope is FloodScope.GLOBAL else chat, until - now)
        if scope is FloodScope.GLOBAL or chat is None:
            log.warning(
                "Telegram asked to wait %.1f s (on %s to %s); pausing all messages",
                seconds,
                endpoint,
                chat,
            )
            self._pacer.pause_until(until, now)
            return self._pacer.paused_until - now
        log.info(
            "Telegram asked to wait %.1f s (on %s to %s); holding that chat",
            seconds,
            endpoint,
            chat,
        )
        self._pacer.hold_chat(chat, until, now)
        if priority is Priority.BULK:
            return None  # the outbox keeps the row; the slot goes to another chat meanwhile
        return self._pacer.chat_held_until(chat) - now

    def _charge(self, chat: ChatKey | None, booked_at: float, now: float) -> FloodScope:
        while self._refusals and now - self._refusals[0][0] >= 1.0:
            self._refusals.popleft()
        if chat is not None:
            self._refusals.append((now, chat))
        cfg = self._pacer.config
        window = cfg.group_window_s if chat is not None and pacing.is_group_chat(chat) else 1.0
        return charge_429(
            RefusalContext(
                has_chat=chat is not None,
                chat_recent=chat is not None
                and self._pacer.sent_to_chat_within(chat, booked_at, window),
                calls_last_second=self._pacer.counted_within(booked_at, 1.0),
                global_limit=cfg.max_per_window,
                chats_refused=len({c for _, c in self._refusals}),
            )
        )

    async def _wait_turn(self, chat: ChatKey | None, priority: Priority, kind: CallKind) -> float:
        """Book a slot and sleep until it (returns its time); a cancelled wait gives it back."""
        if kind is CallKind.FREE:
            return self._pacer.reserve(chat, priority, self._time(), kind).at
        bulk = priority is Priority.BULK
        if bulk:
            queued = await self._bulk_turn()
            if queued:
                self._bulk_admitted -= 1
            self._bulk_booked += 1
        try:
            booked = self._pacer.reserve(chat, priority, self._time(), kind)
            if bulk:
                self._admit_bulk()
            try:
                await self._sleep_until(booked, priority)
                await self._depart()
            except BaseException:
                self._pacer.cancel(booked)
                raise
            return booked.at
        finally:
            if bulk:
                self._bulk_booked -= 1
                self._admit_bulk()

    async def _depart(self) -> None:
        """Wait while the calls that really left fill a window (after a stall of the loop)."""
        cfg = self._pacer.config
        while True:
            now = self._time()
            while self._departed and now - self._departed[0] >= cfg.window:
                self._departed.popleft()
            if len(self._departed) < cfg.max_per_window:
                self._departed.append(now)
                return
            await self._sleep(self._departed[0] + cfg.window - now)

    async def _sleep_until(self, booked: pacing.Reservation, priority: Priority) -> None:
        # A 429 while we sleep moves our booking (booked.at), so look again after every nap.
        while True:
            now = self._time()
            held = self._pacer.chat_held_until(booked.chat) if booked.chat is not None else now
            pause_left = max(self._pacer.paused_until, held) - now
            if pause_left > self._max_wait_s[priority]:
                self._retry_after_raised += 1
                raise _retry_after_error(pause_left)
            due = max(booked.at, self._pacer.paused_until)
            if due <= now:
                return
            async with slot_lent():  # others' updates may run while this one waits to send
                await self._sleep(due - now)

    async def _bulk_turn(self) -> bool:
        """Wait until bulk may book again (first come, first served); True if it queued."""
        if not self._bulk_queue and not self._bulk_admitted and self._bulk_may_book():
            return False
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._bulk_queue.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._bulk_admitted -= 1
            else:
                # _admit_bulk may already have dropped the cancelled turn from the queue.
                with contextlib.suppress(ValueError):
                    self._bulk_queue.remove(turn)
            self._admit_bulk()
            raise
        return True

    def _bulk_may_book(self) -> bool:
        if self._bulk_booked == 0:
            return True  # nobody is left to wake the queue, so let one through
        if self._bulk_booked >= self._max_bulk_booked:
            return False
        now = self._time()
        return self._pacer.next_bulk_slot(now) < now + self._lookahead_s

    def _admit_bulk(self) -> None:
        """Let the next queued bulk call book, one at a time (it calls back here once booked)."""
        while self._bulk_queue and not self._bulk_admitted and self._bulk_may_book():
            turn = self._bulk_queue.popleft()
            if turn.done():
                continue
            turn.set_result(None)
            self._bulk_admitted += 1


def retry_after_seconds(exc: RetryAfter) -> float:
    """Seconds Telegram asked us to wait."""
    # The public `retry_after` warns (PTB 22 deprecation) unless PTB_TIMEDELTA is set.
    return exc._retry_after.total_seconds()


def classify_exception(exc: BaseException, attempt: int, **options: Any) -> Decision:
    """Map a PTB exception from a send to the outbox decision (see delivery_errors.classify)."""
    retry_after: float | None = None
    new_chat_id: int | None = None
    if isinstance(exc, RetryAfter):
        kind, retry_after = "retry_after", retry_after_seconds(exc)
    elif isinstance(exc, ChatMigrated):
        kind, new_chat_id = "chat_migrated", exc.new_chat_id
    elif isinstance(exc, Forbidden):
        kind = "forbidden"
    elif isinstance(exc, BadRequest):
        kind = "bad_request"
    elif isinstance(exc, TimedOut | asyncio.TimeoutError):
        kind = "timed_out"
    elif isinstance(exc, InvalidToken | EndPointNotFound):
        kind = "unauthorized"
    elif isinstance(exc, NetworkError | OSError):
        kind = "network"
    else:
        kind = "unknown"
    return classify(kind, str(exc), retry_after, attempt, new_chat_id=new_chat_id, **options)


def _retry_after_error(seconds: float) -> RetryAfter:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        return RetryAfter(dtm.timedelta(seconds=math.ceil(seconds)))


def _priority(rate_limit_args: dict[str, Any] | None) -> Priority:
    if not rate_limit_args:
        return Priority.INTERACTIVE
    return Priority(rate_limit_args.get("priority", Priority.INTERACTIVE))


def _chat_key(chat_id: object) -> ChatKey | None:
    if chat_id is None or isinstance(chat_id, bool):
        return None
    if isinstance(chat_id, int):
        return chat_id
    text = str(chat_id).strip()
    try:
        return int(text)
    except ValueError:
        return text.lower()
