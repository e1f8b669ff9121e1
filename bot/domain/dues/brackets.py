"""The dues regulation: the monthly amount for a basis, and how it was computed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from bot.domain.dues.money import MAX_INCOME, ZERO, to_fen

FARMER_MIN = Decimal("0.20")
FARMER_MAX = Decimal("1.00")
LOW_FIXED = Decimal("0.20")
MAX_REDUCED = Decimal("10000.00")

# (inclusive upper bound of the base, rate); None: no upper bound.
EMPLOYED_BRACKETS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal("3000"), Decimal("0.005")),
    (Decimal("5000"), Decimal("0.01")),
    (Decimal("10000"), Decimal("0.015")),
    (None, Decimal("0.02")),
)
RETIRED_BRACKETS: tuple[tuple[Decimal | None, Decimal], ...] = (
    (Decimal("5000"), Decimal("0.005")),
    (None, Decimal("0.01")),
)


class BasisKind(StrEnum):
    """What a member's dues are computed from; values are stored in the DB."""

    EMPLOYED = "employed"  # income after tax, by bracket
    RETIRED = "retired"  # pension, by bracket
    FARMER = "farmer"  # a fixed 0.2-1 yuan
    LOW = "low"  # student, unemployed, subsistence allowance or relief: 0.2
    REDUCED = "reduced"  # hardship: an amount the branch approved, with its reason
    WAIVED = "waived"  # hardship: none, with its reason


RATED = frozenset({BasisKind.EMPLOYED, BasisKind.RETIRED})
NEEDS_REASON = frozenset({BasisKind.REDUCED, BasisKind.WAIVED})


class BasisError(StrEnum):
    """Why a basis is refused; rendered as "dues.basis_error.<value>"."""

    NEGATIVE = "negative"
    TOO_LARGE = "too_large"
    TOO_PRECISE = "too_precise"
    FARMER_RANGE = "farmer_range"
    REASON_MISSING = "reason_missing"
    REDUCED_NOT_LESS = "reduced_not_less"


@dataclass(frozen=True)
class Calculation:
    """The monthly amount and the numbers it came from (shown to the member)."""

    kind: BasisKind
    amount: Decimal
    base: Decimal | None = None
    rate: Decimal | None = None  # e.g. Decimal("0.015")

    @property
    def percent(self) -> str:
        """ "1.5%"."""
        assert self.rate is not None
        return f"{(self.rate * 100).normalize():f}%"


def rate_for(kind: BasisKind, base: Decimal) -> Decimal:
    """The bracket rate; each bracket includes its upper bound."""
    table = EMPLOYED_BRACKETS if kind is BasisKind.EMPLOYED else RETIRED_BRACKETS
    for upper, rate in table:
        if upper is None or base <= upper:
            return rate
    raise AssertionError("the last bracket has no upper bound")


def check_basis(kind: BasisKind, value: Decimal | None, reason: str | None) -> BasisError | None:
    """None if the basis is acceptable; value is the base (rated) or the fixed amount."""
    if kind in NEEDS_REASON and not (reason or "").strip():
        return BasisError.REASON_MISSING
    if kind in (BasisKind.LOW, BasisKind.WAIVED):
        return None
    if value is None or value < 0:
        return BasisError.NEGATIVE
    if value != value.quantize(Decimal("0.01")):
        return BasisError.TOO_PRECISE
    if kind in RATED and value > MAX_INCOME:
        return BasisError.TOO_LARGE
    if kind is BasisKind.FARMER and not FARMER_MIN <= value <= FARMER_MAX:
        return BasisError.FARMER_RANGE
    if kind is BasisKind.REDUCED and value > MAX_REDUCED:
        return BasisError.TOO_LARGE
    return None


def monthly_due(kind: BasisKind, value: Decimal | None) -> Calculation:
    """The monthly amount in yuan to the fen (value checked by check_basis first)."""
    if kind in RATED:
        assert value is not None
        rate = rate_for(kind, value)
        return Calculation(kind, to_fen(value * rate), base=value, rate=rate)
    if kind is BasisKind.LOW:
        return Calculation(kind, LOW_FIXED)
    if kind is BasisKind.WAIVED:
        return Calculation(kind, ZERO)
    assert value is not None
    return Calculation(kind, to_fen(value))
