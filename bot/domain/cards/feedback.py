"""Feedback on a member (社区表现反馈): ratings, comments, partner links."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

MIN_RATING, MAX_RATING = 1, 5
MAX_COMMENT = 500
MAX_REASON = 300


class Source(StrEnum):
    """Who gave the feedback; stored in feedback_entries.source."""

    SECRETARY = "secretary"
    LEADER = "leader"
    PARTNER = "partner"
    RESIDENT = "resident"  # read from resident_requests, never stored as an entry


def rating_ok(value: int) -> bool:
    return MIN_RATING <= value <= MAX_RATING


def clean_comment(text: str, limit: int = MAX_COMMENT) -> str | None:
    """The comment trimmed, or None when too long (told, not cut: people reread what they wrote)."""
    stripped = " ".join(text.split()) if "\n" not in text else text.strip()
    if len(stripped) > limit:
        return None
    return stripped


def stars(rating: int) -> str:
    return "★" * rating + "☆" * (MAX_RATING - rating)


class LinkState(StrEnum):
    OK = "ok"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


def link_state(
    expires_at: datetime, used_at: datetime | None, revoked_at: datetime | None, now: datetime
) -> LinkState:
    if revoked_at is not None:
        return LinkState.REVOKED
    if used_at is not None:
        return LinkState.USED
    if now >= expires_at:
        return LinkState.EXPIRED
    return LinkState.OK
