"""Sorted lists of bookings (anything with a time `at`): insert, remove, and the first time a
new booking fits between them. Pure helpers of bot.domain.pacing."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Protocol, TypeVar

__all__ = ["EPS", "at_of", "clear_of", "clear_window", "insert", "remove"]

# Spacings are sums of floats: a span one rounding error short of the limit counts as equal, so
# the rules agree with each other about where the last allowed instant is.
EPS = 1e-9


class Timed(Protocol):
    at: float


T = TypeVar("T", bound=Timed)


def at_of(item: Timed) -> float:
    return item.at


def insert(items: list[T], booked: T) -> None:
    items.insert(bisect_right(items, booked.at, key=at_of), booked)


def remove(items: list[T], booked: T) -> bool:
    i = bisect_left(items, booked.at, key=at_of)
    while i < len(items) and items[i].at == booked.at:
        if items[i] is booked:
            del items[i]
            return True
        i += 1
    return False


def clear_of(items: list[T], t: float, gap: float) -> float:
    """The first time >= t at least `gap` away from every booking in `items`."""
    if gap <= 0:
        return t
    i = bisect_right(items, t - gap + EPS, key=at_of)
    if i == len(items) or items[i].at >= t + gap - EPS:
        return t
    # Walk a run of bookings too close together to fit one more between them.
    end = items[i].at + gap
    i += 1
    while i < len(items) and items[i].at < end + gap - EPS:
        end = items[i].at + gap
        i += 1
    return end


def clear_window(items: list[T], t: float, cap: int, window: float) -> float:
    """The first time >= t past every run of `cap` bookings that would share a window with t."""
    lo = bisect_right(items, t - window + EPS, key=at_of)
    hi = bisect_left(items, t + window - EPS, key=at_of)
    best = t
    for j in range(lo, hi - cap + 1):
        first, last = items[j].at, items[j + cap - 1].at
        if last - first < window - EPS:
            best = max(best, first + window)
    return best
