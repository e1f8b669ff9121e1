"""The branch's group chat: a private-only command, or a code said to the bot, gets a pointer
to the private chat (once per person and kind for a while); other numbers get nothing."""

from __future__ import annotations

from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said


async def test_group_chat_commands_and_codes_to_the_bot_get_a_pointer(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨")])
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    group = await harness.client.group("支部群", members=[sec, wang], added_by=sec)
    welcome = await group.wait_message(contains=said("members.group.linked"))

    await group.send(wang, "123456")  # a number in conversation: none of the bot's business
    await group.send(wang, "/checkin@someone_elses_bot")
    await group.send(wang, "/checkin")
    pointer = await group.wait_message(contains=said("error.private_only"))
    assert pointer.inline_buttons[0][0]["url"].startswith("https://t.me/")
    await group.send(wang, "/checkin")  # again at once: not repeated
    await group.send(wang, "123 456", reply_to=welcome.message_id)  # a code said to the bot
    code = await group.wait_message(contains=said("meetings.group.code_private"))
    assert code.inline_buttons and code.reply_to_message_id is not None
    ptrs = [m for m in await group.messages() if m.from_bot and "私聊" in m.body]
    assert [m.message_id for m in ptrs] == [welcome.message_id, pointer.message_id, code.message_id]
    await group.send(sec, "/report")  # every private-only command, not only /checkin
    await group.wait_message(contains=said("error.private_only"))
