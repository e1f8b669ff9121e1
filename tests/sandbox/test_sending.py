"""sendMessage and friends: validation errors as PTB exceptions, 403s, migration."""

from __future__ import annotations

import pytest
from telegram import (
    Bot,
    ForceReply,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    ReplyParameters,
)
from telegram.error import BadRequest, ChatMigrated, Forbidden

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from tests.sandbox.conftest import raw_call


async def test_text_validation_errors(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("钱一")
    await user.start()
    with pytest.raises(BadRequest, match="Message text is empty"):
        await bot.send_message(user.id, "   ")
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(user.id, "党" * 4097)
    assert (await bot.send_message(user.id, "党" * 4096)).text == "党" * 4096
    with pytest.raises(BadRequest, match='Can\'t parse entities: unsupported start tag "br"'):
        await bot.send_message(user.id, "a<br>b", parse_mode="HTML")
    with pytest.raises(BadRequest, match=r"(?i)character '!' is reserved"):
        await bot.send_message(user.id, "你好!", parse_mode="MarkdownV2")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(123456789, "nobody")


async def test_raw_error_shape_and_caption_limit(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    user = await client.user("钱二")
    await user.start()
    status, body = await raw_call(sandbox, "sendMessage", chat_id=user.id, text="")
    assert (status, body) == (
        400,
        {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"},
    )
    photo = await user.send_photo(
        b"\x89PNG\r\n\x1a\n" + b"\0" * 8 + b"IHDR" + b"\0\0\0\x02\0\0\0\x03"
    )
    status, body = await raw_call(
        sandbox,
        "sendPhoto",
        chat_id=user.id,
        photo=photo["photo"][-1]["file_id"],
        caption="字" * 1025,
    )
    assert body["description"] == "Bad Request: message caption is too long"


async def test_callback_data_must_be_1_to_64_bytes(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("孙三")
    await user.start()
    ok_data = "签" * 21  # 63 bytes in UTF-8
    sent = await bot.send_message(
        user.id,
        "ok",
        reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data=ok_data)]]),
    )
    assert sent.reply_markup is not None
    for bad in ("x" * 65, "签" * 22):
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("a", callback_data=bad)]])
        with pytest.raises(BadRequest, match="Button_data_invalid"):
            await bot.send_message(user.id, "bad", reply_markup=markup)


async def test_never_started_and_blocked_users_are_forbidden(
    bot: Bot, client: SandboxClient
) -> None:
    user = await client.user("李四")
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(user.id, "hello?")
    await user.start()
    await bot.get_updates()
    await user.block()
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(user.id, "still there?")
    await user.unblock()
    assert (await bot.send_message(user.id, "welcome back")).text == "welcome back"
    updates = await bot.get_updates(offset=-2)
    statuses = [u.my_chat_member.new_chat_member.status for u in updates if u.my_chat_member]
    assert statuses == ["kicked", "member"]


async def test_group_migration_raises_chat_migrated(bot: Bot, client: SandboxClient) -> None:
    alice = await client.user("Alice")
    group = await client.group("第一支部", members=[alice])
    updates = await bot.get_updates()
    added = [u.my_chat_member for u in updates if u.my_chat_member]
    assert added and added[0].new_chat_member.status == "member"
    joined = [u.message for u in updates if u.message and u.message.new_chat_members]
    assert joined[0].new_chat_members[0].id == bot.id
    old_id = group.id
    new_id = await group.migrate_to_supergroup()
    assert new_id < -1_000_000_000_000
    with pytest.raises(ChatMigrated) as info:
        await bot.send_message(old_id, "hi")
    assert info.value.new_chat_id == new_id
    assert (await bot.send_message(new_id, "hi")).chat.type == "supergroup"


async def test_group_privacy_mode(bot: Bot, client: SandboxClient) -> None:
    a = await client.user("甲")
    group = await client.group("学习小组", members=[a])
    await bot.get_updates(offset=-1)
    first = await bot.get_updates()
    await bot.get_updates(offset=first[-1].update_id + 1)
    await group.send(a, "just chatting")
    await group.send(a, "/help@partybot_sandbox_bot")
    await group.send(a, "/help@other_bot")
    updates = await bot.get_updates()
    assert [u.message.text for u in updates if u.message] == ["/help@partybot_sandbox_bot"]


async def test_keyboards_reply_and_force_reply(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("郑四")
    await user.start()
    keyboard = ReplyKeyboardMarkup(
        [["签到", "请假"], [KeyboardButton("发送位置", request_location=True)]],
        resize_keyboard=True,
        input_field_placeholder="选一个",
    )
    menu = await bot.send_message(user.id, "菜单", reply_markup=keyboard)
    assert await user.current_reply_keyboard() == [["签到", "请假"], ["发送位置"]]
    pressed = await user.press("请假")
    assert pressed["text"] == "请假"
    location = await user.press("发送位置")
    assert "location" in location
    reply = await bot.send_message(
        user.id, "答复", reply_parameters=ReplyParameters(menu.message_id)
    )
    assert (
        reply.reply_to_message is not None and reply.reply_to_message.message_id == menu.message_id
    )
    await bot.send_message(user.id, "收起", reply_markup=ReplyKeyboardRemove())
    assert await user.current_reply_keyboard() is None
    asked = await bot.send_message(user.id, "您的名字?", reply_markup=ForceReply())
    answer = await user.send("王小明")
    assert answer["reply_to_message"]["message_id"] == asked.message_id
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(user.id, "x", reply_parameters=ReplyParameters(9999))
