"""The branch's group chat: /checkin (or any private-only command) or a check-in code said to
the bot there gets a short pointer to the private chat instead of silence.

Only what is addressed to the bot is answered: a command of ours (bare or /cmd@thisbot), or
a code in a reply to the bot or mentioning it. A number typed in conversation is none of our
business, and a group may hear from a bot 20 times a minute at most: each person is pointed
at most once per NUDGE_EVERY and kind, however often they try.
"""

from __future__ import annotations

import logging
import re
import time

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.commands import MEMBER_COMMANDS, OPERATOR_COMMANDS, SECRETARY_COMMANDS
from bot.context import Context
from bot.texts import t
from handlers.base import unit

log = logging.getLogger(__name__)

NUDGE_EVERY = 600.0  # seconds
_OURS = frozenset((*MEMBER_COMMANDS, *SECRETARY_COMMANDS, *OPERATOR_COMMANDS))
_COMMAND = re.compile(r"^/(\w+)(?:@(\w+))?")
_CODE = re.compile(r"^\s*[0-9０-９]{3}[\s-]?[0-9０-９]{3}\s*$")


class _OurCommand(filters.MessageFilter):
    """A command this bot has, addressed to it (no @, or @this bot)."""

    def filter(self, message: Message) -> bool:
        found = _COMMAND.match(message.text or "")
        if found is None or found.group(1).lower() not in _OURS:
            return False
        to = found.group(2)
        return to is None or to.lower() == (message.get_bot().username or "").lower()


class _CodeToUs(filters.MessageFilter):
    """Six digits in a reply to the bot, or after @this bot."""

    def filter(self, message: Message) -> bool:
        bot = message.get_bot()
        text = message.text or ""
        mention = f"@{bot.username}" if bot.username else None
        replied = message.reply_to_message
        author = replied.from_user if replied is not None else None
        to_us = author is not None and author.id == bot.id
        if mention and mention.lower() in text.lower():
            to_us = True
            text = re.sub(re.escape(mention), " ", text, flags=re.IGNORECASE)
        return to_us and _CODE.match(text) is not None


class GroupNudge:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        groups = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE
        return [
            MessageHandler(groups & filters.COMMAND & _OurCommand(), self.command),
            MessageHandler(groups & filters.TEXT & ~filters.COMMAND & _CodeToUs(), self.code),
        ]

    async def command(self, update: Update, context: Context) -> None:
        await self._nudge(update, context, "command", "error.private_only")

    async def code(self, update: Update, context: Context) -> None:
        # Never checked: a code said in the group is seen by everyone in it.
        await self._nudge(update, context, "code", "meetings.group.code_private")

    async def _nudge(self, update: Update, context: Context, kind: str, key: str) -> None:
        message = update.effective_message
        user = update.effective_user
        assert message is not None and user is not None
        seen = context.bot_data.group_nudged
        now = time.monotonic()
        for old in [k for k, at in seen.items() if now - at > NUDGE_EVERY]:
            del seen[old]
        if (message.chat.id, user.id, kind) in seen:
            log.info("group %s: %s from %s again, not repeated", message.chat.id, kind, user.id)
            return
        seen[(message.chat.id, user.id, kind)] = now
        async with unit(update, context) as u:
            lang = u.actor.lang
        button = InlineKeyboardButton(
            t("meetings.group.private_button", lang), url=f"https://t.me/{context.bot.username}"
        )
        await message.reply_text(t(key, lang), reply_markup=InlineKeyboardMarkup([[button]]))
