"""The members feature's guided flows, kept in the database (bot.kernel.conversations).

Registration, /newbranch, a typed value on /members and the roster file after 「导入名单」
each keep their step and draft in the person's conversation row, so a restart or a second
process goes on where the person was. The flow router (handlers/flows.py) hands them the next
message; commands and menu buttons leave them there, and these flows say so.
"""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.texts import t, variants
from handlers.base import unit
from handlers.flows import StepHandler
from handlers.members.flow import START_PAYLOAD

REGISTER = "members.reg"
NEW_BRANCH = "members.newbranch"
INPUT = "members.input"
IMPORT = "members.import"
# Commands that start a members flow: leaving one flow for another is not an interruption.
_ENTRY_COMMANDS = frozenset({"newbranch"})


def typed(update: Update) -> str | None:
    """Plain typing for a step (not a command, and not the 取消 button); None otherwise."""
    message = update.message
    if message is None or message.text is None or message.text.startswith("/"):
        return None
    return None if is_cancel(update) else message.text


def is_cancel(update: Update) -> bool:
    message = update.message
    if message is None or message.text is None:
        return False
    return message.text in variants("members.cancel_button") or (
        message.text.split(maxsplit=1)[0].split("@")[0].lower() == "/cancel"
    )


def _starts_a_flow(update: Update) -> bool:
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return False
    command = message.text[1:].split(maxsplit=1)[0].split("@")[0].lower()
    return command in _ENTRY_COMMANDS or bool(START_PAYLOAD.check_update(update))


def interrupted(key: str) -> StepHandler:
    """The router's `left` hook: say the flow ended, unless what ended it starts another."""

    async def left(update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        if message is None or _starts_a_flow(update):
            return
        async with unit(update, context) as u:
            lang = u.actor.lang
        await message.reply_text(t(key, lang))

    return left
