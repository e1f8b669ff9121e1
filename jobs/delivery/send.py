"""One outbox row to Telegram and back: render the notice, send it, turn the result into the
row's next state. No database here; the sender commits what these return."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.ext import ExtBot

from bot.domain.delivery.errors import Action, Decision, UnreachableReason
from bot.plumbing.ratelimit import classify_exception
from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from bot.texts import t
from jobs.delivery.buttons import Acknowledge
from storage.repos import delivery as repo

log = logging.getLogger("jobs.delivery")


@dataclass(frozen=True)
class NoticeInfo:
    content: dict[str, Content]
    ack: bool


@dataclass
class Outcome:
    """What one send ended with, waiting to be committed."""

    row: repo.Claimed
    values: dict[str, Any]
    blocked_tg_id: int | None = None
    migrated: tuple[int, int] | None = None


@dataclass
class Departure:
    """Set by the rate limiter just before the call leaves for Telegram (see ratelimit)."""

    left: bool = False

    def __call__(self) -> None:
        self.left = True


async def send_row(
    bot: ExtBot[Any],
    row: repo.Claimed,
    info: NoticeInfo | None,
    clock: Callable[[], datetime],
    departure: Departure,
) -> Outcome:
    """Send one row; every failure is classified into the row's next state, none raised."""
    if info is None or row.chat_id is None:
        return Outcome(row, {"state": "failed", "reason": "no_content"})
    content = info.content.get(row.lang) or info.content[notices.DEFAULT_LANG]
    try:
        message = await _call(bot, row, content, info.ack and row.member_id is not None, departure)
    except Exception as exc:  # every failure is classified; none stops the others
        decision = classify_exception(exc, row.attempts + 1)
        if decision.action is Action.FAILED:
            log.warning("delivery %s failed for good: %s", row.id, exc)
        return outcome_of(row, decision, str(exc), clock())
    return Outcome(
        row, {"state": "sent", "message_id": message.message_id, "sent_at": clock(), "error": None}
    )


async def _call(
    bot: ExtBot[Any], row: repo.Claimed, content: Content, ack: bool, departure: Departure
) -> Message:
    rows = [list(r) for r in content.buttons]
    if ack:
        rows.append([(t("delivery.ack.button", row.lang), Acknowledge(row.id).data)])
    markup = (
        InlineKeyboardMarkup(
            [[InlineKeyboardButton(text, callback_data=data) for text, data in r] for r in rows]
        )
        if rows
        else None
    )
    chat = row.chat_id
    assert chat is not None
    bulk: dict[str, Any] = {"priority": "bulk", "on_departure": departure}
    if content.photo_file_id is not None:
        return await bot.send_photo(
            chat,
            content.photo_file_id,
            caption=content.caption,
            reply_markup=markup,
            rate_limit_args=bulk,
        )
    if content.document_file_id is not None:
        return await bot.send_document(
            chat,
            content.document_file_id,
            caption=content.caption,
            reply_markup=markup,
            rate_limit_args=bulk,
        )
    assert content.text is not None
    return await bot.send_message(chat, content.text, reply_markup=markup, rate_limit_args=bulk)


def outcome_of(row: repo.Claimed, decision: Decision, error: str, now: datetime) -> Outcome:
    error = error[:500]
    if decision.action in (Action.RETRY_AFTER, Action.RETRY_BACKOFF):
        due = now + timedelta(seconds=decision.delay_s)
        return Outcome(row, {"state": "queued", "next_attempt_at": due, "error": error})
    if decision.action is Action.MIGRATED and decision.new_chat_id is not None:
        assert row.chat_id is not None
        values = {"state": "queued", "chat_id": decision.new_chat_id, "next_attempt_at": now}
        return Outcome(row, values, migrated=(row.chat_id, decision.new_chat_id))
    reason = str(decision.reason or "unknown")
    if decision.action is Action.UNREACHABLE:
        state = "not_started" if decision.reason is UnreachableReason.NOT_STARTED else "unreachable"
        private = row.chat_id is not None and row.chat_id > 0
        values = {"state": state, "reason": reason, "error": error}
        return Outcome(row, values, blocked_tg_id=row.chat_id if private else None)
    return Outcome(row, {"state": "failed", "reason": reason, "error": error})
