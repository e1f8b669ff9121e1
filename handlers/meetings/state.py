"""Per-process UI state of the meetings feature: wizard drafts and "the next text is …".

Only conversation state lives here (lost on restart: the person starts the flow again);
everything that matters is in the database. One instance per Application.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.domain.meetings import Audience, MeetingType
from bot.domain.meetings.recurrence import Recurrence
from bot.services.meetings.scheduling import FileRef
from bot.texts import catalog

PENDING_TTL = 30 * 60.0
DRAFT_TTL = 2 * 60 * 60.0


@dataclass
class Draft:
    """A /newmeeting in progress."""

    branch_id: int
    tz: str
    type: MeetingType | None = None
    title: str | None = None
    day: date | None = None
    hour: int | None = None
    minute: int | None = None
    duration: timedelta | None = None
    place: str | None = None
    location: tuple[float, float] | None = None
    audience: Audience | None = None
    agenda: str | None = None
    recurrence: Recurrence | None = None
    files: list[FileRef] = field(default_factory=list)
    places: tuple[tuple[str, float | None, float | None], ...] = ()
    groups: dict[int, str] = field(default_factory=dict)
    branch_wide: bool = True
    touched: float = field(default_factory=clock.monotonic)

    @property
    def start_local(self) -> datetime | None:
        if self.day is None or self.hour is None or self.minute is None:
            return None
        return datetime.combine(self.day, time(self.hour, self.minute))


@dataclass(frozen=True)
class Pending:
    """What the person's next message is for."""

    kind: str  # title / place / agenda / rule / leave_reason / code / move_place / reminders / tz
    meeting_id: int | None = None
    expires: float = 0.0
    message_id: int | None = None  # the message whose buttons this input stands in for


class UiState:
    def __init__(self) -> None:
        self.drafts: dict[int, Draft] = {}
        self.pending: dict[int, Pending] = {}
        # The /newmeeting confirm card each person last published from (for a late press).
        self.published: dict[int, int] = {}

    def expect(
        self,
        user_id: int,
        kind: str,
        meeting_id: int | None = None,
        message_id: int | None = None,
    ) -> None:
        expires = clock.monotonic() + PENDING_TTL
        self.pending[user_id] = Pending(kind, meeting_id, expires, message_id)

    def waiting(self, user_id: int) -> Pending | None:
        found = self.pending.get(user_id)
        if found is not None and found.expires < clock.monotonic():
            del self.pending[user_id]
            return None
        return found

    def clear(self, user_id: int) -> None:
        self.pending.pop(user_id, None)

    def draft(self, user_id: int) -> Draft | None:
        found = self.drafts.get(user_id)
        if found is not None and found.touched + DRAFT_TTL < clock.monotonic():
            del self.drafts[user_id]
            return None
        if found is not None:
            found.touched = clock.monotonic()
        return found

    def start_draft(self, user_id: int, draft: Draft) -> None:
        self.drafts[user_id] = draft
        self.clear(user_id)

    def drop_draft(self, user_id: int) -> None:
        self.drafts.pop(user_id, None)
        self.clear(user_id)


def _menu_texts() -> frozenset[str]:
    return frozenset(
        text
        for key, variants in catalog().items()
        if key.startswith("menu.")
        for text in variants.values()
    )


# Kinds that accept a map point or files besides text.
LOCATION_KINDS = frozenset({"place", "location", "move_place"})
FILE_KINDS = frozenset({"agenda"})


class AwaitingInput(BaseHandler[Update, Context, None]):
    """Matches a private message only when this person's next message is expected.

    Commands and main-menu buttons are never taken as input, so they always work.
    """

    def __init__(self, state: UiState, callback: Any) -> None:
        super().__init__(callback)
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
        if message.text is not None:
            text = message.text.strip()
            if text.startswith("/") or text in _menu_texts():
                return None
            return pending
        if message.location is not None:
            # A live location checks in on its own, whatever the person was asked.
            return pending if pending.kind in LOCATION_KINDS else None
        if (message.document is not None or message.photo) and pending.kind in FILE_KINDS:
            return pending
        # A photo (sticker, voice…) where a code or a topic is expected: taken here so the
        # question is asked again, instead of a generic "can't handle photos".
        return pending
