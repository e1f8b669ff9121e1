"""Periods for totals, exports and certificates: inclusive day ranges."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class PeriodKind(StrEnum):
    MONTH = "month"
    LAST_MONTH = "last_month"
    YEAR = "year"
    LAST_YEAR = "last_year"
    ALL = "all"


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    def contains(self, day: date) -> bool:
        return self.first <= day <= self.last


EPOCH = date(2000, 1, 1)


def period_of(kind: PeriodKind, today: date) -> Period:
    month_start = today.replace(day=1)
    if kind is PeriodKind.MONTH:
        return Period(month_start, today)
    if kind is PeriodKind.LAST_MONTH:
        last = month_start - timedelta(days=1)
        return Period(last.replace(day=1), last)
    if kind is PeriodKind.YEAR:
        return Period(date(today.year, 1, 1), today)
    if kind is PeriodKind.LAST_YEAR:
        return Period(date(today.year - 1, 1, 1), date(today.year - 1, 12, 31))
    return Period(EPOCH, today)


def parse_kind(value: str) -> PeriodKind | None:
    try:
        return PeriodKind(value)
    except ValueError:
        return None


def months_back(today: date, count: int) -> list[tuple[int, int]]:
    """(year, month) of this month and the count-1 before it, oldest first (the bar chart)."""
    year, month = today.year, today.month
    found: list[tuple[int, int]] = []
    for _ in range(count):
        found.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(found))


_RANGE = re.compile(r"^r(\d{8})(\d{8})$")
_SPLIT = re.compile(r"\s*(?:至|到|~|～|—|to|\s)\s*", re.IGNORECASE)
MAX_RANGE_DAYS = 3660


def range_token(first: date, last: date) -> str:
    """A chosen period in button data: r + first + last (YYYYMMDD each)."""
    return f"r{first:%Y%m%d}{last:%Y%m%d}"


def resolve(token: str, today: date) -> Period | None:
    """The period a button names: a preset (month, year ...) or a typed range."""
    kind = parse_kind(token)
    if kind is not None:
        return period_of(kind, today)
    found = _RANGE.match(token)
    if found is None:
        return None
    try:
        first = date(int(found[1][:4]), int(found[1][4:6]), int(found[1][6:]))
        last = date(int(found[2][:4]), int(found[2][4:6]), int(found[2][6:]))
    except ValueError:
        return None
    if first > last or (last - first).days > MAX_RANGE_DAYS:
        return None
    return Period(first, last)


def parse_range(text: str, today: date) -> Period | None:
    """A typed period: "2026-01-01 至 2026-02-15" or "1月1日到2月15日"."""
    from bot.domain.hours.rules import parse_day

    pieces = [p for p in _SPLIT.split(text.strip()) if p]
    if len(pieces) != 2:
        return None
    first, last = parse_day(pieces[0], today), parse_day(pieces[1], today)
    if first is None or last is None or first > last:
        return None
    if (last - first).days > MAX_RANGE_DAYS:
        return None
    return Period(first, last)
