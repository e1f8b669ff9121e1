"""The dues buttons that notices carry (the outbox sends them, so a service builds their data).

They live here and not in handlers/dues/buttons.py because services never import handlers;
that module re-exports them with the feature's other kinds.
"""

from __future__ import annotations

from bot.kernel.buttons import Button


class ConfirmPayment(Button, prefix="du:ok"):
    payment: int


class QuestionPayment(Button, prefix="du:q"):
    payment: int


class ConfirmBasis(Button, prefix="du:bok"):
    """Carries the approval item's id, not the basis row's: the queue decides by it."""

    item: int


class QuestionBasis(Button, prefix="du:bq"):
    item: int
