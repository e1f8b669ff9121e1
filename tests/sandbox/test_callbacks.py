"""Inline buttons, answerCallbackQuery, edits and deletion."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.sandbox.client import ButtonNotFound, SandboxClient, SandboxUser


def _keyboard(*buttons: InlineKeyboardButton) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([list(buttons)])


async def _next_update(bot: Bot, after: int) -> Update:
    updates = await bot.get_updates(offset=after + 1, timeout=5)
    return updates[0]


async def _started(bot: Bot, client: SandboxClient, name: str) -> tuple[SandboxUser, int]:
    user = await client.user(name)
    await user.start()
    (update,) = await bot.get_updates()
    return user, update.update_id


async def test_press_round_trip_with_answer_and_edit(bot: Bot, client: SandboxClient) -> None:
    user, last = await _started(bot, client, "按钮")
    sent = await bot.send_message(
        user.id,
        "会议通知",
        reply_markup=_keyboard(
            InlineKeyboardButton("参加", callback_data="join:7"),
            InlineKeyboardButton("请假", callback_data="leave:7"),
        ),
    )
    assert (await user.wait_message("会议")).button_texts() == ["参加", "请假"]

    async def bot_side() -> str:
        update = await _next_update(bot, last)
        query = update.callback_query
        assert query is not None and query.message is not None
        assert query.from_user.id == user.id
        await query.answer("已报名", show_alert=True)
        await bot.edit_message_text("会议通知 ✅", chat_id=user.id, message_id=sent.message_id)
        with pytest.raises(BadRequest, match=r"(?i)query is too old"):
            await query.answer("twice")
        return query.data or ""

    task = asyncio.create_task(bot_side())
    answer = await user.press("参加")
    assert answer["text"] == "已报名" and answer["show_alert"] is True
    assert await task == "join:7"
    edited = await user.wait_message("✅")
    assert edited.edited and edited.message_id == sent.message_id
    # Editing text without reply_markup removes the keyboard, as on Telegram.
    assert edited.inline_buttons == []
    with pytest.raises(ButtonNotFound, match="no button matching '参加'"):
        await user.press("参加", appear=0)


async def test_unanswered_press_times_out_and_forged_data_arrives(
    bot: Bot, client: SandboxClient
) -> None:
    user, last = await _started(bot, client, "伪造")
    sent = await bot.send_message(
        user.id, "x", reply_markup=_keyboard(InlineKeyboardButton("a", callback_data="a"))
    )
    with pytest.raises(TimeoutError, match="did not answer"):
        await user.press("a", timeout=0.2)
    update = await _next_update(bot, last)
    assert update.callback_query is not None
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await update.callback_query.answer()

    task = asyncio.create_task(_next_update(bot, update.update_id))
    press = asyncio.create_task(user.press_data("admin:delete_all", sent.message_id))
    forged = await task
    assert forged.callback_query is not None and forged.callback_query.data == "admin:delete_all"
    await forged.callback_query.answer("无权限")
    assert (await press)["text"] == "无权限"


async def test_url_button_needs_no_update(bot: Bot, client: SandboxClient) -> None:
    user, _ = await _started(bot, client, "链接")
    await bot.send_message(
        user.id, "看看", reply_markup=_keyboard(InlineKeyboardButton("打开", url="https://t.me/x"))
    )
    assert (await user.press("打开"))["url"] == "https://t.me/x"
    assert await bot.get_updates(offset=-1) != ()


async def test_edit_errors_and_delete(bot: Bot, client: SandboxClient) -> None:
    user, _ = await _started(bot, client, "编辑")
    sent = await bot.send_message(user.id, "原文")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("原文", chat_id=user.id, message_id=sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("新", chat_id=user.id, message_id=999)
    with pytest.raises(BadRequest, match=r"(?i)message can't be edited"):
        await bot.edit_message_text("新", chat_id=user.id, message_id=1)  # the user's /start
    markup = _keyboard(InlineKeyboardButton("b", callback_data="b"))
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=markup)
    assert (await user.last_message()).button_texts() == ["b"]  # type: ignore[union-attr]
    with pytest.raises(BadRequest, match=r"(?i)no caption in the message"):
        await bot.edit_message_caption(user.id, sent.message_id, caption="c")
    assert await bot.delete_message(user.id, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(user.id, sent.message_id)
    assert [m.text for m in await user.messages()] == ["/start"]


async def test_wait_message_consumes_and_explains_timeouts(bot: Bot, client: SandboxClient) -> None:
    user, _ = await _started(bot, client, "等待")
    await bot.send_message(user.id, "第一条")
    await bot.send_message(user.id, "第二条")
    assert (await user.wait_message("第二")).text == "第二条"
    assert (await user.wait_message()).text == "第一条"
    with pytest.raises(TimeoutError, match="第二条"):
        await user.wait_message("第三", timeout=0.2)
    await user.send("new action")
    with pytest.raises(TimeoutError):
        await user.wait_message(timeout=0.1)
