"""Handlers of the meetings feature (三会一课, 主题党日), in the order they must be tried.

`flow_routes` takes the messages a meetings step asked for (kept in the database).
"""

from __future__ import annotations

from telegram import Message, Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.texts import t
from handlers.base import unit
from handlers.flows import StepHandler
from handlers.meetings.checkin import CheckinFlow
from handlers.meetings.group import GroupNudge
from handlers.meetings.hosting import HostingFlow
from handlers.meetings.listing import MeetingsList
from handlers.meetings.new import NewMeetingFlow
from handlers.meetings.notice import NoticeButtons
from handlers.meetings.report import ReportFlow
from handlers.meetings.settings import SettingsFlow
from handlers.meetings.state import FILE_STEPS, FLOW, LOCATION_STEPS, PUBLISHED, WIZARD

__all__ = ["flow_routes", "handlers"]

# What to ask again when a photo or sticker comes where typed input is expected.
REASK = {"code": "meetings.reask.code", "title": "meetings.reask.title"}

_new = NewMeetingFlow()
_notice = NoticeButtons()
_checkin = CheckinFlow()
_listing = MeetingsList()
_settings = SettingsFlow()

_ROUTES = {
    "title": _new.on_input,
    "rule": _new.on_input,
    "place": _new.on_input,
    "location": _new.on_input,
    "agenda": _new.on_input,
    "leave_reason": _notice.on_input,
    "code": _checkin.on_input,
    "move_place": _listing.on_input,
    "reminders": _settings.on_input,
    "tz": _settings.on_input,
}


def _not_ours(message: Message, step: str) -> bool:
    """Messages a step never takes: the handlers after the router answer them as usual."""
    if step in (WIZARD, PUBLISHED) or step not in _ROUTES:
        return True
    text = (message.text or "").strip()
    # /cancel reaches a flow; the meetings steps leave it to its usual handler.
    if text.startswith("/"):
        return True
    # A live location checks in on its own, whatever the person was asked.
    return message.location is not None and step not in LOCATION_STEPS


def _accepted(message: Message, step: str) -> bool:
    """Non-text input a step takes: a map point for a place, files for the agenda."""
    if message.location is not None:
        return step in LOCATION_STEPS
    return bool(message.document is not None or message.photo) and step in FILE_STEPS


async def _on_input(update: Update, context: Context, state: FlowState) -> bool | None:
    """The next message of a person in the meetings flow, by step; False: not for a step
    (the router hands it on to the handlers after it)."""
    message = update.message
    assert message is not None
    if _not_ours(message, state.step):
        return False
    async with unit(update, context) as u:
        lang = u.actor.lang
    if message.text is None and not _accepted(message, state.step):
        # A photo (sticker, voice…) where a code or a topic is expected: ask again.
        key = REASK.get(state.step, "meetings.reask.text")
        await context.bot.send_message(message.chat.id, t(key, lang))
        return None
    await _ROUTES[state.step](update, context, state, lang)
    return None


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """This feature's handlers; their typed input comes through `flow_routes`."""
    return [
        *_new.handlers(),
        *_notice.handlers(),
        *_checkin.handlers(),
        *HostingFlow().handlers(),
        *_listing.handlers(),
        *ReportFlow().handlers(),
        *_settings.handlers(),
        *GroupNudge().handlers(),
    ]
