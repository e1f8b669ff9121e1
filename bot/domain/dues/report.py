"""The collection report (党费收缴公示): counts and totals, never an income or a person's amount."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.dues.money import ZERO


@dataclass(frozen=True)
class MemberPeriod:
    """One member over the report's period."""

    group: str | None
    owed_months: int  # months with something due in the period
    settled_months: int
    collected: Decimal


@dataclass(frozen=True)
class GroupRate:
    group: str | None
    paid: int
    total: int

    @property
    def percent(self) -> int:
        """Whole percent, half up (四舍五入) in integers: round() on a float rounds 62.5 to 62."""
        return (200 * self.paid + self.total) // (2 * self.total) if self.total else 100


@dataclass(frozen=True)
class Summary:
    paid: int  # members who paid every month due in the period
    unpaid: int
    collected: Decimal
    groups: tuple[GroupRate, ...]


def summarize(members: Iterable[MemberPeriod]) -> Summary:
    """Members with nothing due (waived, not yet started) are left out of both counts."""
    paid = unpaid = 0
    collected = ZERO
    by_group: dict[str | None, list[int]] = {}
    for m in members:
        collected += m.collected
        if m.owed_months == 0:
            continue
        done = m.settled_months >= m.owed_months
        paid += done
        unpaid += not done
        counts = by_group.setdefault(m.group, [0, 0])
        counts[0] += done
        counts[1] += 1
    groups = tuple(
        GroupRate(g, c[0], c[1])
        for g, c in sorted(by_group.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    )
    return Summary(paid, unpaid, collected, groups)


def held(collected: Decimal, remitted: Decimal) -> Decimal:
    """What the branch still holds (negative would mean more remitted than collected)."""
    return collected - remitted
