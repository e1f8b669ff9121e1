"""The delivery buttons the sender draws: 「收到」 under a notice and the report's buttons.

Here rather than in handlers/delivery/buttons.py because jobs never import handlers (an
import-linter contract); the handlers answer them through that module, which names them too.
"""

from __future__ import annotations

from bot.kernel.buttons import Button


class Acknowledge(Button, prefix="dl:ack"):
    """「收到」 under one delivered copy of a notice."""

    delivery: int


class Acknowledged(Button, prefix="dl:acked"):
    """The same button once pressed (「已收到」): pressing it again only says so."""

    delivery: int


class RefreshReport(Button, prefix="dl:rep"):
    notice: int


class RemindUnacked(Button, prefix="dl:re"):
    """A new draft of the same notice for everyone who has not pressed 「收到」."""

    notice: int


class ShowUnreached(Button, prefix="dl:un"):
    """Who Telegram could not reach (never started the bot, blocked it)."""

    notice: int
