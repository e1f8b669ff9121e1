"""The sender: one asyncio task per process that drains the outbox as fast as Telegram allows.

Pacing is the rate limiter's job (every call here is booked as "bulk", so people's replies keep
their reserved share). This loop keeps the outbox durable and duplicates bounded:

- it claims due rows a batch at a time (SKIP LOCKED on PostgreSQL; SQLite's BEGIN IMMEDIATE
  serialises claimers), topping the batch up before it runs dry so the pipeline never empties;
- it keeps an **in-flight window** of rows marked `sending`, each with its own lease, committed
  before Telegram is called: about 30 × round trip (plus the time to commit an outcome), which
  is what 30 messages a second need when each takes a round trip. A hard kill can send at most
  that window twice; `window()` says how large it is now (`max_in_flight` caps it);
- outcomes are committed together with marking the next rows, one transaction per turn of the
  loop, and a row leaves the window only once its outcome is committed;
- rows left `sending` by a dead process are re-queued once their lease runs out (live leases
  are renewed), and a graceful stop finishes what has left for Telegram, gives back what has
  not (the rate limiter says which) and releases the rest of the claim.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import secrets
import time
from collections import deque
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import Application

from bot.context import BotData
from bot.plumbing.ratelimit import PacedRateLimiter
from bot.roles.metrics import OUTBOX_SENT
from bot.services.delivery.notices import Content
from jobs.delivery.progress import HOT_CHAT_S, ProgressReporter, chat_wait
from jobs.delivery.send import Departure, NoticeInfo, Outcome, send_row
from storage.repos import core as core_repo
from storage.repos import delivery as repo

log = logging.getLogger(__name__)

# Calls a second the window is sized for, and what a row spends in the window beside its round
# trip (committing its outcome, the loop's turn, a pacer slot's wait).
TARGET_RATE = 30.0
WINDOW_SLACK_S = 0.3


class Sender:
    """Drains the outbox; `wake()` after enqueueing, `stop()` before the database closes."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        *,
        batch_size: int = 32,
        lease: timedelta = timedelta(seconds=20),
        claim_lease: timedelta = timedelta(seconds=10),
        poll_s: float = 1.0,
        progress_every_s: float = 3.0,
        reap_every_s: float = 10.0,
        min_in_flight: int = 4,
        max_in_flight: int = 32,
    ) -> None:
        self._app = app
        self._data: BotData = app.bot_data
        self._batch_size = batch_size
        self._lease = lease
        self._claim_lease = claim_lease
        self._poll_s = poll_s
        self._reap_every_s = reap_every_s
        self._min_in_flight = min_in_flight
        self._max_in_flight = max(min_in_flight, max_in_flight)
        self._token = secrets.token_hex(8)
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._progress: asyncio.Task[None] | None = None
        self._notices: dict[int, NoticeInfo] = {}
        self._db_turn = asyncio.Lock()
        self._reporter = ProgressReporter(app, progress_every_s, self._db_turn)
        self._touched = self._reporter.touched
        self._in_flight: dict[asyncio.Task[Outcome], tuple[repo.Claimed, Departure]] = {}
        self._done: list[Outcome] = []
        self._last_reap = 0.0
        self.sent = 0
        self.max_window_used = 0
        self.options: dict[str, Any] = {}  # what start() was given, to tell a restart apart

    def _now(self) -> datetime:
        return self._data.clock.now()

    def window(self) -> int:
        """Rows allowed `sending` at once: about 30 × (round trip + slack), within bounds."""
        limiter = self._app.bot.rate_limiter
        rtt = limiter.round_trip_s if isinstance(limiter, PacedRateLimiter) else 0.0
        wanted = math.ceil(TARGET_RATE * (rtt + WINDOW_SLACK_S))
        return max(self._min_in_flight, min(self._max_in_flight, wanted))

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="delivery-sender")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self, timeout: float = 15.0) -> None:  # noqa: ASYNC109 - a bounded shutdown
        """Finish the sends that left, give back the rest, end the task."""
        self._stopping = True
        self._wake.set()
        # Sends still waiting for their slot have not left: cancelling them sends nothing.
        for task, (_, departure) in self._in_flight.items():
            if not departure.left:
                task.cancel()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout)
        except TimeoutError:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> None:
        log.info("delivery sender started (claim token %s)", self._token)
        if self._data.sole_sender:
            await self._reclaim_orphans()
        while not self._stopping:
            try:
                await self._maybe_reap()
                worked = await self._pump()
                await self._report_progress(force=not worked)
            except Exception:
                log.exception("delivery sender failed; trying again shortly")
                worked = False
            if not worked and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll_s)
            self._wake.clear()
        if self._progress is not None:
            with contextlib.suppress(Exception):
                await self._progress
        with contextlib.suppress(Exception):
            async with self._data.db.transaction() as session:
                await repo.release_claims(session, self._token)
        log.info("delivery sender stopped")

    async def _reclaim_orphans(self) -> None:
        try:
            async with self._data.db.transaction() as session:
                count = await repo.reclaim_orphans(session, self._now(), self._token)
        except Exception:
            log.exception("could not take back a previous worker's rows; their leases will")
            return
        if count:
            log.warning("took back %d deliveries a previous worker held", count)

    async def _maybe_reap(self) -> None:
        if time.monotonic() - self._last_reap < self._reap_every_s:
            return
        self._last_reap = time.monotonic()
        keep = [row.id for row, _ in self._in_flight.values()] + [o.row.id for o in self._done]
        async with self._data.db.transaction() as session:
            count = await repo.requeue_expired(session, self._now(), keep)
            # Finished while no sender was left to close them (a stop between the last send and
            # the final report): report them now.
            self._touched.update(await repo.unsettled_notices(session))
        if count:
            log.warning("re-queued %d deliveries left in flight by a stopped process", count)

    async def _pump(self) -> bool:
        """Send due rows, a window of them in flight, until none is due; False if none was."""
        queue: deque[repo.Claimed] = deque()
        deferred: set[int] = set()
        worked, exhausted = False, False
        last_claim = last_renew = time.monotonic()
        try:
            while True:
                since_claim = time.monotonic() - last_claim
                if exhausted and (self._wake.is_set() or since_claim > self._poll_s):
                    self._wake.clear()
                    exhausted = False
                claim = not exhausted and not self._stopping and len(queue) < self.window()
                start = [] if self._stopping else self._pick(queue, deferred)
                renew = time.monotonic() - last_renew > self._lease.total_seconds() / 3
                if claim or start or self._done or renew:
                    claimed = await self._turn(start, claim, renew, queue)
                    if claim:
                        last_claim = time.monotonic()
                        exhausted = not claimed
                        worked = worked or bool(claimed)
                    if renew:
                        last_renew = time.monotonic()
                if not self._in_flight:
                    if self._stopping or (exhausted and not queue):
                        return worked
                    continue
                done, _ = await asyncio.wait(
                    set(self._in_flight),
                    timeout=min(self._poll_s, self._lease.total_seconds() / 3),
                    return_when=asyncio.FIRST_COMPLETED,
                )
                for task in done:
                    self._finish(task)
                if self._reporter.due():
                    self._progress_in_background()
        except asyncio.CancelledError:
            # Torn down without a stop (as a kill would): rows stay `sending` for the reaper.
            for task in self._in_flight:
                task.cancel()
            self._in_flight.clear()
            raise
        finally:
            await self._drain_in_flight()

    def _pick(self, queue: deque[repo.Claimed], deferred: set[int]) -> list[repo.Claimed]:
        """Rows to start now, as many as the window has room for; busy chats wait a turn."""
        room = self.window() - len(self._in_flight) - len(self._done)
        start: list[repo.Claimed] = []
        chats = {row.chat_id for row, _ in self._in_flight.values()}
        for _ in range(len(queue)):
            if len(start) >= room:
                break
            row = queue.popleft()
            busy = row.chat_id in chats or self._chat_wait(row.chat_id) > HOT_CHAT_S
            if busy and row.id not in deferred:
                # A chat busy with replies (or another copy) must not hold a send slot.
                deferred.add(row.id)
                queue.append(row)
                continue
            chats.add(row.chat_id)
            start.append(row)
        return start

    async def _turn(
        self, start: list[repo.Claimed], claim: bool, renew: bool, queue: deque[repo.Claimed]
    ) -> list[repo.Claimed]:
        """One transaction: commit finished outcomes, mark rows sending, top up the claim."""
        outcomes, self._done = self._done, []
        now = self._now()
        claimed: list[repo.Claimed] = []
        try:
            async with self._db_turn, self._data.db.transaction() as session:
                for outcome in outcomes:
                    await self._apply(session, outcome)
                marked = (
                    await repo.mark_sending_many(
                        session, [r.id for r in start], self._token, now + self._lease
                    )
                    if start
                    else set()
                )
                if renew:
                    held = [r.id for r, _ in self._in_flight.values()] + [r.id for r in queue]
                    await repo.extend_leases(session, held, self._token, now + self._lease)
                if claim:
                    claimed = await repo.claim_due(
                        session, now, self._batch_size, self._token, now + self._claim_lease
                    )
                    await self._load_notices(session, {r.notice_id for r in claimed})
        except Exception:
            for outcome in outcomes:
                await self._retry_outcome(outcome)
            queue.extendleft(reversed(start))
            raise
        queue.extend(claimed)
        for row in start:
            if row.id in marked:
                self._launch(row)
        used = len(self._in_flight)
        self.max_window_used = max(self.max_window_used, used)
        return claimed

    def _launch(self, row: repo.Claimed) -> None:
        departure = Departure()
        task = asyncio.ensure_future(
            send_row(self._app.bot, row, self._notices.get(row.notice_id), self._now, departure)
        )
        self._in_flight[task] = (row, departure)

    def _finish(self, task: asyncio.Task[Outcome]) -> None:
        row, _ = self._in_flight.pop(task)
        if task.cancelled():
            # Never left for Telegram (a graceful stop): back to the queue as it was.
            self._done.append(Outcome(row, {"state": "queued", "attempts": row.attempts}))
            return
        if task.exception() is not None:
            # A bug, not a Telegram answer: the row stays `sending` and its lease brings it back.
            log.error("delivery %s: the send crashed", row.id, exc_info=task.exception())
            return
        outcome = task.result()
        if outcome.values.get("state") == "sent":
            self.sent += 1
            OUTBOX_SENT.inc()
        self._done.append(outcome)

    async def _drain_in_flight(self) -> None:
        """Wait for sends still out (they may have reached Telegram) and commit every outcome."""
        if self._in_flight:
            await asyncio.wait(set(self._in_flight))
            for task in list(self._in_flight):
                self._finish(task)
        outcomes, self._done = self._done, []
        if outcomes:
            try:
                async with self._data.db.transaction() as session:
                    for outcome in outcomes:
                        await self._apply(session, outcome)
            except Exception:
                for outcome in outcomes:
                    with contextlib.suppress(Exception):
                        await self._retry_outcome(outcome)

    async def _retry_outcome(self, outcome: Outcome) -> None:
        """A sent message whose outcome is lost would be sent again: try once more, alone."""
        row_id = outcome.row.id
        log.warning("delivery %s: recording its outcome failed; retrying", row_id, exc_info=True)
        try:
            async with self._data.db.transaction() as session:
                await self._apply(session, outcome)
        except Exception:
            log.exception("delivery %s: the retry failed too; it may be sent again", row_id)
            raise
        log.info("delivery %s: outcome recorded on retry", row_id)

    def _chat_wait(self, chat_id: int | None) -> float:
        return chat_wait(self._app, chat_id)

    async def _load_notices(self, session: Any, ids: set[int]) -> None:
        if len(self._notices) > 512:
            self._notices.clear()
        for notice_id in ids - self._notices.keys():
            notice = await repo.notice(session, notice_id)
            if notice is None:
                continue
            content = {lang: Content.from_json(raw) for lang, raw in notice.content.items()}
            self._notices[notice_id] = NoticeInfo(content, notice.ack)

    async def _apply(self, session: Any, outcome: Outcome) -> None:
        row = outcome.row
        await repo.finish(session, row.id, self._token, **outcome.values)
        if outcome.blocked_tg_id is not None:
            await core_repo.mark_blocked(session, outcome.blocked_tg_id, self._now())
        if outcome.migrated is not None:
            await repo.move_group_chat(session, *outcome.migrated)
        self._touched.add(row.notice_id)

    def _progress_in_background(self) -> None:
        """Progress edits wait for their own slot; the sends must not wait for them."""
        if self._progress is None or self._progress.done():
            self._progress = asyncio.ensure_future(self._report_progress(force=False))

    async def _report_progress(self, *, force: bool) -> None:
        await self._reporter.report(force=force)


def _sender(app: Application) -> Sender | None:  # type: ignore[type-arg]
    data: BotData = app.bot_data
    return data.sender if isinstance(data.sender, Sender) else None


async def start(app: Application, **options: Any) -> Sender:  # type: ignore[type-arg]
    """Start this process's sender; called from post_init. Idempotent for the same options;
    other options (tests tune the poll and the progress interval) replace a running sender,
    stopped gracefully first, rather than being silently ignored."""
    running = _sender(app)
    if running is not None:
        if running.options == options:
            return running
        await stop(app)
    sender = Sender(app, **options)
    sender.options = dict(options)
    data: BotData = app.bot_data
    data.sender = sender
    sender.start()
    return sender


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    """Stop the sender before the database closes (post_stop)."""
    sender = _sender(app)
    if sender is None:
        return
    await sender.stop()
    data: BotData = app.bot_data
    data.sender = None


def wake(app: Application) -> None:  # type: ignore[type-arg]
    """New rows are due: send now instead of at the next poll."""
    sender = _sender(app)
    if sender is not None:
        sender.wake()
