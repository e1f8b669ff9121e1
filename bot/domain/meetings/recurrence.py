"""Recurring meetings: an RFC 5545 rule in local wall time, its occurrences in UTC, exceptions.

Occurrences are computed by dateutil.rrule on naive LOCAL wall time and only then converted
to UTC, so "09:00" stays 09:00 on both sides of a DST switch. Day 29-31 means "that day, or
the last day of a shorter month" (BYMONTHDAY=28..d with BYSETPOS=-1), so "每月31日" is the
last day of every month and "每月30日" is 28/29 Feb; -1 is "last day of the month".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import NamedTuple

from dateutil.rrule import rrule, rrulestr

from bot.domain.meetings.phrases import Phrase, lex_phrase
from bot.domain.meetings.rrule import DEFAULT_QUARTER_MONTHS, Freq, Recurrence, WeekdaySpec
from bot.domain.meetings.walltime import is_valid_tz, local_to_utc, require_aware, to_local

__all__ = [
    "DEFAULT_QUARTER_MONTHS",
    "Freq",
    "Occurrence",
    "OccurrenceOverride",
    "Recurrence",
    "RecurrenceError",
    "WeekdaySpec",
    "apply_overrides",
    "next_occurrences",
    "occurrences",
    "parse_recurrence",
    "scheduled_occurrences",
]

# Bounds the walk in next_occurrences; xafter itself stops at UNTIL/COUNT.
_HORIZON = timedelta(days=366 * 30)


class RecurrenceError(StrEnum):
    """Why a one-line recurrence spec was not understood."""

    EMPTY = "recurrence_empty"
    BAD_TIMEZONE = "recurrence_bad_timezone"
    NO_FREQUENCY = "recurrence_no_frequency"
    NO_TIME = "recurrence_no_time"
    BAD_TIME = "recurrence_bad_time"
    NO_DAY = "recurrence_no_day"
    BAD_DAY = "recurrence_bad_day"
    NO_MONTH = "recurrence_no_month"
    NOT_UNDERSTOOD = "recurrence_not_understood"


def _rule(rec: Recurrence, dtstart_local_date: date) -> rrule:
    start = datetime.combine(dtstart_local_date, rec.time_of_day)
    rule = rrulestr(rec.to_rrule_string(), dtstart=start)
    assert isinstance(rule, rrule)  # a single RRULE never parses to an rruleset
    return rule


def occurrences(
    rec: Recurrence,
    dtstart_local_date: date,
    between_utc_start: datetime,
    between_utc_end: datetime,
) -> list[datetime]:
    """Occurrences (aware UTC) with start <= t < end; none before the series start date.

    Wall times in a DST gap move forward by the gap; in a fold the first one is used.
    """
    require_aware(between_utc_start, "between_utc_start")
    require_aware(between_utc_end, "between_utc_end")
    if between_utc_end <= between_utc_start:
        return []
    # A day of slack either side covers any UTC offset; the exact filter is in UTC below.
    lo = to_local(between_utc_start, rec.tz).replace(tzinfo=None) - timedelta(days=1)
    hi = to_local(between_utc_end, rec.tz).replace(tzinfo=None) + timedelta(days=1)
    utc = (
        local_to_utc(t, rec.tz) for t in _rule(rec, dtstart_local_date).between(lo, hi, inc=True)
    )
    return sorted({t for t in utc if between_utc_start <= t < between_utc_end})


def next_occurrences(
    rec: Recurrence, dtstart_local_date: date, after_utc: datetime, n: int
) -> list[datetime]:
    """The next n occurrences strictly after after_utc (fewer if the series ends)."""
    require_aware(after_utc, "after_utc")
    found: list[datetime] = []
    lo = to_local(after_utc, rec.tz).replace(tzinfo=None) - timedelta(days=1)
    limit = lo + _HORIZON
    for local in _rule(rec, dtstart_local_date).xafter(lo, inc=True):
        if len(found) >= n or local > limit:
            break
        utc = local_to_utc(local, rec.tz)
        if utc > after_utc:
            found.append(utc)
    return found


@dataclass(frozen=True, slots=True)
class OccurrenceOverride:
    """One occurrence moved (new_start_utc) or cancelled (None); the others are untouched."""

    original_start_utc: datetime
    new_start_utc: datetime | None

    def __post_init__(self) -> None:
        require_aware(self.original_start_utc, "original_start_utc")
        if self.new_start_utc is not None:
            require_aware(self.new_start_utc, "new_start_utc")


class Occurrence(NamedTuple):
    """An occurrence after overrides; original_start_utc identifies it within the series."""

    start_utc: datetime
    original_start_utc: datetime

    @property
    def moved(self) -> bool:
        """True if an override moved this occurrence."""
        return self.start_utc != self.original_start_utc


def _index(overrides: Iterable[OccurrenceOverride]) -> dict[datetime, OccurrenceOverride]:
    by_original: dict[datetime, OccurrenceOverride] = {}
    for override in overrides:
        if override.original_start_utc in by_original:
            raise ValueError(f"two overrides for {override.original_start_utc.isoformat()}")
        by_original[override.original_start_utc] = override
    return by_original


def apply_overrides(
    occurrence_starts: Iterable[datetime], overrides: Iterable[OccurrenceOverride]
) -> list[Occurrence]:
    """Move or drop the given occurrences, sorted by (new) start.

    Only occurrences in the input are affected; to include ones moved INTO a window from
    outside it use scheduled_occurrences().
    """
    by_original = _index(overrides)
    result: list[Occurrence] = []
    for start in occurrence_starts:
        override = by_original.get(start)
        if override is None:
            result.append(Occurrence(start, start))
        elif override.new_start_utc is not None:
            result.append(Occurrence(override.new_start_utc, start))
    return sorted(result)


def scheduled_occurrences(
    rec: Recurrence,
    dtstart_local_date: date,
    between_utc_start: datetime,
    between_utc_end: datetime,
    overrides: Iterable[OccurrenceOverride],
) -> list[Occurrence]:
    """Occurrences whose effective start is in [start, end), overrides applied both ways."""
    by_original = _index(overrides)
    inside = occurrences(rec, dtstart_local_date, between_utc_start, between_utc_end)
    result = [
        occ
        for occ in apply_overrides(inside, by_original.values())
        if between_utc_start <= occ.start_utc < between_utc_end
    ]
    for original, override in by_original.items():
        new = override.new_start_utc
        if original in inside or new is None or not between_utc_start <= new < between_utc_end:
            continue
        # Only a real occurrence of the rule can be moved in; stale overrides are ignored.
        second = timedelta(seconds=1)
        if occurrences(rec, dtstart_local_date, original, original + second) == [original]:
            result.append(Occurrence(new, original))
    return sorted(result)


def _freq_of(phrase: Phrase) -> Freq | RecurrenceError:
    nth = any(n is not None for _, n in phrase.weekdays)
    plain = any(n is None for _, n in phrase.weekdays)
    if phrase.freq == "bare":
        if plain and not nth and not phrase.monthdays:
            return Freq.WEEKLY
        if (nth or phrase.monthdays) and not plain:
            return Freq.MONTHLY
        return RecurrenceError.NO_DAY
    if phrase.freq is None:
        return RecurrenceError.NO_FREQUENCY
    return Freq(phrase.freq)


def _days_problem(freq: Freq, phrase: Phrase) -> RecurrenceError | None:
    weekdays, monthdays = phrase.weekdays, phrase.monthdays
    if phrase.bad_number or any(not (1 <= d <= 31 or d == -1) for d in monthdays):
        return RecurrenceError.BAD_DAY
    if not weekdays and not monthdays:
        return RecurrenceError.NO_DAY
    if freq is Freq.WEEKLY:
        bad = monthdays or any(n is not None for _, n in weekdays)
        return RecurrenceError.BAD_DAY if bad else None
    if (weekdays and monthdays) or any(n is None for _, n in weekdays):
        return RecurrenceError.BAD_DAY
    if len(monthdays) > 1 and any(d > 28 or d == -1 for d in monthdays):
        return RecurrenceError.BAD_DAY
    return None


def _months_of(freq: Freq, phrase: Phrase) -> tuple[int, ...] | RecurrenceError:
    if freq is Freq.QUARTERLY:
        if phrase.months or phrase.quarter_month == 0:
            return RecurrenceError.NOT_UNDERSTOOD
        position = phrase.quarter_month
        if position is None:
            # "Last Friday of the quarter" / "季度最后一天" lives in the quarter's last month.
            last = any(n == -1 for _, n in phrase.weekdays) or -1 in phrase.monthdays
            position = 3 if last else 1
        return tuple(position + 3 * i for i in range(4))
    if phrase.quarter_month is not None:
        return RecurrenceError.NOT_UNDERSTOOD
    if freq is Freq.YEARLY:
        if len(phrase.months) != 1 or not 1 <= phrase.months[0] <= 12:
            return RecurrenceError.NO_MONTH
        return (phrase.months[0],)
    return RecurrenceError.NOT_UNDERSTOOD if phrase.months else ()


def parse_recurrence(text: str, tz: str) -> Recurrence | RecurrenceError:
    """Parse a one-line spec ("每月26日 09:00", "first Monday of each quarter at 9:00")."""
    if not text.strip():
        return RecurrenceError.EMPTY
    if not is_valid_tz(tz):
        return RecurrenceError.BAD_TIMEZONE
    phrase = lex_phrase(text)
    if phrase.leftover:
        return RecurrenceError.NOT_UNDERSTOOD
    if phrase.bad_time:
        return RecurrenceError.BAD_TIME
    freq = _freq_of(phrase)
    if isinstance(freq, RecurrenceError):
        return freq
    problem = _days_problem(freq, phrase)
    if problem is not None:
        return problem
    months = _months_of(freq, phrase)
    if isinstance(months, RecurrenceError):
        return months
    if phrase.hour is None or phrase.minute is None:
        return RecurrenceError.NO_TIME
    if not 1 <= phrase.interval <= 99 or (freq is Freq.QUARTERLY and phrase.interval != 1):
        return RecurrenceError.NOT_UNDERSTOOD
    try:
        return Recurrence(
            freq=freq,
            time_of_day=time(phrase.hour, phrase.minute),
            tz=tz,
            interval=phrase.interval,
            bymonthday=tuple(sorted(set(phrase.monthdays))),
            byweekday=tuple(
                sorted(
                    {WeekdaySpec(w, n) for w, n in phrase.weekdays},
                    key=lambda s: (s.weekday, s.nth or 0),
                )
            ),
            bymonth=months,
        )
    except ValueError:
        return RecurrenceError.BAD_DAY
