"""Account, chat, command, menu, description and file methods."""

from __future__ import annotations

from typing import Any

from bot.sandbox.call import Call, Handler
from bot.sandbox.commands import language_key, parse_commands, scope_key
from bot.sandbox.errors import bad_request
from bot.sandbox.media import MAX_DOWNLOAD
from bot.sandbox.models import JSON, Chat
from bot.sandbox.serialize import (
    bot_json,
    chat_full_info,
    file_json,
    get_me_json,
    member_json,
    user_json,
)

_MENU_TYPES = ("commands", "web_app", "default")


async def get_me(call: Call) -> JSON:
    return get_me_json(call.bot)


async def log_out(call: Call) -> bool:
    return True


async def close(call: Call) -> bool:
    return True


async def get_chat(call: Call) -> JSON:
    return chat_full_info(call.state, call.chat())


def _member(call: Call, chat: Chat, user_id: int) -> JSON:
    state = call.state
    if user_id in state.bots:
        person = bot_json(state.bots[user_id])
    elif user_id in state.users:
        person = user_json(state.users[user_id])
    else:
        raise bad_request("user not found")
    if chat.type == "private":
        if user_id not in (chat.user_id, call.bot.id):
            raise bad_request("user not found")
        user = state.users[chat.user_id or 0]
        if user_id == call.bot.id and call.bot.id in user.blocked_bots:
            return member_json(person, "kicked")
        return member_json(person, "member")
    member = chat.members.get(user_id)
    return member_json(person, member.role if member else "left")


async def get_chat_member(call: Call) -> JSON:
    chat = call.chat()
    return _member(call, chat, call.params.get_int("user_id", required=True) or 0)


async def get_chat_administrators(call: Call) -> list[JSON]:
    chat = call.chat()
    if not chat.is_group():
        return []
    admins = [m for m in chat.members.values() if m.role in ("creator", "administrator")]
    return [_member(call, chat, m.user_id) for m in admins]


async def get_chat_member_count(call: Call) -> int:
    chat = call.chat()
    return len(chat.members) if chat.is_group() else 2


async def leave_chat(call: Call) -> bool:
    from bot.sandbox.groups import remove_bot_from_group

    chat = call.chat()
    if not chat.is_group():
        raise bad_request("chat member status can't be changed in private chats")
    if call.bot.id in chat.members:
        remove_bot_from_group(call.state, chat, call.bot, by_user_id=None)
    return True


def _command_key(call: Call) -> tuple[Any, str]:
    params = call.params
    scope = scope_key(call.state, call.bot, params.get_json("scope"))
    return scope, language_key(params.get_str("language_code"))


async def set_my_commands(call: Call) -> bool:
    commands = parse_commands(call.params.get_json("commands"))
    key = _command_key(call)
    if commands:
        call.bot.commands[key] = commands
    else:
        call.bot.commands.pop(key, None)
    return True


async def get_my_commands(call: Call) -> list[JSON]:
    return list(call.bot.commands.get(_command_key(call), []))


async def delete_my_commands(call: Call) -> bool:
    call.bot.commands.pop(_command_key(call), None)
    return True


async def set_chat_menu_button(call: Call) -> bool:
    params = call.params
    chat_id = call.chat().id if params.has("chat_id") else None
    button = params.get_json("menu_button") or {"type": "default"}
    if not isinstance(button, dict) or button.get("type") not in _MENU_TYPES:
        raise bad_request("can't parse menu button JSON object")
    if button["type"] == "web_app" and not (button.get("text") and button.get("web_app")):
        raise bad_request("menu button web app text and URL must be non-empty")
    if button["type"] == "default":
        call.bot.menu_buttons.pop(chat_id, None)
    else:
        call.bot.menu_buttons[chat_id] = button
    return True


async def get_chat_menu_button(call: Call) -> JSON:
    params = call.params
    if params.has("chat_id"):
        chat_id = call.chat().id
        return call.bot.menu_buttons.get(chat_id) or {"type": "default"}
    return call.bot.menu_buttons.get(None) or {"type": "commands"}


def _text_setter(field: str, limit: int) -> Handler:
    async def setter(call: Call) -> bool:
        params = call.params
        value = params.get_str(field) or ""
        if len(value) > limit:
            raise bad_request(f"{field} is too long")
        key = (field, language_key(params.get_str("language_code")))
        if value:
            call.bot.descriptions[key] = value
        else:
            call.bot.descriptions.pop(key, None)
        if field == "name" and not key[1]:
            call.bot.first_name = value or call.bot.first_name
        return True

    return setter


def _text_getter(field: str) -> Handler:
    async def getter(call: Call) -> JSON:
        lang = language_key(call.params.get_str("language_code"))
        found = call.bot.descriptions.get((field, lang))
        if found is None:
            found = call.bot.descriptions.get((field, ""), "")
        if field == "name" and not found:
            found = call.bot.first_name
        return {field: found}

    return getter


async def get_file(call: Call) -> JSON:
    file_id = call.params.get_str("file_id", required=True) or ""
    stored = call.state.files.get(file_id)
    if stored is None:
        raise bad_request("invalid file_id")
    if stored.size > MAX_DOWNLOAD:
        raise bad_request("file is too big")
    return file_json(stored)


HANDLERS: dict[str, Handler] = {
    "getMe": get_me,
    "logOut": log_out,
    "close": close,
    "getChat": get_chat,
    "getChatMember": get_chat_member,
    "getChatAdministrators": get_chat_administrators,
    "getChatMemberCount": get_chat_member_count,
    "leaveChat": leave_chat,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "setChatMenuButton": set_chat_menu_button,
    "getChatMenuButton": get_chat_menu_button,
    "setMyDescription": _text_setter("description", 512),
    "getMyDescription": _text_getter("description"),
    "setMyShortDescription": _text_setter("short_description", 120),
    "getMyShortDescription": _text_getter("short_description"),
    "setMyName": _text_setter("name", 64),
    "getMyName": _text_getter("name"),
    "getFile": get_file,
}
