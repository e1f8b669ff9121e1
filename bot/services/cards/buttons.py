"""The buttons a tally notice carries (one's own cards, the letter, the spreadsheet).

Defined here, not beside the handlers, because the tally service writes them into the outbox
(services cannot import handlers); handlers/cards/buttons.py re-exports them with the rest.
"""

from __future__ import annotations

from typing import Annotated

from bot.domain.cards.periods import MAX_YEAR, MIN_YEAR
from bot.kernel.buttons import Button, Span

Year = Annotated[int, Span(MIN_YEAR, MAX_YEAR)]  # a term: a calendar year


class OpenMyCards(Button, prefix="cd:my"):
    """One's own card 1 of this year, as a new message."""


class ShowLetter(Button, prefix="cd:lt"):
    """An 在职 member's community performance letter for a year (PDF and PNG)."""

    member: int
    year: Year


class TallyXlsx(Button, prefix="cd:tx"):
    """The spreadsheet of one tally run (its period comes from the run, not the data)."""

    run: int
