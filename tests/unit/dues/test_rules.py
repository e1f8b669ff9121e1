"""Amount parsing, months, arrears, reminder tone, which months one payment may cover."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bot.domain.dues.ledger import (
    Line,
    MonthsError,
    Settings,
    Tone,
    arrears_months,
    check_months,
    officer_alert,
    parse_days,
    payable_months,
    reminder_tone,
    settings_from,
    split_payment,
)
from bot.domain.dues.money import AmountError, parse_amount, yuan
from bot.domain.dues.months import add_months, label, month_range, months_between, parse_month
from bot.domain.dues.report import MemberPeriod, summarize


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("3000", Decimal("3000.00")),
        ("3,000.5元", Decimal("3000.50")),
        ("￥12.30", Decimal("12.30")),
        ("３０００", Decimal("3000.00")),
        ("三千", AmountError.WORDS),
        ("3千", AmountError.WORDS),
        ("-5", AmountError.NEGATIVE),
        ("12.345", AmountError.TOO_PRECISE),
        ("99999999", AmountError.TOO_LARGE),
        ("abc", AmountError.NOT_A_NUMBER),
        ("1e5", AmountError.NOT_A_NUMBER),
        ("  ", AmountError.EMPTY),
    ],
)
def test_parse_amount(text: str, result: object) -> None:
    assert parse_amount(text) == result


def test_yuan_prints_two_decimals() -> None:
    assert yuan(Decimal("15")) == "15.00"
    assert yuan(Decimal("0.2")) == "0.20"


def test_months() -> None:
    assert add_months(202612, 1) == 202701
    assert add_months(202601, -1) == 202512
    assert months_between(202511, 202602) == 3
    assert list(month_range(202511, 202602)) == [202511, 202512, 202601, 202602]
    assert label(202603, "zh") == "2026年3月"
    assert parse_month("2026-03") == 202603
    assert parse_month("2026年3月") == 202603
    assert parse_month("2026-13") is None


def _lines(*specs: tuple[int, str | None, str]) -> list[Line]:
    return [Line(m, Decimal(d) if d else None, Decimal(p)) for m, d, p in specs]


def test_arrears_counts_past_unpaid_months_only() -> None:
    lines = _lines((202601, "15", "0"), (202602, "15", "15"), (202603, "15", "0"))
    assert arrears_months(lines, 202603) == 1
    assert arrears_months(_lines((202603, None, "0")), 202603) == 0


def test_tone_and_alerts() -> None:
    assert reminder_tone(0) is Tone.GENTLE
    assert reminder_tone(1) is Tone.FIRM
    assert reminder_tone(5) is Tone.SERIOUS
    assert [officer_alert(n) for n in range(8)] == [None, None, None, 3, None, 5, 6, 6]


def test_settings_fall_back_on_odd_values() -> None:
    assert settings_from(None) == Settings((10, 25), 2)
    assert settings_from({"dues": {"reminder_days": [5, 31], "prepay_months": 99}}) == Settings()
    assert settings_from({"dues": {"reminder_days": [15], "prepay_months": 0}}) == Settings(
        (15,), 0
    )
    assert parse_days("10、25") == (10, 25)
    assert parse_days("30") is None


def test_months_a_payment_may_cover() -> None:
    settings = Settings((10, 25), 2)
    lines = {ln.month: ln for ln in _lines((202602, "15", "15"), (202603, "15", "0"))}
    ok = {"current": 202603, "settings": settings, "start": 202501, "lines": lines}
    assert check_months([202603, 202604, 202605], **ok) is None  # type: ignore[arg-type]
    assert check_months([202606], **ok) is MonthsError.TOO_FAR_AHEAD  # type: ignore[arg-type]
    assert check_months([202602], **ok) is MonthsError.ALREADY_PAID  # type: ignore[arg-type]
    assert check_months([202508], **ok) is MonthsError.TOO_OLD  # type: ignore[arg-type]
    assert check_months([], **ok) is MonthsError.NONE  # type: ignore[arg-type]
    late_start = {**ok, "start": 202603}
    assert check_months([202602], **late_start) is MonthsError.BEFORE_START  # type: ignore[arg-type]
    claimed = {202603: Line(202603, Decimal(15), claimed=True)}
    assert (
        check_months([202603], current=202603, settings=settings, start=None, lines=claimed)
        is MonthsError.ALREADY_CLAIMED
    )
    assert payable_months(current=202603, settings=settings, start=202501, lines=lines) == [
        202603,
        202604,
        202605,
    ]


def test_split_payment_keeps_the_extra() -> None:
    parts, extra = split_payment(Decimal("40"), [Decimal("15"), Decimal("15")])
    assert parts == [Decimal("15"), Decimal("15")] and extra == Decimal("10")


def test_summary_has_counts_and_totals_only() -> None:
    summary = summarize(
        [
            MemberPeriod("一组", 1, 1, Decimal("15")),
            MemberPeriod("一组", 1, 0, Decimal("0")),
            MemberPeriod("二组", 1, 1, Decimal("0.2")),
            MemberPeriod(None, 0, 0, Decimal("0")),
        ]
    )
    assert (summary.paid, summary.unpaid, summary.collected) == (2, 1, Decimal("15.2"))
    assert [(g.group, g.percent) for g in summary.groups] == [("一组", 50), ("二组", 100)]


def test_group_rate_rounds_half_up() -> None:
    from bot.domain.dues.report import GroupRate

    assert GroupRate("一组", 5, 8).percent == 63  # 62.5
    assert GroupRate("一组", 1, 8).percent == 13  # 12.5
    assert GroupRate("一组", 1, 3).percent == 33
    assert GroupRate("一组", 2, 3).percent == 67
    assert GroupRate("一组", 0, 0).percent == 100
