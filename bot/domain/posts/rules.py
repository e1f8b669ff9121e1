"""Rules of the post catalogue, claims, duty records, reporting and the monthly nudge."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

DEFAULT_CATEGORIES = (
    "宣传教育",
    "维权服务",
    "帮扶济困",
    "环保卫生",
    "治安巡逻",
    "文体活动",
    "助老助残",
)

LIMIT_KEY = "posts_max_claims"
NUDGE_KEY = "posts_nudge"
NUDGE_DAY_KEY = "posts_nudge_day"
LIMIT_CHOICES = (1, 2)
DEFAULT_LIMIT = 2
DEFAULT_NUDGE_DAY = 25  # late in the month: time is left to do and record a duty
NUDGE_DAY_CHOICES = (1, 10, 15, 20, 25, 28)

MAX_CAPACITY = 50
CAPACITY_CHOICES = (1, 2, 3, 5, 10, 20)
MAX_PHOTOS = 3
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
MAX_WHAT = 200
MAX_HALVES = 24  # 12 h on one day
QUICK_HALVES = (1, 2, 3, 4, 6, 8)
PICK_DAYS = 21  # how far back the day picker goes (within the claim)


class EndReason(StrEnum):
    RELEASED = "released"
    REASSIGNED = "reassigned"
    REMOVED = "removed"
    LEFT = "left"
    CLOSED = "closed"


class DutyState(StrEnum):
    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class ClaimError(StrEnum):
    CLOSED = "closed"
    FULL = "full"
    LIMIT = "limit"
    HELD = "held"  # already holds this post
    OTHER_TERM = "other_term"


class DutyDayError(StrEnum):
    FUTURE = "future"
    BEFORE_CLAIM = "before_claim"


class TextError(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"


class PhotoError(StrEnum):
    TOO_MANY = "too_many"
    TOO_BIG = "too_big"
    NOT_IMAGE = "not_image"


def claim_limit(settings: Mapping[str, Any] | None) -> int:
    """Posts one member may hold per term: a branch setting of 1 or 2 (default 2)."""
    value = (settings or {}).get(LIMIT_KEY, DEFAULT_LIMIT)
    return value if isinstance(value, int) and value in LIMIT_CHOICES else DEFAULT_LIMIT


def nudge_on(settings: Mapping[str, Any] | None) -> bool:
    value = (settings or {}).get(NUDGE_KEY, True)
    return value if isinstance(value, bool) else True


def nudge_day(settings: Mapping[str, Any] | None) -> int:
    value = (settings or {}).get(NUDGE_DAY_KEY, DEFAULT_NUDGE_DAY)
    return value if isinstance(value, int) and 1 <= value <= 28 else DEFAULT_NUDGE_DAY


def free_places(capacity: int, taken: int) -> int:
    return max(0, capacity - taken)


def check_claim(
    *,
    closed: bool,
    post_term: int,
    term: int,
    capacity: int,
    taken: int,
    held_this_term: int,
    limit: int,
    holds_it: bool,
) -> ClaimError | None:
    """Why a member may not take a place on this post now, or None."""
    if closed:
        return ClaimError.CLOSED
    if post_term != term:
        return ClaimError.OTHER_TERM
    if holds_it:
        return ClaimError.HELD
    if held_this_term >= limit:
        return ClaimError.LIMIT
    if free_places(capacity, taken) <= 0:
        return ClaimError.FULL
    return None


def check_duty_day(day: date, today: date, claimed_on: date) -> DutyDayError | None:
    """A duty is done on a day of the claim, never in the future."""
    if day > today:
        return DutyDayError.FUTURE
    if day < claimed_on:
        return DutyDayError.BEFORE_CLAIM
    return None


def pickable_days(today: date, claimed_on: date, limit: int = PICK_DAYS) -> list[date]:
    """The days a member may pick for a duty (newest first), inside the claim."""
    days: list[date] = []
    day = today
    while day >= claimed_on and len(days) < limit:
        days.append(day)
        day -= timedelta(days=1)
    return days


def clean_text(raw: str, *, minimum: int, maximum: int) -> str | TextError:
    """Typed text as stored: NFKC, single spaces, control characters dropped."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(c for c in text if c == "\n" or unicodedata.category(c)[0] != "C")
    text = " ".join(text.split())
    if len(text) < minimum:
        return TextError.TOO_SHORT
    if len(text) > maximum:
        return TextError.TOO_LONG
    return text


def valid_halves(halves: int) -> bool:
    """Optional duty hours: 0 (not given) or half-hour steps up to 12 h."""
    return 0 <= halves <= MAX_HALVES


def check_photo(count_before: int, size: int | None, mime: str | None) -> PhotoError | None:
    """A photo (a Telegram photo has mime None) of at most 10 MB, three per record."""
    if count_before >= MAX_PHOTOS:
        return PhotoError.TOO_MANY
    if mime is not None and mime not in PHOTO_TYPES:
        return PhotoError.NOT_IMAGE
    if size is not None and size > MAX_PHOTO_BYTES:
        return PhotoError.TOO_BIG
    return None


_PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,18}[0-9]$")


def clean_phone(raw: str) -> str | None:
    """A contact phone as typed (digits, spaces, dashes, a leading +), or None if not one."""
    text = unicodedata.normalize("NFKC", raw).strip()
    return text if _PHONE.match(text) else None


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


@dataclass(frozen=True)
class NudgeCheck:
    day_of_month: int
    enabled: bool


NUDGE_HOURS = range(9, 20)  # local time: never wake an older member at night


def nudge_due(
    today: date, check: NudgeCheck, nudged_month: str | None, recorded: bool, hour: int = 10
) -> bool:
    """Once a month, on or after the branch's day, in the daytime, to a holder with no duty
    that month."""
    if not check.enabled or recorded or today.day < check.day_of_month:
        return False
    if hour not in NUDGE_HOURS:
        return False
    return nudged_month != month_key(today)


def valid_term(term: int, this_year: int) -> bool:
    return this_year - 1 <= term <= this_year + 1
