"""Rules for a reported, recorded or checked-in stretch of volunteer hours."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

MAX_HALVES_PER_DAY = 24  # 12 h a day for one person, all teams and activities together
DEFAULT_MAX_AGE_DAYS = 60
MAX_AGE_CHOICES = (30, 60, 90, 180, 365)
MAX_WHAT = 200
MAX_PHOTOS = 5
# The quick buttons of the hours picker (in halves): the common answers are one tap away.
QUICK_HALVES = (1, 2, 3, 4, 5, 6, 8, 12, 16)

_NUMBER = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*(?:h|小时|个小时|钟头|个钟头)?$", re.IGNORECASE)


class HoursError(StrEnum):
    NOT_A_NUMBER = "not_a_number"  # 两个小时, abc
    NOT_POSITIVE = "not_positive"  # 0, -1
    NOT_HALF_STEP = "not_half_step"  # 0.3
    TOO_MANY = "too_many"  # over 12 h in one report


class DayError(StrEnum):
    FUTURE = "future"
    TOO_OLD = "too_old"


class RecordState(StrEnum):
    DRAFT = "draft"  # a /hours report still being filled in
    OPEN = "open"  # checked in, not yet out
    PENDING = "pending"  # waits for a team leader or the secretary
    APPROVED = "approved"  # counted; locked
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Source(StrEnum):
    REPORT = "report"  # /hours: the member reports hours done outside an activity
    CHECKIN = "checkin"  # checked in and out of an activity in the bot
    RECORDED = "recorded"  # a team leader recorded a whole activity afterwards


def parse_hours(text: str) -> int | HoursError:
    """Typed hours as halves: "2", "1.5", "２小时"; refuses 0, negatives, 0.3, 25 and words."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace("。", ".")
    found = _NUMBER.match(cleaned)
    if found is None:
        return HoursError.NOT_A_NUMBER
    raw = found.group(1)
    if len(raw) > 8:
        return HoursError.TOO_MANY if not raw.startswith("-") else HoursError.NOT_POSITIVE
    # Decimal: "1.5000000001" is not a half-hour step, however close a float would call it.
    doubled = Decimal(raw) * 2
    if doubled <= 0:
        return HoursError.NOT_POSITIVE
    if doubled != doubled.to_integral_value():
        return HoursError.NOT_HALF_STEP
    return check_halves(int(doubled))


def check_halves(halves: int) -> int | HoursError:
    """A half-hour count from a button or typed, within one day's limit."""
    if halves <= 0:
        return HoursError.NOT_POSITIVE
    if halves > MAX_HALVES_PER_DAY:
        return HoursError.TOO_MANY
    return halves


def check_day(day: date, today: date, max_age_days: int) -> DayError | None:
    """Not in the future, not older than the branch's limit (today counts as 0 days old)."""
    if day > today:
        return DayError.FUTURE
    if (today - day).days > max_age_days:
        return DayError.TOO_OLD
    return None


def max_age_of(settings: dict[str, object] | None) -> int:
    """The branch's limit on how old a reported day may be, from its settings."""
    value = (settings or {}).get("hours_max_age_days")
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 3650:
        return value
    return DEFAULT_MAX_AGE_DAYS


def over_daily_limit(already_halves: int, new_halves: int) -> bool:
    """Whether adding new_halves to what the person already has that day passes 12 h."""
    return already_halves + new_halves > MAX_HALVES_PER_DAY


@dataclass(frozen=True)
class DayEntry:
    """One existing record of the person's day, as far as duplicates go."""

    team_id: int | None
    halves: int


def likely_duplicate(existing: Iterable[DayEntry], team_id: int | None, halves: int) -> bool:
    """The same day, team and hours again: more often a double tap than a second shift."""
    return any(e.team_id == team_id and e.halves == halves for e in existing)


def credited_halves(checked_in: datetime, checked_out: datetime) -> int:
    """Hours credited from a check-in record: whole half hours, at most one day's limit."""
    minutes = int((checked_out - checked_in).total_seconds() // 60)
    return max(0, min(minutes // 30, MAX_HALVES_PER_DAY))


def clean_what(text: str) -> str | None:
    """What was done, as stored: one line, trimmed; None when empty or too long."""
    cleaned = " ".join(text.split())
    if not cleaned or len(cleaned) > MAX_WHAT:
        return None
    return cleaned


def format_halves(halves: int) -> str:
    """2 -> "1", 5 -> "2.5"."""
    whole, half = divmod(halves, 2)
    return f"{whole}.5" if half else str(whole)


def recent_days(today: date, count: int) -> list[date]:
    """Today and the days before it, newest first (the date picker)."""
    return [today - timedelta(days=i) for i in range(count)]


_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")
_WORDS = {"今天": 0, "昨天": 1, "前天": 2, "today": 0, "yesterday": 1}


def parse_day(text: str, today: date) -> date | None:
    """A typed date: 2026-03-05, 2026年3月5日, 3月5日 (this year, or last year if still ahead)."""
    cleaned = unicodedata.normalize("NFKC", text).strip().lower()
    if cleaned in _WORDS:
        return today - timedelta(days=_WORDS[cleaned])
    try:
        found = _FULL_DATE.match(cleaned)
        if found is not None:
            return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
        found = _MONTH_DAY.match(cleaned)
        if found is not None:
            day = date(today.year, int(found.group(1)), int(found.group(2)))
            # Early January, "12月28日" means the December just past.
            return day if day <= today else date(today.year - 1, day.month, day.day)
    except ValueError:
        return None
    return None


def decides_own(decider_id: int, member_id: int, recorded_by_member_id: int | None) -> bool:
    """Whether deciding this record would be deciding one's own word: one's own hours, or
    hours one recorded for others (a leader's record waits for another leader or an officer,
    or the people in it could not dispute it before it counts)."""
    return decider_id in (member_id, recorded_by_member_id)
