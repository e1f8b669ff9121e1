"""The sender: one asyncio task per process that drains the outbox as fast as Telegram allows.

Pacing is the rate limiter's job (every call here is booked as "bulk", so people's replies keep
their reserved share). This loop keeps the outbox durable and duplicates rare:

- it claims a small batch of due rows in one transaction (SKIP LOCKED on PostgreSQL; SQLite's
  BEGIN IMMEDIATE serialises claimers), then marks ONE row `sending` and commits before calling
  Telegram, so a hard kill can duplicate at most that one message;
- the outcome of a send is committed together with marking the next row, one transaction per
  message, which keeps a single in-flight send fast enough for the full 30/s;
- rows left `sending` by a dead process are re-queued once their lease runs out (a live send
  renews its lease), and a graceful stop finishes the send in flight and gives back the rest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application, ExtBot

from bot.context import BotData
from bot.domain.delivery_errors import Action, Decision, UnreachableReason
from bot.domain.pacing import CallKind, Priority
from bot.ratelimit import PacedRateLimiter, classify_exception
from bot.services import broadcast, notices
from bot.services.identity import language_of
from bot.services.notices import Content
from bot.texts import t
from handlers.delivery_render import final_report, progress_text
from storage.repos import core as core_repo
from storage.repos import delivery as repo

log = logging.getLogger(__name__)

# Rows whose chat could only take a message this much later than others go to the batch's end.
HOT_CHAT_S = 0.3
BULK: dict[str, Any] = {"priority": "bulk"}


@dataclass(frozen=True)
class _NoticeInfo:
    content: dict[str, Content]
    ack: bool


@dataclass
class _Outcome:
    """What one send ended with, waiting to be committed with the next row's claim."""

    row: repo.Claimed
    values: dict[str, Any]
    blocked_tg_id: int | None = None
    migrated: tuple[int, int] | None = None


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
    ) -> None:
        self._app = app
        self._data: BotData = app.bot_data
        self._batch_size = batch_size
        self._lease = lease
        self._claim_lease = claim_lease
        self._poll_s = poll_s
        self._progress_every_s = progress_every_s
        self._reap_every_s = reap_every_s
        self._token = secrets.token_hex(8)
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._notices: dict[int, _NoticeInfo] = {}
        self._touched: set[int] = set()
        self._shown: dict[int, str] = {}
        self._in_flight: int | None = None
        self._last_progress = 0.0
        self._last_reap = 0.0
        self.sent = 0

    def _now(self) -> datetime:
        return self._data.clock.now()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="delivery-sender")

    def wake(self) -> None:
        self._wake.set()

    async def stop(self, timeout: float = 15.0) -> None:  # noqa: ASYNC109 - a bounded shutdown
        """Finish the send in flight, give back claimed rows, end the task."""
        self._stopping = True
        self._wake.set()
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
        while not self._stopping:
            try:
                await self._maybe_reap()
                worked = await self._drain_batch()
                await self._report_progress(force=not worked)
            except Exception:
                log.exception("delivery sender failed; trying again shortly")
                worked = False
            if not worked and not self._stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self._poll_s)
            self._wake.clear()
        with contextlib.suppress(Exception):
            async with self._data.db.transaction() as session:
                await repo.release_claims(session, self._token)
        log.info("delivery sender stopped")

    async def _maybe_reap(self) -> None:
        if time.monotonic() - self._last_reap < self._reap_every_s:
            return
        self._last_reap = time.monotonic()
        keep = [self._in_flight] if self._in_flight is not None else []
        async with self._data.db.transaction() as session:
            count = await repo.requeue_expired(session, self._now(), keep)
            # Finished while no sender was left to close them (a stop between the last send and
            # the final report): report them now.
            self._touched.update(await repo.unsettled_notices(session))
        if count:
            log.warning("re-queued %d deliveries left in flight by a stopped process", count)

    async def _drain_batch(self) -> bool:
        """Claim due rows and send them one at a time; False if nothing was due."""
        now = self._now()
        async with self._data.db.transaction() as session:
            rows = await repo.claim_due(
                session, now, self._batch_size, self._token, now + self._claim_lease
            )
            await self._load_notices(session, {r.notice_id for r in rows})
        if not rows:
            return False
        pending: _Outcome | None = None
        queue = deque(rows)
        deferred: set[int] = set()
        while queue:
            row = queue.popleft()
            if self._stopping:
                break
            if row.id not in deferred and queue and self._chat_wait(row.chat_id) > HOT_CHAT_S:
                # One send in flight at a time: a chat busy with replies must not hold up the rest.
                deferred.add(row.id)
                queue.append(row)
                continue
            try:
                async with self._data.db.transaction() as session:
                    if pending is not None:
                        await self._apply(session, pending)
                    marked = await repo.mark_sending(
                        session, row.id, self._token, self._now() + self._lease
                    )
            except Exception:
                if pending is not None:
                    await self._retry_outcome(pending)
                raise
            pending = None
            if marked:
                pending = await self._send_leased(row)
            if time.monotonic() - self._last_progress >= self._progress_every_s:
                if pending is not None:
                    await self._record(pending)
                    pending = None
                await self._report_progress(force=False)
        if pending is not None:
            await self._record(pending)
        return True

    async def _record(self, outcome: _Outcome) -> None:
        """Apply a send's outcome in its own transaction (retried once if the commit fails)."""
        try:
            async with self._data.db.transaction() as session:
                await self._apply(session, outcome)
        except Exception:
            await self._retry_outcome(outcome)

    async def _retry_outcome(self, outcome: _Outcome) -> None:
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
        """How much later than any other chat this one could get a bulk message now."""
        limiter = self._app.bot.rate_limiter
        if chat_id is None or not isinstance(limiter, PacedRateLimiter):
            return 0.0
        pacer = limiter.pacer
        now = time.monotonic()
        # A dry run with the pacer's public booking API: book, read the time, give it back.
        booked = pacer.reserve(chat_id, Priority.BULK, now, CallKind.SEND)
        pacer.cancel(booked)
        return booked.at - pacer.next_bulk_slot(now)

    async def _load_notices(self, session: Any, ids: set[int]) -> None:
        if len(self._notices) > 512:
            self._notices.clear()
        for notice_id in ids - self._notices.keys():
            notice = await repo.notice(session, notice_id)
            if notice is None:
                continue
            content = {lang: Content.from_json(raw) for lang, raw in notice.content.items()}
            self._notices[notice_id] = _NoticeInfo(content, notice.ack)

    async def _send_leased(self, row: repo.Claimed) -> _Outcome:
        """Send one row, renewing its lease while Telegram (or a 429 pause) keeps us waiting."""
        self._in_flight = row.id
        task = asyncio.ensure_future(self._send(row))
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=self._lease.total_seconds() / 3)
                if done:
                    return task.result()
                async with self._data.db.transaction() as session:
                    await repo.extend_lease(session, row.id, self._token, self._now() + self._lease)
        finally:
            self._in_flight = None
            if not task.done():
                task.cancel()

    async def _send(self, row: repo.Claimed) -> _Outcome:
        info = self._notices.get(row.notice_id)
        if info is None or row.chat_id is None:
            return _Outcome(row, {"state": "failed", "reason": "no_content"})
        content = info.content.get(row.lang) or info.content[notices.DEFAULT_LANG]
        try:
            message = await self._call(row, content, info.ack and row.member_id is not None)
        except Exception as exc:  # every failure is classified; none stops the others
            decision = classify_exception(exc, row.attempts + 1)
            if decision.action is Action.FAILED:
                log.warning("delivery %s failed for good: %s", row.id, exc)
            return self._outcome(row, decision, str(exc))
        self.sent += 1
        now = self._now()
        return _Outcome(
            row,
            {"state": "sent", "message_id": message.message_id, "sent_at": now, "error": None},
        )

    async def _call(self, row: repo.Claimed, content: Content, ack: bool) -> Message:
        rows = [list(r) for r in content.buttons]
        if ack:
            rows.append([(t("delivery.ack.button", row.lang), f"dl:ack:{row.id}")])
        markup = (
            InlineKeyboardMarkup(
                [[InlineKeyboardButton(text, callback_data=data) for text, data in r] for r in rows]
            )
            if rows
            else None
        )
        bot: ExtBot[dict[str, Any]] = self._app.bot
        chat = row.chat_id
        assert chat is not None
        if content.photo_file_id is not None:
            return await bot.send_photo(
                chat,
                content.photo_file_id,
                caption=content.caption,
                reply_markup=markup,
                rate_limit_args=BULK,
            )
        if content.document_file_id is not None:
            return await bot.send_document(
                chat,
                content.document_file_id,
                caption=content.caption,
                reply_markup=markup,
                rate_limit_args=BULK,
            )
        assert content.text is not None
        return await bot.send_message(chat, content.text, reply_markup=markup, rate_limit_args=BULK)

    def _outcome(self, row: repo.Claimed, decision: Decision, error: str) -> _Outcome:
        now = self._now()
        error = error[:500]
        if decision.action in (Action.RETRY_AFTER, Action.RETRY_BACKOFF):
            due = now + timedelta(seconds=decision.delay_s)
            return _Outcome(row, {"state": "queued", "next_attempt_at": due, "error": error})
        if decision.action is Action.MIGRATED and decision.new_chat_id is not None:
            assert row.chat_id is not None
            values = {"state": "queued", "chat_id": decision.new_chat_id, "next_attempt_at": now}
            return _Outcome(row, values, migrated=(row.chat_id, decision.new_chat_id))
        reason = str(decision.reason or "unknown")
        if decision.action is Action.UNREACHABLE:
            state = (
                "not_started" if decision.reason is UnreachableReason.NOT_STARTED else "unreachable"
            )
            private = row.chat_id is not None and row.chat_id > 0
            values = {"state": state, "reason": reason, "error": error}
            return _Outcome(row, values, blocked_tg_id=row.chat_id if private else None)
        return _Outcome(row, {"state": "failed", "reason": reason, "error": error})

    async def _apply(self, session: Any, outcome: _Outcome) -> None:
        row = outcome.row
        await repo.finish(session, row.id, self._token, **outcome.values)
        if outcome.blocked_tg_id is not None:
            await core_repo.mark_blocked(session, outcome.blocked_tg_id, self._now())
        if outcome.migrated is not None:
            await repo.move_group_chat(session, *outcome.migrated)
        self._touched.add(row.notice_id)

    async def _report_progress(self, *, force: bool) -> None:
        """Edit each running notice's progress message (every few seconds) or its final report."""
        if not force and time.monotonic() - self._last_progress < self._progress_every_s:
            return
        self._last_progress = time.monotonic()
        for notice_id in sorted(self._touched):
            try:
                await self._progress_one(notice_id, idle=force)
            except Exception:
                log.exception("could not update the progress of notice %s", notice_id)

    async def _progress_one(self, notice_id: int, *, idle: bool) -> None:
        now = self._now()
        if not idle:
            async with self._data.db.transaction() as session:
                found = await repo.notice(session, notice_id)
                chat_id = found.progress_chat_id if found else None
            if self._chat_wait(chat_id) > HOT_CHAT_S:
                return  # the secretary is busy in that chat: edit next time, don't stall sends
        async with self._data.db.transaction() as session:
            finished = await repo.settle_if_done(session, notice_id, now)
            notice = await repo.notice(session, notice_id)
            if notice is None or (notice.status != "sending" and not finished):
                self._touched.discard(notice_id)
                return
            if notice.progress_chat_id is None or notice.progress_message_id is None:
                if finished:
                    self._touched.discard(notice_id)
                return
            figures = await broadcast.report_of(session, notice_id)
            lang = await language_of(
                session, notice.progress_chat_id, self._data.settings.bot_default_language
            )
            chat, message_id = notice.progress_chat_id, notice.progress_message_id
        if finished:
            self._touched.discard(notice_id)
            self._shown.pop(notice_id, None)
            text, markup = final_report(figures, lang)
        else:
            text, markup = progress_text(figures, lang), None
            if self._shown.get(notice_id) == text:
                return
            self._shown[notice_id] = text
        await self._edit(chat, message_id, text, markup)

    async def _edit(
        self, chat: int, message_id: int, text: str, markup: InlineKeyboardMarkup | None
    ) -> None:
        try:
            await self._app.bot.edit_message_text(
                text, chat, message_id, reply_markup=markup, rate_limit_args=BULK
            )
        except BadRequest as exc:
            if "not modified" not in str(exc).lower():
                log.warning("progress message %s/%s not edited: %s", chat, message_id, exc)
        except TelegramError as exc:
            log.warning("progress message %s/%s not edited: %s", chat, message_id, exc)


def _sender(app: Application) -> Sender | None:  # type: ignore[type-arg]
    data: BotData = app.bot_data
    found = data.services.get(notices.SERVICE_NAME)
    return found if isinstance(found, Sender) else None


async def start(app: Application, **options: Any) -> Sender:  # type: ignore[type-arg]
    """Start this process's sender (idempotent); called from post_init."""
    running = _sender(app)
    if running is not None:
        return running
    sender = Sender(app, **options)
    data: BotData = app.bot_data
    data.services[notices.SERVICE_NAME] = sender
    sender.start()
    return sender


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    """Stop the sender before the database closes (post_stop)."""
    sender = _sender(app)
    if sender is None:
        return
    await sender.stop()
    data: BotData = app.bot_data
    data.services.pop(notices.SERVICE_NAME, None)


def wake(app: Application) -> None:  # type: ignore[type-arg]
    """New rows are due: send now instead of at the next poll."""
    sender = _sender(app)
    if sender is not None:
        sender.wake()
