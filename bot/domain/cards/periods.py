"""Terms and tally periods: a term is a calendar year ("2026"), a quarter is "2026-Q3".

A tally is due once its period has ended in the branch's time zone, and only for a while
after (GRACE): a bot started for the first time in December does not send July's ranking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

GRACE = timedelta(days=31)
MIN_YEAR, MAX_YEAR = 2000, 2099
_PERIOD = re.compile(r"(\d{4})(?:-Q([1-4]))?")


@dataclass(frozen=True)
class Period:
    year: int
    quarter: int | None = None  # None: the whole year

    @property
    def key(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def first(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        """The day after the last day."""
        if self.quarter is None or self.quarter == 4:
            return date(self.year + 1, 1, 1)
        return date(self.year, 3 * self.quarter + 1, 1)

    @property
    def months(self) -> tuple[int, ...]:
        """The dues months (YYYYMM) of the period."""
        start = self.first.month
        count = 12 if self.quarter is None else 3
        return tuple(self.year * 100 + m for m in range(start, start + count))


def parse_period(text: str) -> Period | None:
    found = _PERIOD.fullmatch(text.strip())
    if found is None:
        return None
    year = int(found.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return Period(year, int(found.group(2)) if found.group(2) else None)


def year_ok(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def quarter_of(day: date) -> Period:
    return Period(day.year, (day.month - 1) // 3 + 1)


def due_periods(today: date) -> list[Period]:
    """Tallies that should exist by today: the quarter just ended, the year just ended.

    At a year's end the year's tally stands for its fourth quarter too.
    """
    previous_day = quarter_of(today).first - timedelta(days=1)
    last = quarter_of(previous_day)
    if today - last.end >= GRACE:
        return []
    if last.quarter == 4:
        return [Period(last.year)]
    return [last]


def month_end(month: int) -> date:
    """The day after month (YYYYMM) ends: a payment before it is on time."""
    year, m = divmod(month, 100)
    return date(year + 1, 1, 1) if m == 12 else date(year, m + 1, 1)
