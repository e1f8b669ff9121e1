"""Handlers of the meetings feature (三会一课, 主题党日), in the order they must be tried."""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.texts import t
from handlers.base import unit
from handlers.meetings.checkin import CheckinFlow
from handlers.meetings.group import GroupNudge
from handlers.meetings.hosting import HostingFlow
from handlers.meetings.listing import MeetingsList
from handlers.meetings.new import NewMeetingFlow
from handlers.meetings.notice import NoticeButtons
from handlers.meetings.report import ReportFlow
from handlers.meetings.settings import SettingsFlow
from handlers.meetings.state import (
    FILE_KINDS,
    LOCATION_KINDS,
    AwaitingInput,
    Pending,
    UiState,
)

# What to ask again when a photo or sticker comes where typed input is expected.
REASK = {"code": "meetings.reask.code", "title": "meetings.reask.title"}


def _accepted(message: Message, pending: Pending) -> bool:
    """Non-text input a step takes: a map point for a place, files for the agenda."""
    if message.location is not None:
        return pending.kind in LOCATION_KINDS
    return bool(message.document is not None or message.photo) and pending.kind in FILE_KINDS


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """This feature's handlers; one UI state per Application (all_handlers runs once per app)."""
    state = UiState()
    new = NewMeetingFlow(state)
    notice = NoticeButtons(state)
    checkin = CheckinFlow(state)
    listing = MeetingsList(state)
    settings = SettingsFlow(state)
    routes = {
        "title": new.on_input,
        "rule": new.on_input,
        "place": new.on_input,
        "location": new.on_input,
        "agenda": new.on_input,
        "leave_reason": notice.on_input,
        "code": checkin.on_input,
        "move_place": listing.on_input,
        "reminders": settings.on_input,
        "tz": settings.on_input,
    }

    async def on_input(update: Update, context: Context) -> None:
        assert update.effective_user is not None
        pending: Pending | None = state.waiting(update.effective_user.id)
        if pending is None:
            return
        async with unit(update, context) as u:
            lang = u.actor.lang
        message = update.message
        if message is not None and message.text is None and not _accepted(message, pending):
            await context.bot.send_message(
                message.chat.id, t(REASK.get(pending.kind, "meetings.reask.text"), lang)
            )
            return
        route = routes.get(pending.kind)
        if route is not None:
            await route(update, context, pending, lang)

    return [
        # First: a message someone was asked for (commands and menu buttons never match).
        AwaitingInput(state, on_input),
        *new.handlers(),
        *notice.handlers(),
        *checkin.handlers(),
        *HostingFlow().handlers(),
        *listing.handlers(),
        *ReportFlow().handlers(),
        *settings.handlers(),
        *GroupNudge().handlers(),
    ]
