"""The secretary's live progress message for a running notice, and its final report."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.context import BotData
from bot.domain.delivery.errors import is_not_modified
from bot.domain.pacing import CallKind, Priority
from bot.plumbing.ratelimit import PacedRateLimiter
from bot.services.delivery import broadcast, reports
from bot.services.identity import language_of
from jobs.delivery.views import final_report, progress_text
from storage.repos import delivery as repo

log = logging.getLogger("jobs.delivery")

# A chat that could only take a message this much later than others waits its turn.
HOT_CHAT_S = 0.3
BULK: dict[str, Any] = {"priority": "bulk"}


def chat_wait(app: Application, chat_id: int | None) -> float:  # type: ignore[type-arg]
    """How much later than any other chat this one could get a bulk message now."""
    limiter = app.bot.rate_limiter
    if chat_id is None or not isinstance(limiter, PacedRateLimiter):
        return 0.0
    pacer = limiter.pacer
    now = time.monotonic()
    # A dry run with the pacer's public booking API: book, read the time, give it back.
    booked = pacer.reserve(chat_id, Priority.BULK, now, CallKind.SEND)
    pacer.cancel(booked)
    return booked.at - pacer.next_bulk_slot(now)


class ProgressReporter:
    """Edits each touched notice's progress message every few seconds, then its final report."""

    def __init__(
        self,
        app: Application,  # type: ignore[type-arg]
        every_s: float,
        db_turn: asyncio.Lock,
    ) -> None:
        self._app = app
        # Taken around each transaction: the sender's and the reports' transactions queue here
        # rather than in SQLite's busy handler (which sleeps in ~100 ms steps).
        self._db_turn = db_turn
        self._data: BotData = app.bot_data
        self._every_s = every_s
        self._last = 0.0
        self.touched: set[int] = set()
        self._shown: dict[int, str] = {}

    def _now(self) -> Any:
        return self._data.clock.now()

    def due(self) -> bool:
        return time.monotonic() - self._last >= self._every_s

    async def report(self, *, force: bool) -> None:
        """Edit each running notice's progress message (every few seconds) or its final report."""
        if not force and not self.due():
            return
        self._last = time.monotonic()
        for notice_id in sorted(self.touched):
            try:
                await self._one(notice_id, idle=force)
            except Exception:
                log.exception("could not update the progress of notice %s", notice_id)

    async def _one(self, notice_id: int, *, idle: bool) -> None:
        now = self._now()
        if not idle:
            async with self._db_turn, self._data.db.transaction() as session:
                found = await repo.notice(session, notice_id)
                chat_id = found.progress_chat_id if found else None
            if chat_wait(self._app, chat_id) > HOT_CHAT_S:
                return  # the secretary is busy in that chat: edit next time, don't stall sends
        async with self._db_turn, self._data.db.transaction() as session:
            finished = await repo.settle_if_done(session, notice_id, now)
            notice = await repo.notice(session, notice_id)
            if notice is None or (notice.status != "sending" and not finished):
                self.touched.discard(notice_id)
                return
            if notice.progress_chat_id is None or notice.progress_message_id is None:
                if finished:
                    self.touched.discard(notice_id)
                return
            if not await broadcast.may_follow(session, notice):
                # Its author lost the office (or left) since: the notice goes on, unreported.
                self.touched.discard(notice_id)
                self._shown.pop(notice_id, None)
                return
            figures = await reports.report_of(session, notice_id)
            lang = await language_of(
                session, notice.progress_chat_id, self._data.settings.bot_default_language
            )
            chat, message_id = notice.progress_chat_id, notice.progress_message_id
        if finished:
            self.touched.discard(notice_id)
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
            if not is_not_modified(exc):
                log.warning("progress message %s/%s not edited: %s", chat, message_id, exc)
        except TelegramError as exc:
            log.warning("progress message %s/%s not edited: %s", chat, message_id, exc)
