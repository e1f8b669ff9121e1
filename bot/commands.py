"""Command lists shown in Telegram's menu, per audience (members, secretaries, operators)."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat
from telegram.error import TelegramError

from bot.texts import DEFAULT_LANG, LANGS, t

log = logging.getLogger(__name__)

MEMBER_COMMANDS = (
    "start",
    "card",
    "meetings",
    "checkin",
    "dues",
    "hours",
    "posts",
    "mydata",
    "help",
    "language",
)
SECRETARY_COMMANDS = (
    "invite",
    "members",
    "newmeeting",
    "broadcast",
    "approve",
    "report",
    "settings",
    "residents",
    "audit",
    "privacynotice",
)
OPERATOR_COMMANDS = ("newbranch",)


def commands_for(names: tuple[str, ...], lang: str) -> list[BotCommand]:
    return [BotCommand(name, t(f"cmd.{name}", lang)) for name in names]


async def publish_default_commands(bot: Bot) -> None:
    """Members' commands for every private chat, in each shipped language."""
    for lang in LANGS:
        await bot.set_my_commands(
            commands_for(MEMBER_COMMANDS, lang),
            scope=BotCommandScopeAllPrivateChats(),
            language_code=None if lang == "zh" else lang,
        )


async def publish_chat_commands(
    bot: Bot,
    chat_id: int,
    *,
    secretary: bool,
    operator: bool,
    lang: str,
    chosen_language: bool = False,
) -> None:
    """A per-chat list for secretaries and operators (a chat scope overrides the default).

    A plain member normally sees the default lists (by their Telegram app's language); once
    they choose a language in the bot (chosen_language), or one other than the default, their
    chat gets the member list in that language, since the app's language may differ.
    """
    names: tuple[str, ...] = MEMBER_COMMANDS
    if secretary:
        names += SECRETARY_COMMANDS
    if operator:
        names += OPERATOR_COMMANDS
    scope = BotCommandScopeChat(chat_id)
    try:
        if names == MEMBER_COMMANDS and not chosen_language and lang == DEFAULT_LANG:
            await bot.delete_my_commands(scope=scope)
        else:
            await bot.set_my_commands(commands_for(names, lang), scope=scope)
    except TelegramError:
        # The person may never have started the bot; their menu is refreshed on their next /start.
        log.warning("could not set commands for chat %s", chat_id, exc_info=True)
