"""The hours buttons that notices carry (the outbox sends them, so a service builds their data).

They live here and not in handlers/hours/buttons.py because services never import handlers;
that module re-exports them with the feature's other kinds.
"""

from __future__ import annotations

from typing import Literal

from bot.kernel.buttons import Button


class Approve(Button, prefix="vh:ok"):
    approval: int


class Decline(Button, prefix="vh:no"):
    """Asks for a reason first (handlers/hours/approve.py)."""

    approval: int


class CheckIn(Button, prefix="vh:ci"):
    activity: int


class CheckOut(Button, prefix="vh:co"):
    activity: int


class Dispute(Button, prefix="vh:dp"):
    """A member says a record a leader made for them is wrong (keys of hours.dispute.*)."""

    record: int
    why: Literal["hours", "absent", "other"]
