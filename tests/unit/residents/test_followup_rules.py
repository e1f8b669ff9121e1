"""Reassigning, reminding the taker of an unfinished request, stars in the history."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.residents import rules
from bot.domain.residents.rules import Overdue, Problem

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("state", "taker", "new", "expected"),
    [
        ("open", None, 7, None),
        ("taken", 5, 7, None),
        ("taken", 7, 7, Problem.SAME_TAKER),
        ("done", 5, 7, Problem.NOT_OPEN),
        ("closed", None, 7, Problem.NOT_OPEN),
    ],
)
def test_assign_and_reassign(state: str, taker: int | None, new: int, expected: object) -> None:
    assert rules.may_assign(state, taker, new) is expected


@pytest.mark.parametrize(
    ("hours", "settings", "expected"),
    [
        (47, {}, Overdue.NO),
        (48, {}, Overdue.REMIND),
        (95, {}, Overdue.REMIND),
        (96, {}, Overdue.SECRETARY),
        (24, {rules.SETTING_REMIND: 24}, Overdue.REMIND),
        (48, {rules.SETTING_REMIND: 24}, Overdue.SECRETARY),
        (48, {rules.SETTING_REMIND: 5}, Overdue.REMIND),  # not a choice: the default
        (48, {rules.SETTING_REMIND: "72"}, Overdue.REMIND),
    ],
)
def test_overdue_after_the_branch_time_then_as_long_again(
    hours: int, settings: dict[str, object], expected: Overdue
) -> None:
    assert rules.overdue(NOW - timedelta(hours=hours), NOW, settings) is expected


def test_remind_default_is_48_hours() -> None:
    assert rules.remind_after({}) == timedelta(hours=48)
    assert rules.remind_after({rules.SETTING_REMIND: 72}) == timedelta(hours=72)


@pytest.mark.parametrize(
    ("rating", "shown"), [(None, "—"), (0, "—"), (9, "—"), (3, "⭐⭐⭐"), (5, "⭐⭐⭐⭐⭐")]
)
def test_stars(rating: int | None, shown: str) -> None:
    assert rules.stars(rating) == shown
