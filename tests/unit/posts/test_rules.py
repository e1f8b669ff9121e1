"""The posts rules alone: the claim limit and capacity, duty days, texts, photos, the nudge."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.posts.rules import (
    DEFAULT_CATEGORIES,
    ClaimError,
    DutyDayError,
    NudgeCheck,
    PhotoError,
    TextError,
    check_claim,
    check_duty_day,
    check_photo,
    claim_limit,
    clean_phone,
    clean_text,
    nudge_day,
    nudge_due,
    nudge_on,
    pickable_days,
    valid_halves,
)


def _claim(**over: object) -> ClaimError | None:
    args: dict[str, object] = {
        "closed": False,
        "post_term": 2026,
        "term": 2026,
        "capacity": 2,
        "taken": 1,
        "held_this_term": 0,
        "limit": 2,
        "holds_it": False,
    }
    args.update(over)
    return check_claim(**args)  # type: ignore[arg-type]


def test_seven_default_categories() -> None:
    assert len(DEFAULT_CATEGORIES) == 7 and "助老助残" in DEFAULT_CATEGORIES


@pytest.mark.parametrize(
    ("over", "error"),
    [
        ({}, None),
        ({"taken": 2}, ClaimError.FULL),
        ({"closed": True}, ClaimError.CLOSED),
        ({"held_this_term": 2}, ClaimError.LIMIT),
        ({"held_this_term": 1, "limit": 1}, ClaimError.LIMIT),
        ({"holds_it": True}, ClaimError.HELD),
        ({"post_term": 2025}, ClaimError.OTHER_TERM),
    ],
)
def test_claim_rules(over: dict[str, object], error: ClaimError | None) -> None:
    assert _claim(**over) is error


def test_the_limit_setting_is_one_or_two() -> None:
    assert claim_limit(None) == 2
    assert claim_limit({"posts_max_claims": 1}) == 1
    assert claim_limit({"posts_max_claims": 3}) == 2
    assert claim_limit({"posts_max_claims": "1"}) == 2


def test_duty_days_lie_inside_the_claim_and_never_ahead() -> None:
    today, claimed = date(2026, 3, 10), date(2026, 3, 8)
    assert check_duty_day(today, today, claimed) is None
    assert check_duty_day(date(2026, 3, 11), today, claimed) is DutyDayError.FUTURE
    assert check_duty_day(date(2026, 3, 7), today, claimed) is DutyDayError.BEFORE_CLAIM
    assert pickable_days(today, claimed) == [date(2026, 3, d) for d in (10, 9, 8)]
    assert len(pickable_days(today, date(2025, 1, 1))) == 21


def test_texts_hours_photos_phone() -> None:
    assert clean_text("  清理\x00 楼道  ", minimum=2, maximum=10) == "清理 楼道"
    assert clean_text("a", minimum=2, maximum=10) is TextError.TOO_SHORT
    assert clean_text("x" * 11, minimum=2, maximum=10) is TextError.TOO_LONG
    assert valid_halves(0) and valid_halves(24) and not valid_halves(25) and not valid_halves(-1)
    assert check_photo(0, 1000, None) is None
    assert check_photo(3, 1000, None) is PhotoError.TOO_MANY
    assert check_photo(0, 11 * 1024 * 1024, None) is PhotoError.TOO_BIG
    assert check_photo(0, 1000, "application/pdf") is PhotoError.NOT_IMAGE
    assert clean_phone("138-0000-1234") == "138-0000-1234"
    assert clean_phone("＋86 13800001234") == "+86 13800001234"
    assert clean_phone("call me") is None


def test_the_nudge_is_monthly_from_the_branch_day() -> None:
    check = NudgeCheck(25, True)
    assert not nudge_due(date(2026, 3, 24), check, None, False)
    assert nudge_due(date(2026, 3, 25), check, None, False)
    assert nudge_due(date(2026, 3, 31), check, "2026-02", False)
    assert not nudge_due(date(2026, 3, 26), check, "2026-03", False)
    assert not nudge_due(date(2026, 3, 26), check, None, True)
    assert not nudge_due(date(2026, 3, 26), NudgeCheck(25, False), None, False)
    assert not nudge_due(date(2026, 3, 26), check, None, False, hour=23)
    assert not nudge_due(date(2026, 3, 26), check, None, False, hour=7)
    assert nudge_on(None) and not nudge_on({"posts_nudge": False})
    assert nudge_day({"posts_nudge_day": 31}) == 25 and nudge_day({"posts_nudge_day": 1}) == 1
