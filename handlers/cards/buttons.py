"""The buttons of the four cards, each kind of data defined once (bot/kernel/buttons.py).

A member of None is oneself, a year of None this year; the services check every right again.
The tally notice's kinds are the service's (it writes them into the outbox) and are
re-exported here.
"""

from __future__ import annotations

from typing import Annotated

from bot.domain.cards.feedback import MAX_RATING, MIN_RATING
from bot.domain.cards.scoring import CORRECTION_STEPS, Item
from bot.kernel.buttons import Button, Small, Span
from bot.services.cards.buttons import OpenMyCards, ShowLetter, TallyXlsx, Year

__all__ = [
    "CardsPdf",
    "CorrectDelta",
    "CorrectItem",
    "CorrectScore",
    "EditRules",
    "MembersPage",
    "NoComment",
    "OpenMyCards",
    "PartnerLink",
    "PartnerStars",
    "PrintCard",
    "RateMember",
    "RateStars",
    "ResetRules",
    "ShowCard",
    "ShowLetter",
    "ShowRules",
    "StepRule",
    "TallyXlsx",
    "Year",
    "YearXlsx",
]

CardNumber = Annotated[int, Span(1, 4)]
Rating = Annotated[int, Span(MIN_RATING, MAX_RATING)]
Step = Annotated[int, Span(0, len(CORRECTION_STEPS) - 1)]  # an index into CORRECTION_STEPS


# --- looking at cards ---------------------------------------------------------------------
class ShowCard(Button, prefix="cd:v"):
    member: int | None
    card: CardNumber
    year: Year | None


class PrintCard(Button, prefix="cd:png"):
    """One card as a picture to print or forward."""

    member: int | None
    card: CardNumber
    year: Year


class CardsPdf(Button, prefix="cd:pdf"):
    """All four cards in one PDF."""

    member: int | None
    year: Year


class MembersPage(Button, prefix="cd:ml"):
    """A page of the members whose cards an officer may open."""

    page: Small


class YearXlsx(Button, prefix="cd:xl"):
    """The secretary's spreadsheet of a year so far."""

    year: Year


# --- the scoring rules --------------------------------------------------------------------
class ShowRules(Button, prefix="cd:rules"):
    """How the scores are counted."""


class EditRules(Button, prefix="cd:ra"):
    """The secretary's editor of the adjustable rules."""


class StepRule(Button, prefix="cd:rd"):
    """One adjustable rule a step up or down; the service checks the index."""

    rule: Small
    up: bool


class ResetRules(Button, prefix="cd:rr"):
    """Back to the default rules."""


# --- ratings and the partner's link -------------------------------------------------------
class RateMember(Button, prefix="cd:fb"):
    member: int


class RateStars(Button, prefix="cd:fr"):
    member: int
    rating: Rating


class NoComment(Button, prefix="cd:fn"):
    """Save the rating chosen (an officer's or a partner's) without a comment."""


class PartnerLink(Button, prefix="cd:fl"):
    member: int


class PartnerStars(Button, prefix="cd:pr"):
    """A partner's rating; the link is in their flow's draft, never in the data."""

    rating: Rating


# --- corrections --------------------------------------------------------------------------
class CorrectScore(Button, prefix="cd:co"):
    member: int
    year: Year


class CorrectItem(Button, prefix="cd:ci"):
    member: int
    year: Year
    item: Item


class CorrectDelta(Button, prefix="cd:cv"):
    member: int
    year: Year
    item: Item
    step: Step
