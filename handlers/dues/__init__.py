"""Handlers of the dues feature (党费), in the order they must be tried.

`approve_section` is the dues part of the officers' approval inbox (for /approve);
`flow_routes` takes the messages a dues step asked for (kept in the database).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.kernel.conversations import FlowState
from handlers.dues.commands import command_handlers, on_remit_photo
from handlers.dues.member import MemberDues
from handlers.dues.officer import OfficerDues, approve_section
from handlers.dues.state import FLOW, DuesState
from handlers.flows import StepHandler

__all__ = ["approve_section", "flow_routes", "handlers"]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """One UI state per Application (all_handlers runs once per app)."""
    state = DuesState()
    return [
        *MemberDues(state).handlers(),
        *OfficerDues(state).handlers(),
        *command_handlers(),
    ]


async def _on_input(update: Update, context: Context, state: FlowState) -> None:
    """The next message of a person in the dues flow, by step."""
    if state.step == "photo":
        await MemberDues.on_photo(update, context, state)
    elif state.step == "remit_photo":
        await on_remit_photo(update, context, state)
    else:
        await MemberDues.on_text(update, context, state)


def flow_routes() -> dict[str, StepHandler]:
    return {FLOW: _on_input}
