"""The bracket function against the regulation, at and around every boundary (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.dues.brackets import (
    BasisError,
    BasisKind,
    check_basis,
    monthly_due,
    rate_for,
)

FEN = Decimal("0.01")


def regulation_rate(kind: BasisKind, base: Decimal) -> Decimal:
    """The regulation written out literally, independent of the bracket table."""
    if kind is BasisKind.EMPLOYED:
        if base <= 3000:
            return Decimal("0.005")
        if base <= 5000:
            return Decimal("0.01")
        if base <= 10000:
            return Decimal("0.015")
        return Decimal("0.02")
    return Decimal("0.005") if base <= 5000 else Decimal("0.01")


def expected(kind: BasisKind, base: Decimal) -> Decimal:
    exact = base * regulation_rate(kind, base)
    # half up to the fen, done by hand on integers of a thousandth of a fen
    scaled = int(exact * 100000)
    fen, rest = divmod(scaled, 1000)
    return Decimal(fen + (1 if rest >= 500 else 0)) / 100


BOUNDARIES = {
    BasisKind.EMPLOYED: [Decimal(3000), Decimal(5000), Decimal(10000)],
    BasisKind.RETIRED: [Decimal(5000)],
}
_fen_amounts = st.integers(min_value=0, max_value=100_000_000).map(lambda n: Decimal(n) / 100)
_near = st.integers(min_value=-300, max_value=300).map(lambda n: Decimal(n) / 100)


@given(kind=st.sampled_from([BasisKind.EMPLOYED, BasisKind.RETIRED]), base=_fen_amounts)
def test_any_base_matches_the_regulation(kind: BasisKind, base: Decimal) -> None:
    calc = monthly_due(kind, base)
    assert calc.amount == expected(kind, base)
    assert calc.amount == calc.amount.quantize(FEN)
    assert isinstance(calc.amount, Decimal)


@given(
    pick=st.sampled_from([(k, b) for k, bs in BOUNDARIES.items() for b in bs]),
    delta=_near,
)
def test_around_every_boundary(pick: tuple[BasisKind, Decimal], delta: Decimal) -> None:
    kind, bound = pick
    base = bound + delta
    assert rate_for(kind, base) == regulation_rate(kind, base)
    assert monthly_due(kind, base).amount == expected(kind, base)


@pytest.mark.parametrize(
    ("kind", "base", "amount", "percent"),
    [
        (BasisKind.EMPLOYED, "3000", "15.00", "0.5%"),  # upper bound included
        (BasisKind.EMPLOYED, "3000.01", "30.00", "1%"),
        (BasisKind.EMPLOYED, "5000", "50.00", "1%"),
        (BasisKind.EMPLOYED, "5000.01", "75.00", "1.5%"),
        (BasisKind.EMPLOYED, "10000", "150.00", "1.5%"),
        (BasisKind.EMPLOYED, "10000.01", "200.00", "2%"),
        (BasisKind.EMPLOYED, "4321.99", "43.22", "1%"),
        (BasisKind.RETIRED, "5000", "25.00", "0.5%"),
        (BasisKind.RETIRED, "5000.01", "50.00", "1%"),
        (BasisKind.RETIRED, "3333.33", "16.67", "0.5%"),
        (BasisKind.EMPLOYED, "0", "0.00", "0.5%"),
    ],
)
def test_worked_examples(kind: BasisKind, base: str, amount: str, percent: str) -> None:
    calc = monthly_due(kind, Decimal(base))
    assert calc.amount == Decimal(amount)
    assert calc.percent == percent


def test_fixed_categories() -> None:
    assert monthly_due(BasisKind.LOW, None).amount == Decimal("0.20")
    assert monthly_due(BasisKind.WAIVED, None).amount == Decimal("0.00")
    assert monthly_due(BasisKind.FARMER, Decimal("0.5")).amount == Decimal("0.50")
    assert monthly_due(BasisKind.REDUCED, Decimal("3")).amount == Decimal("3.00")


@pytest.mark.parametrize(
    ("kind", "value", "reason", "error"),
    [
        (BasisKind.EMPLOYED, "-1", None, BasisError.NEGATIVE),
        (BasisKind.EMPLOYED, "1000000.01", None, BasisError.TOO_LARGE),
        (BasisKind.RETIRED, "3000.001", None, BasisError.TOO_PRECISE),
        (BasisKind.FARMER, "0.19", None, BasisError.FARMER_RANGE),
        (BasisKind.FARMER, "1.01", None, BasisError.FARMER_RANGE),
        (BasisKind.REDUCED, "5", " ", BasisError.REASON_MISSING),
        (BasisKind.WAIVED, None, None, BasisError.REASON_MISSING),
        (BasisKind.FARMER, "0.2", None, None),
        (BasisKind.FARMER, "1", None, None),
        (BasisKind.WAIVED, None, "长期患病", None),
        (BasisKind.LOW, None, None, None),
    ],
)
def test_bad_bases(kind: BasisKind, value: str | None, reason: str | None, error: object) -> None:
    assert check_basis(kind, Decimal(value) if value else None, reason) == error
