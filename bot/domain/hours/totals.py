"""Sums over approved records: a member's totals, team and branch totals, the leaderboard."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from bot.domain.hours.periods import Period


@dataclass(frozen=True)
class Counted:
    """One approved record, as far as totals go."""

    member_id: int
    team_id: int | None
    day: date
    halves: int


@dataclass(frozen=True)
class Rank:
    place: int
    member_id: int
    halves: int
    shown: bool  # False: the member opted out of appearing by name


def total(records: Iterable[Counted], period: Period | None = None) -> int:
    return sum(r.halves for r in records if period is None or period.contains(r.day))


def by_team(records: Iterable[Counted], period: Period | None = None) -> dict[int | None, int]:
    sums: dict[int | None, int] = defaultdict(int)
    for r in records:
        if period is None or period.contains(r.day):
            sums[r.team_id] += r.halves
    return dict(sums)


def by_member(records: Iterable[Counted], period: Period | None = None) -> dict[int, int]:
    sums: dict[int, int] = defaultdict(int)
    for r in records:
        if period is None or period.contains(r.day):
            sums[r.member_id] += r.halves
    return dict(sums)


def by_month(records: Iterable[Counted], months: list[tuple[int, int]]) -> list[int]:
    """Halves per (year, month), in the order given (months without records are 0)."""
    sums: dict[tuple[int, int], int] = defaultdict(int)
    for r in records:
        sums[(r.day.year, r.day.month)] += r.halves
    return [sums.get(m, 0) for m in months]


def leaderboard(
    per_member: Mapping[int, int], hidden: frozenset[int], limit: int = 10
) -> list[Rank]:
    """Most hours first (ties share a place, then by id for a stable order)."""
    ordered = sorted(((h, m) for m, h in per_member.items() if h > 0), key=lambda x: (-x[0], x[1]))
    ranks: list[Rank] = []
    place = 0
    previous: int | None = None
    for index, (halves, member_id) in enumerate(ordered[:limit], start=1):
        if halves != previous:
            place, previous = index, halves
        ranks.append(Rank(place, member_id, halves, member_id not in hidden))
    return ranks
