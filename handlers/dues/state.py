"""UI state of /dues: picked months or members (per process), and "the next message is …"
(kept in the database by bot.kernel.conversations, so a restart loses no typed step).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from telegram import Update

from bot.kernel import conversations
from handlers import flows
from handlers.base import Unit

FLOW = "dues"
PHOTO_STEPS = frozenset({"photo", "remit_photo"})
# A receipt comes right after the claim or never: a text sent much later is about something
# else, and should not be answered as a skipped photo.
PHOTO_TTL = timedelta(minutes=30)


class DuesState:
    """Button selections in progress (picked months, picked members) per person."""

    def __init__(self) -> None:
        self.months: dict[int, set[int]] = {}
        self.members: dict[int, set[int]] = {}


async def expect(u: Unit, update: Update, step: str, data: Mapping[str, object]) -> None:
    """The person's next message is for this step of the dues flow."""
    ttl = PHOTO_TTL if step in PHOTO_STEPS else conversations.DEFAULT_TTL
    await flows.expect(FLOW, u, update, step, data, ttl=ttl)


async def done(u: Unit, update: Update) -> None:
    chat = update.effective_chat
    if chat is not None:
        await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)
