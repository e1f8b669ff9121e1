"""Periods for totals, exports and certificates: inclusive day ranges."""

from __future__ import annotations

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
