"""setMyCommands scopes and languages, and the list each person sees; menu and descriptions."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllChatAdministrators,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    BotCommandScopeChatMember,
    MenuButtonCommands,
)
from telegram.error import BadRequest

from bot.sandbox.client import SandboxClient


def _names(commands: list[dict[str, str]]) -> list[str]:
    return [c["command"] for c in commands]


async def test_scope_resolution_per_person(bot: Bot, client: SandboxClient) -> None:
    secretary = await client.user("书记", language_code="zh-hans")
    member = await client.user("党员", language_code="en")
    group = await client.group("支部群", members=[secretary, member], added_by=secretary)
    await bot.set_my_commands([BotCommand("start", "开始")])
    await bot.set_my_commands([BotCommand("help", "help")], language_code="en")
    await bot.set_my_commands(
        [BotCommand("checkin", "签到")], scope=BotCommandScopeAllPrivateChats()
    )
    await bot.set_my_commands([BotCommand("meeting", "会议")], scope=BotCommandScopeAllGroupChats())
    await bot.set_my_commands(
        [BotCommand("admin", "管理")], scope=BotCommandScopeAllChatAdministrators()
    )
    await bot.set_my_commands(
        [BotCommand("personal", "个人")], scope=BotCommandScopeChatMember(group.id, member.id)
    )
    assert _names(await secretary.commands()) == ["checkin"]
    assert _names(await secretary.commands(group.id)) == ["admin"]
    assert _names(await member.commands(group.id)) == ["personal"]
    await bot.set_my_commands([BotCommand("mine", "我的")], scope=BotCommandScopeChat(member.id))
    assert _names(await member.commands()) == ["mine"]
    await bot.delete_my_commands(scope=BotCommandScopeAllPrivateChats())
    assert _names(await secretary.commands()) == ["start"]
    # Language fallback: an English speaker sees the "en" default before the plain one.
    await bot.delete_my_commands(scope=BotCommandScopeChat(member.id))
    assert _names(await member.commands()) == ["help"]
    stored = await bot.get_my_commands(scope=BotCommandScopeAllGroupChats())
    assert [c.command for c in stored] == ["meeting"]


async def test_command_validation_menu_and_descriptions(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.set_my_commands([BotCommand("a", "b")], scope=BotCommandScopeChat(42))
    assert await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert isinstance(await bot.get_chat_menu_button(), MenuButtonCommands)
    await bot.set_my_description("社区党支部助手")
    await bot.set_my_short_description("支部助手", language_code="zh")
    assert (await bot.get_my_description()).description == "社区党支部助手"
    assert (await bot.get_my_short_description("zh")).short_description == "支部助手"
    assert (await bot.get_my_short_description("en")).short_description == ""


async def test_get_chat_and_members(bot: Bot, client: SandboxClient) -> None:
    boss = await client.user("组长")
    other = await client.user("组员")
    group = await client.group("小组", members=[boss, other])
    chat = await bot.get_chat(group.id)
    assert (chat.id, chat.type, chat.title) == (group.id, "group", "小组")
    assert (await bot.get_chat_member(group.id, boss.id)).status == "creator"
    assert (await bot.get_chat_member(group.id, other.id)).status == "member"
    assert (await bot.get_chat_member(group.id, bot.id)).status == "member"
    admins = await bot.get_chat_administrators(group.id)
    assert [a.user.id for a in admins] == [boss.id]
    private = await bot.get_chat(boss.id)
    assert private.first_name == "组长"
