"""The cards' buttons: the longest data each kind makes fits Telegram's 64 bytes and reads back."""

from __future__ import annotations

import pytest

from bot.domain.cards.scoring import CORRECTION_STEPS, Item
from bot.kernel.buttons import MAX_ID, Button
from handlers.cards import buttons as b

LONGEST: list[Button] = [
    b.OpenMyCards(),
    b.ShowCard(MAX_ID, 4, 2099),
    b.ShowCard(None, 1, None),
    b.PrintCard(MAX_ID, 4, 2099),
    b.CardsPdf(MAX_ID, 2099),
    b.ShowLetter(MAX_ID, 2099),
    b.MembersPage(400),
    b.YearXlsx(2099),
    b.TallyXlsx(MAX_ID),
    b.ShowRules(),
    b.EditRules(),
    b.StepRule(400, True),
    b.ResetRules(),
    b.RateMember(MAX_ID),
    b.RateStars(MAX_ID, 5),
    b.NoComment(),
    b.PartnerLink(MAX_ID),
    b.PartnerStars(5),
    b.CorrectScore(MAX_ID, 2099),
    b.CorrectItem(MAX_ID, 2099, Item.ATTENDANCE),
    b.CorrectDelta(MAX_ID, 2099, Item.ATTENDANCE, len(CORRECTION_STEPS) - 1),
]


@pytest.mark.parametrize("button", LONGEST, ids=lambda x: type(x).__name__)
def test_the_longest_data_fits_and_reads_back(button: Button) -> None:
    assert len(button.data.encode()) <= 64
    assert type(button).parse(button.data) == button


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
    kinds: list[type[Button]] = [type(k) for k in LONGEST]
    assert not any(kind.parse(data) for kind in kinds)
