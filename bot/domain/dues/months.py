"""Months as YYYYMM integers (a dues line's key, a button's field)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

Month = int  # YYYYMM, e.g. 202603

MIN_MONTH = 200001
MAX_MONTH = 209912


def month_of(day: date) -> Month:
    return day.year * 100 + day.month


def is_month(value: int) -> bool:
    return MIN_MONTH <= value <= MAX_MONTH and 1 <= value % 100 <= 12


def add_months(month: Month, count: int) -> Month:
    index = (month // 100) * 12 + (month % 100 - 1) + count
    return (index // 12) * 100 + index % 12 + 1


def months_between(first: Month, last: Month) -> int:
    """How many months from first to last (0 when equal, negative when last is earlier)."""
    return (last // 100 - first // 100) * 12 + (last % 100 - first % 100)


def month_range(first: Month, last: Month) -> Iterator[Month]:
    """first ... last inclusive."""
    current = first
    while current <= last:
        yield current
        current = add_months(current, 1)


def first_day(month: Month) -> date:
    return date(month // 100, month % 100, 1)


def label(month: Month, lang: str) -> str:
    """ "2026年3月" / "2026-03"."""
    if lang == "en":
        return f"{month // 100}-{month % 100:02d}"
    return f"{month // 100}年{month % 100}月"


def parse_month(text: str) -> Month | None:
    """ "2026-03", "202603", "2026年3月" or "2026.3" as a month, or None."""
    cleaned = text.strip().replace("年", "-").replace("月", "").replace(".", "-").replace("/", "-")
    if cleaned.isdecimal() and len(cleaned) == 6:
        value = int(cleaned)
    else:
        parts = cleaned.split("-")
        if len(parts) != 2 or not all(p.isdecimal() for p in parts) or len(parts[0]) != 4:
            return None
        value = int(parts[0]) * 100 + int(parts[1]) if len(parts[1]) <= 2 else 0
    return value if is_month(value) else None
