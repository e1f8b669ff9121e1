"""Rules of volunteer hours: typed hours, days, the daily limit, duplicates, credit, totals."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.domain.approvals import Person, Refusal, may_decide
from bot.domain.hours import certificate as codes
from bot.domain.hours import totals as sums
from bot.domain.hours.periods import PeriodKind, months_back, period_of
from bot.domain.hours.rules import (
    DayEntry,
    DayError,
    HoursError,
    check_day,
    credited_halves,
    format_halves,
    likely_duplicate,
    max_age_of,
    over_daily_limit,
    parse_day,
    parse_hours,
)
from bot.domain.members.roles import Permission

TODAY = date(2026, 3, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2", 4),
        ("1.5", 3),
        ("０.５", 1),
        ("2小时", 4),
        ("3 h", 6),
        ("12", 24),
        ("0", HoursError.NOT_POSITIVE),
        ("-1", HoursError.NOT_POSITIVE),
        ("0.3", HoursError.NOT_HALF_STEP),
        ("1.50", 3),
        ("1.25", HoursError.NOT_HALF_STEP),
        ("1.500001", HoursError.NOT_HALF_STEP),
        ("25", HoursError.TOO_MANY),
        ("12.5", HoursError.TOO_MANY),
        ("两个小时", HoursError.NOT_A_NUMBER),
        ("abc", HoursError.NOT_A_NUMBER),
        ("", HoursError.NOT_A_NUMBER),
        ("9" * 40, HoursError.TOO_MANY),
    ],
)
def test_typed_hours(text: str, expected: int | HoursError) -> None:
    assert parse_hours(text) == expected


def test_days_not_in_the_future_nor_older_than_the_branch_limit() -> None:
    assert check_day(TODAY, TODAY, 60) is None
    assert check_day(date(2026, 3, 11), TODAY, 60) is DayError.FUTURE
    assert check_day(date(2026, 1, 9), TODAY, 60) is None  # exactly 60 days ago
    assert check_day(date(2026, 1, 8), TODAY, 60) is DayError.TOO_OLD
    assert max_age_of({}) == 60
    assert max_age_of({"hours_max_age_days": 30}) == 30
    assert max_age_of({"hours_max_age_days": "30"}) == 60
    assert max_age_of({"hours_max_age_days": True}) == 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-05", date(2026, 3, 5)),
        ("2026年3月5日", date(2026, 3, 5)),
        ("3月5日", date(2026, 3, 5)),
        ("12月28日", date(2025, 12, 28)),
        ("昨天", date(2026, 3, 9)),
        ("2月30日", None),
        ("上周", None),
    ],
)
def test_typed_days(text: str, expected: date | None) -> None:
    assert parse_day(text, TODAY) == expected


def test_daily_limit_and_duplicates() -> None:
    assert not over_daily_limit(20, 4)
    assert over_daily_limit(20, 5)
    existing = [DayEntry(1, 4), DayEntry(None, 2)]
    assert likely_duplicate(existing, 1, 4)
    assert not likely_duplicate(existing, 1, 3)
    assert not likely_duplicate(existing, 2, 4)
    assert likely_duplicate(existing, None, 2)


def test_credit_from_check_in_is_whole_half_hours() -> None:
    start = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
    assert credited_halves(start, start.replace(hour=2, minute=29)) == 2
    assert credited_halves(start, start.replace(hour=3, minute=0)) == 4
    assert credited_halves(start, start.replace(minute=20)) == 0
    assert credited_halves(start, start.replace(day=3)) == 24
    assert format_halves(5) == "2.5" and format_halves(4) == "2"


def test_periods_and_sums() -> None:
    assert period_of(PeriodKind.LAST_MONTH, TODAY).first == date(2026, 2, 1)
    assert period_of(PeriodKind.LAST_MONTH, TODAY).last == date(2026, 2, 28)
    assert months_back(date(2026, 2, 5), 3) == [(2025, 12), (2026, 1), (2026, 2)]
    rows = [
        sums.Counted(1, 10, date(2026, 3, 1), 4),
        sums.Counted(1, 11, date(2026, 2, 1), 3),
        sums.Counted(2, 10, date(2026, 3, 2), 4),
        sums.Counted(3, 10, date(2026, 3, 2), 1),
    ]
    assert sums.total(rows, period_of(PeriodKind.MONTH, TODAY)) == 9
    assert sums.by_team(rows) == {10: 9, 11: 3}
    assert sums.by_month(rows, [(2026, 2), (2026, 3)]) == [3, 9]
    board = sums.leaderboard(sums.by_member(rows), hidden=frozenset({2}))
    assert [(r.place, r.member_id, r.shown) for r in board] == [
        (1, 1, True),
        (2, 2, False),
        (3, 3, True),
    ]


def test_certificate_codes_check_what_they_certify() -> None:
    secret = b"k" * 32
    facts = codes.Facts(7, 3, "王阿姨", date(2026, 1, 1), date(2026, 3, 10), 25)
    code = codes.code_for(secret, facts)
    parsed = codes.parse_code(code.lower().replace("-", " "))
    assert parsed is not None and parsed[0] == 7
    assert codes.genuine(secret, facts, parsed[1])
    changed = codes.Facts(7, 3, "王阿姨", date(2026, 1, 1), date(2026, 3, 10), 26)
    assert not codes.genuine(secret, changed, parsed[1])
    assert not codes.genuine(b"x" * 32, facts, parsed[1])
    assert codes.parse_code("VH-1-ABC") is None
    assert codes.parse_code("VH-" + "9" * 30 + "-ABCDEFGHJKLM") is None


def test_a_feature_may_add_its_own_right_but_never_oneself() -> None:
    leader = Person(1, "member", None)
    member = Person(2, "member", None)
    gone = Person(3, "member", None, active=False)
    rec = Permission.RECORD_ACTIVITY
    assert may_decide(leader, member, rec) is Refusal.NOT_ALLOWED
    assert may_decide(leader, member, rec, extra_allowed=True) is None
    assert may_decide(leader, leader, rec, extra_allowed=True) is Refusal.SELF
    assert may_decide(gone, member, rec, extra_allowed=True) is Refusal.NOT_ALLOWED


def test_periods_from_buttons_and_typed_ranges() -> None:
    from bot.domain.hours.periods import Period, parse_range, range_token, resolve

    assert resolve("year", TODAY) == Period(date(2026, 1, 1), TODAY)
    token = range_token(date(2026, 1, 5), date(2026, 2, 15))
    assert resolve(token, TODAY) == Period(date(2026, 1, 5), date(2026, 2, 15))
    assert resolve("r2026021520260105", TODAY) is None  # backwards
    assert resolve("r2026139920260105", TODAY) is None  # no such day
    assert resolve("decade", TODAY) is None
    assert parse_range("2026-01-05 至 2026-02-15", TODAY) == Period(
        date(2026, 1, 5), date(2026, 2, 15)
    )
    assert parse_range("1月5日到2月15日", TODAY) == Period(date(2026, 1, 5), date(2026, 2, 15))
    assert parse_range("2026-01-05 to 2026-02-15", TODAY) is not None
    assert parse_range("2026-02-15 至 2026-01-05", TODAY) is None
    assert parse_range("上个月", TODAY) is None
