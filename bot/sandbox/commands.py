"""Bot command lists per (scope, language) and which list a given person sees."""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.errors import bad_request
from bot.sandbox.models import JSON, SBot
from bot.sandbox.state import SandboxState

ScopeKey = tuple[Any, ...]
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")
_SIMPLE_SCOPES = ("default", "all_private_chats", "all_group_chats", "all_chat_administrators")


def scope_key(state: SandboxState, bot: SBot, raw: Any) -> ScopeKey:
    """Normalise a BotCommandScope; chat scopes name an existing chat."""
    if raw is None:
        return ("default",)
    if not isinstance(raw, dict) or not isinstance(raw.get("type"), str):
        raise bad_request("can't parse BotCommandScope JSON object")
    kind = raw["type"]
    if kind in _SIMPLE_SCOPES:
        return (kind,)
    if kind not in ("chat", "chat_administrators", "chat_member"):
        raise bad_request("wrong bot command scope type specified")
    chat = state.chat_for_bot(bot, raw.get("chat_id"))
    if kind == "chat":
        return (kind, chat.id)
    if not chat.is_group():
        raise bad_request("can't use chat scope for private chats")
    if kind == "chat_administrators":
        return (kind, chat.id)
    user_id = raw.get("user_id")
    if not isinstance(user_id, int) or user_id not in state.users:
        raise bad_request("user not found")
    return (kind, chat.id, user_id)


def parse_commands(raw: Any) -> list[JSON]:
    """Validate setMyCommands' list."""
    if not isinstance(raw, list):
        raise bad_request("can't parse commands JSON object")
    if len(raw) > 100:
        raise bad_request("too many commands")
    out: list[JSON] = []
    for item in raw:
        if not isinstance(item, dict):
            raise bad_request("can't parse BotCommand JSON object")
        command, description = item.get("command"), item.get("description")
        if not isinstance(command, str) or not _COMMAND.match(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        out.append({"command": command, "description": description})
    return out


def language_key(code: Any) -> str:
    if code is None or code == "":
        return ""
    if not isinstance(code, str) or not re.match(r"^[a-zA-Z]{2}$", code):
        raise bad_request("invalid language code specified")
    return code.lower()


def _scope_chain(state: SandboxState, user_id: int, chat_id: int | None) -> list[ScopeKey]:
    """The documented lookup order for a person in a chat."""
    if chat_id is None or chat_id > 0:
        chat = (chat_id,) if chat_id is not None else (user_id,)
        return [("chat", *chat), ("all_private_chats",), ("default",)]
    group = state.groups.get(chat_id)
    member = group.members.get(user_id) if group else None
    is_admin = member is not None and member.role in ("creator", "administrator")
    chain: list[ScopeKey] = [("chat_member", chat_id, user_id)]
    if is_admin:
        chain.append(("chat_administrators", chat_id))
    chain.append(("chat", chat_id))
    if is_admin:
        chain.append(("all_chat_administrators",))
    chain += [("all_group_chats",), ("default",)]
    return chain


def visible_commands(
    state: SandboxState, bot: SBot, user_id: int, chat_id: int | None = None
) -> tuple[list[JSON], ScopeKey | None, str]:
    """The command list this person sees in this chat, with the scope and language it came from."""
    user = state.users.get(user_id)
    code = (user.language_code or "") if user else ""
    lang = code.split("-")[0].lower()
    for key in _scope_chain(state, user_id, chat_id):
        for language in (lang, "") if lang else ("",):
            found = bot.commands.get((key, language))
            if found:
                return list(found), key, language
    return [], None, ""
