"""Rules of residents' requests (居民点单): what a resident may ask, how often, and when a
request escalates or is forgotten. Pure functions, no Telegram, no SQL."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MIN_TEXT = 4
MAX_TEXT = 300  # a request is a few sentences; more is refused, not silently cut
MAX_ADDRESS = 100
MAX_NOTE = 300
MAX_COMMENT = 200
MAX_REASON = 200
MAX_OPEN = 3  # open or taken requests of one resident at a time
MAX_PER_DAY = 5  # requests of one resident in 24 hours
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

ESCALATE_HOURS_DEFAULT = 24
ESCALATE_CHOICES = (2, 6, 12, 24, 48)
RETENTION_DAYS_DEFAULT = 365
RETENTION_CHOICES = (90, 180, 365, 730)
SETTING_ESCALATE = "residents_escalate_hours"
SETTING_RETENTION = "residents_retention_days"
REMIND_HOURS_DEFAULT = 48
REMIND_CHOICES = (24, 48, 72)
SETTING_REMIND = "residents_remind_hours"
HISTORY_PAGE = 5

OPEN_STATES = frozenset({"open", "taken"})

_PHONE = re.compile(r"\+?\d{5,15}")
_SPACES = re.compile(r"\s+")


class Problem(StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    BAD_PHONE = "bad_phone"
    TOO_MANY_OPEN = "too_many_open"
    TOO_MANY_TODAY = "too_many_today"
    PHOTO_TOO_BIG = "photo_too_big"
    PHOTO_TYPE = "photo_type"
    BAD_RATING = "bad_rating"
    NOT_OPEN = "not_open"
    SAME_TAKER = "same_taker"


@dataclass(frozen=True)
class Cleaned:
    text: str


def clean(raw: str, *, limit: int, minimum: int = 1) -> Cleaned | Problem:
    """Text a person typed, without control characters and runs of blanks; refused if it is
    too short to mean anything or longer than `limit` (cutting it could drop what matters)."""
    kept = "".join(
        " " if ch in "\n\r\t" else ch
        for ch in raw
        if ch in "\n\r\t" or unicodedata.category(ch)[0] != "C"
    )
    text = _SPACES.sub(" ", kept).strip()
    if len(text) < minimum:
        return Problem.TOO_SHORT
    if len(text) > limit:
        return Problem.TOO_LONG
    return Cleaned(text)


def clean_phone(raw: str) -> str | Problem:
    """A phone number as digits (a leading + kept); spaces and dashes people type dropped."""
    digits = re.sub(r"[\s\-()（）]", "", raw.strip())
    return digits if _PHONE.fullmatch(digits) else Problem.BAD_PHONE


def may_ask(open_count: int, last_day_count: int) -> Problem | None:
    """The per-resident limit: a few open requests at a time, a few a day."""
    if open_count >= MAX_OPEN:
        return Problem.TOO_MANY_OPEN
    if last_day_count >= MAX_PER_DAY:
        return Problem.TOO_MANY_TODAY
    return None


def photo_ok(
    mime_type: str | None, size: int | None, file_name: str | None = None
) -> Problem | None:
    """Checked on what Telegram says of the file, before anything is downloaded; a picture
    sent as a file needs a picture's type and, when named, a picture's name ("x.exe" sent as
    image/jpeg is refused)."""
    if mime_type is not None and mime_type.lower() not in PHOTO_TYPES:
        return Problem.PHOTO_TYPE
    if file_name is not None and not file_name.lower().endswith(PHOTO_SUFFIXES):
        return Problem.PHOTO_TYPE
    if size is None or size > MAX_PHOTO_BYTES:
        return Problem.PHOTO_TOO_BIG
    return None


def may_assign(state: str, taker_id: int | None, new_id: int) -> Problem | None:
    """The secretary may hand a waiting request to someone, or a taken one to someone else
    (the taker fell ill, went away); a finished one is history."""
    if state not in OPEN_STATES:
        return Problem.NOT_OPEN
    if state == "taken" and taker_id == new_id:
        return Problem.SAME_TAKER
    return None


def rating_ok(value: int) -> bool:
    return 1 <= value <= 5


def _choice(settings: Mapping[str, object], key: str, choices: tuple[int, ...], d: int) -> int:
    value = settings.get(key)
    return value if isinstance(value, int) and value in choices else d


def escalate_after(settings: Mapping[str, object]) -> timedelta:
    hours = _choice(settings, SETTING_ESCALATE, ESCALATE_CHOICES, ESCALATE_HOURS_DEFAULT)
    return timedelta(hours=hours)


def retention(settings: Mapping[str, object]) -> timedelta:
    days = _choice(settings, SETTING_RETENTION, RETENTION_CHOICES, RETENTION_DAYS_DEFAULT)
    return timedelta(days=days)


def remind_after(settings: Mapping[str, object]) -> timedelta:
    hours = _choice(settings, SETTING_REMIND, REMIND_CHOICES, REMIND_HOURS_DEFAULT)
    return timedelta(hours=hours)


class Overdue(StrEnum):
    """How long a taken request has waited for 办结: nothing yet, a reminder to the taker,
    and after as long again the secretary."""

    NO = "no"
    REMIND = "remind"
    SECRETARY = "secretary"


def overdue(taken_at: datetime, now: datetime, settings: Mapping[str, object]) -> Overdue:
    waited, step = now - taken_at, remind_after(settings)
    if waited >= 2 * step:
        return Overdue.SECRETARY
    return Overdue.REMIND if waited >= step else Overdue.NO


def stars(rating: int | None) -> str:
    """A rating as stars, "—" when the resident gave none."""
    return "⭐" * rating if rating is not None and rating_ok(rating) else "—"


def escalation_due(created_at: datetime, now: datetime, settings: Mapping[str, object]) -> bool:
    return now - created_at >= escalate_after(settings)


def forgotten(finished_at: datetime | None, now: datetime, settings: Mapping[str, object]) -> bool:
    """A done or closed request (and its photos) is deleted after the branch's period."""
    return finished_at is not None and now - finished_at >= retention(settings)
