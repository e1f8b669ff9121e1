"""The residents' rules alone: cleaning text, phones, limits, photos, ratings, settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.residents import rules
from bot.domain.residents.rules import Cleaned, Problem

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def test_text_is_cleaned_of_control_characters_and_blank_runs() -> None:
    assert rules.clean(" 楼道灯\n\n坏了\u202e\x00 ", limit=50) == Cleaned("楼道灯 坏了")


@pytest.mark.parametrize(
    ("raw", "minimum", "expected"),
    [("", 1, Problem.TOO_SHORT), ("灯", 4, Problem.TOO_SHORT), ("灯" * 301, 1, Problem.TOO_LONG)],
)
def test_text_too_short_or_long_is_refused(raw: str, minimum: int, expected: Problem) -> None:
    assert rules.clean(raw, limit=rules.MAX_TEXT, minimum=minimum) is expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("138 0013-8000", "13800138000"),
        ("+86 138 0013 8000", "+8613800138000"),
        ("打我电话", Problem.BAD_PHONE),
        ("1" * 16, Problem.BAD_PHONE),
    ],
)
def test_phones(raw: str, expected: str | Problem) -> None:
    assert rules.clean_phone(raw) == expected


@pytest.mark.parametrize(
    ("open_count", "today", "expected"),
    [(0, 0, None), (2, 4, None), (3, 0, Problem.TOO_MANY_OPEN), (0, 5, Problem.TOO_MANY_TODAY)],
)
def test_per_resident_limit(open_count: int, today: int, expected: Problem | None) -> None:
    assert rules.may_ask(open_count, today) is expected


@pytest.mark.parametrize(
    ("mime", "size", "expected"),
    [
        ("image/jpeg", 1000, None),
        ("IMAGE/PNG", rules.MAX_PHOTO_BYTES, None),
        ("image/jpeg", rules.MAX_PHOTO_BYTES + 1, Problem.PHOTO_TOO_BIG),
        ("image/jpeg", None, Problem.PHOTO_TOO_BIG),  # unknown size: not fetched to find out
        ("application/pdf", 10, Problem.PHOTO_TYPE),
        ("image/svg+xml", 10, Problem.PHOTO_TYPE),
    ],
)
def test_photos_are_judged_before_download(
    mime: str, size: int | None, expected: Problem | None
) -> None:
    assert rules.photo_ok(mime, size) is expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("门口.JPG", None), ("x.png", None), ("x.exe", Problem.PHOTO_TYPE), ("", Problem.PHOTO_TYPE)],
)
def test_a_picture_sent_as_a_file_needs_a_pictures_name(
    name: str, expected: Problem | None
) -> None:
    assert rules.photo_ok("image/jpeg", 1000, name) is expected


def test_ratings_are_one_to_five() -> None:
    assert [n for n in range(-1, 8) if rules.rating_ok(n)] == [1, 2, 3, 4, 5]


def test_escalation_and_retention_follow_the_branch_setting_or_the_default() -> None:
    assert not rules.escalation_due(NOW, NOW + timedelta(hours=23, minutes=59), {})
    assert rules.escalation_due(NOW, NOW + timedelta(hours=24), {})
    six = {rules.SETTING_ESCALATE: 6}
    assert rules.escalation_due(NOW, NOW + timedelta(hours=6), six)
    # A value no button offers (hand-edited settings) falls back to the default.
    assert not rules.escalation_due(NOW, NOW + timedelta(hours=7), {rules.SETTING_ESCALATE: 7})
    assert not rules.forgotten(NOW, NOW + timedelta(days=364), {})
    assert rules.forgotten(NOW, NOW + timedelta(days=365), {})
    assert rules.forgotten(NOW, NOW + timedelta(days=90), {rules.SETTING_RETENTION: 90})
    assert not rules.forgotten(None, NOW, {})
