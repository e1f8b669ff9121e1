"""Per-process UI state of /dues: picked months or members, and "the next message is …".

Only conversation state lives here (lost on restart: the person opens /dues again).
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass, field
from decimal import Decimal

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.texts import catalog

TTL = 30 * 60.0
PHOTO_KINDS = frozenset({"photo", "remit_photo"})


@dataclass
class Pending:
    kind: str  # "photo" / "remit_photo" / "basis_amount"
    payment_id: int | None = None
    basis_kind: str | None = None
    amount: Decimal | None = None
    expires: float = field(default_factory=lambda: clock.monotonic() + TTL)


class DuesState:
    def __init__(self) -> None:
        self.pending: dict[int, Pending] = {}
        self.months: dict[int, set[int]] = {}
        self.members: dict[int, set[int]] = {}

    def expect(self, user_id: int, pending: Pending) -> None:
        self.pending[user_id] = pending

    def waiting(self, user_id: int) -> Pending | None:
        found = self.pending.get(user_id)
        if found is not None and found.expires < clock.monotonic():
            del self.pending[user_id]
            return None
        return found

    def clear(self, user_id: int) -> None:
        self.pending.pop(user_id, None)


def _menu_texts() -> frozenset[str]:
    return frozenset(
        text for key, v in catalog().items() if key.startswith("menu.") for text in v.values()
    )


class AwaitingDuesInput(BaseHandler[Update, Context, None]):
    """A private message this person was asked for by /dues (commands and menu never match)."""

    def __init__(self, state: DuesState, callback: object) -> None:
        super().__init__(callback)  # type: ignore[arg-type]
        self.state = state

    def check_update(self, update: object) -> Pending | None:
        if not isinstance(update, Update) or update.message is None:
            return None
        message = update.message
        if message.chat.type != "private" or message.from_user is None:
            return None
        pending = self.state.waiting(message.from_user.id)
        if pending is None:
            return None
        if message.photo and pending.kind in PHOTO_KINDS:
            return pending
        if message.text is not None and pending.kind not in PHOTO_KINDS:
            text = message.text.strip()
            if text.startswith("/") or text in _menu_texts():
                return None
            return pending
        return None
