"""The cards' buttons: data no cards kind makes is refused (tests/unit/test_button_kinds.py checks
that every kind's longest data fits and reads back)."""

from __future__ import annotations

import pytest

from handlers.cards import buttons as b
from tests.forged_data import kinds_of


@pytest.mark.parametrize(
    "data",
    [
        "cd:v:0:5:2026",  # there are four cards
        "cd:v:-:1:1999",  # a term outside the assessment's years
        "cd:fr:7:6",  # five stars at most
        "cd:pr:0",
        "cd:ci:7:2026:3",  # an item by its name, not its place
        "cd:cv:7:2026:duties:10",  # ten correction steps: 0-9
        "cd:lt:-:2026",  # the letter is always someone's
    ],
)
def test_data_no_cards_button_makes_is_refused(data: str) -> None:
    kinds = kinds_of(b)
    assert not any(kind.parse(data) for kind in kinds)
