"""The residents' buttons that notices carry (the outbox stores their data with the text).

They are defined here, not beside the handlers, because services build those notices and may
not import handlers; handlers/residents/buttons.py re-exports them with the rest of the kinds.
"""

from __future__ import annotations

from bot.kernel.buttons import Button, Small


class TakeRequest(Button, prefix="rq:tk"):
    """「我来办」 on a new request, for the holders of its category."""

    request: int


class FinishRequest(Button, prefix="rq:dn"):
    """The taker finishes the request (a note is asked next)."""

    request: int


class RateRequest(Button, prefix="rq:rt"):
    # Any small number: the service says kindly that only 1 to 5 stars are given.
    request: int
    stars: Small


class ChooseTaker(Button, prefix="rq:as"):
    """The secretary picks who takes the request (or takes it over from the taker)."""

    request: int


class AskCloseReason(Button, prefix="rq:cl"):
    """The secretary closes the request; why is typed next."""

    request: int


class BlockResident(Button, prefix="rq:bk"):
    """The secretary blocks the resident who sent the request."""

    request: int
