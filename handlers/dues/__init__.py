"""Handlers of the dues feature (党费), in the order they must be tried.

`approve_section` is the dues part of the officers' approval inbox (for /approve).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from handlers.dues.commands import command_handlers, on_remit_photo
from handlers.dues.member import MemberDues
from handlers.dues.officer import OfficerDues, approve_section
from handlers.dues.state import AwaitingDuesInput, DuesState, Pending

__all__ = ["approve_section", "handlers"]


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """One UI state per Application (all_handlers runs once per app)."""
    state = DuesState()
    member = MemberDues(state)
    officer = OfficerDues(state)

    async def on_input(update: Update, context: Context) -> None:
        assert update.effective_user is not None
        pending: Pending | None = state.waiting(update.effective_user.id)
        if pending is None:
            return
        if pending.kind == "photo":
            await member.on_photo(update, context, pending)
        elif pending.kind == "remit_photo":
            await on_remit_photo(update, context, pending, state)
        else:
            await member.on_text(update, context, pending)

    return [
        # First: a message /dues asked this person for (commands and menu never match).
        AwaitingDuesInput(state, on_input),
        *member.handlers(),
        *officer.handlers(),
        *command_handlers(state),
    ]
