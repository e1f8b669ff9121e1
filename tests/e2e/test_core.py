"""The core as a person meets it: /start, help, language, menu, unknown input, errors."""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, make_world
from tests.said import said

# The smallest valid PNG (1×1, transparent).
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


async def test_start_as_stranger_answers_in_chinese_with_menu(harness: Harness) -> None:
    user = await harness.user("王阿姨")
    await user.start()
    reply = await user.wait_message()
    assert reply.text is not None
    assert "王阿姨" in reply.text and "邀请链接" in reply.text
    assert reply.reply_keyboard is not None
    flat = [b for row in reply.reply_keyboard for b in row]
    assert t("menu.help", "zh") in flat and t("menu.language", "zh") in flat


async def test_language_switch_is_remembered(harness: Harness) -> None:
    user = await harness.user("Li")
    await user.send("/language")
    await user.wait_message(contains=said("language.choose"))
    answer = await user.press("English")
    assert answer is not None
    await user.wait_message(contains=said("language.set", "en"))
    await user.send("/help")
    help_msg = await user.wait_message(contains=said("help.member", "en"))
    assert help_msg.reply_keyboard is not None
    assert t("menu.help", "en") in [b for row in help_msg.reply_keyboard for b in row]
    # Another person is not affected.
    other = await harness.user("张")
    await other.send("/help")
    await other.wait_message(contains=said("help.member"))


async def test_menu_button_and_unknown_text(harness: Harness) -> None:
    user = await harness.user("赵")
    await user.start()
    await user.wait_message()
    await user.press(t("menu.help", "zh"))
    await user.wait_message(contains=said("help.member"))
    await user.send("随便说点什么")
    await user.wait_message(contains=said("error.unknown_input"))


async def test_a_photo_file_or_contact_nobody_asked_for_gets_a_kind_answer(
    harness: Harness,
) -> None:
    user = await harness.user("孙")
    await user.start()
    await user.wait_message()
    await user.send_photo(_PNG)
    reply = await user.wait_message(contains=said("error.unsupported_message"))
    assert reply.reply_keyboard is None  # the keyboard shown stays (a flow may need it)
    await user.send_document("照片.pdf", b"%PDF-1.4", mime_type="application/pdf")
    await user.wait_message(contains=said("error.unsupported_message"))
    await user.send_contact("13800001111")
    await user.wait_message(contains=said("error.unsupported_message"))
    # A text edit is not a new message: no second answer to the same thing.
    sent = await user.send("你好")
    await user.wait_message(contains=said("error.unknown_input"))
    await user.edit(sent["message_id"], "你好呀")
    await user.send("/help")
    assert said("help.member").search((await user.wait_message()).body)


async def test_a_members_thanks_or_i_am_here_gets_a_fitting_answer(harness: Harness) -> None:
    world = await make_world(harness, [Person("书记老王", role="secretary"), Person("张大爷")])
    zhang = world.user("张大爷")
    await zhang.send("好的，收到了，谢谢书记")
    await zhang.wait_message(contains=said("chat.thanks"))
    await zhang.send("我到了")
    await zhang.wait_message(contains=said("chat.checkin"))
    await zhang.send("明天我来不了")
    await zhang.wait_message(contains=said("chat.leave"))
    # A stranger (no branch yet) gets the plain answer: there is nothing to check in to.
    stranger = await harness.user("路人")
    await stranger.send("谢谢")
    await stranger.wait_message(contains=said("error.unknown_input"))


async def test_forged_callback_data_changes_nothing(harness: Harness) -> None:
    user = await harness.user("钱")
    await user.send("/language")
    menu = await user.wait_message(contains=said("language.choose"))
    answer = await user.press_data("lang:xx", menu.message_id)
    assert "失效" in (answer.get("text") or "")
    await user.send("/help")
    await user.wait_message(contains=said("help.member"))  # still Chinese


async def test_handler_crash_gets_a_polite_reply(harness: Harness) -> None:
    async def boom(update: object, context: object) -> None:
        raise RuntimeError("simulated bug")

    harness.app.add_handler(CommandHandler("boom", boom), group=-1)
    user = await harness.user("孙")
    await user.send("/boom")
    reply = await user.wait_message(contains=said("error.generic"))
    assert reply.text is not None
