"""Less common methods and person actions: copy/forward, locations, contacts, leaving groups."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden

from bot.sandbox.client import SandboxClient, SandboxError
from tests.sandbox.test_files import tiny_png


async def test_copy_forward_caption_and_silent(bot: Bot, client: SandboxClient) -> None:
    a = await client.user("甲")
    b = await client.user("乙")
    await a.start()
    await b.start()
    note = await a.send("请转发这条")
    copied = await bot.copy_message(b.id, from_chat_id=a.id, message_id=note["message_id"])
    forwarded = await bot.forward_message(b.id, from_chat_id=a.id, message_id=note["message_id"])
    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.sender_user.id == a.id  # type: ignore[attr-defined]
    seen = [m for m in await b.messages() if m.from_bot]
    assert [m.text for m in seen] == ["请转发这条", "请转发这条"]
    assert seen[0].message_id == copied.message_id
    with pytest.raises(BadRequest, match=r"(?i)message to copy not found"):
        await bot.copy_message(b.id, from_chat_id=a.id, message_id=999)
    photo = await bot.send_photo(b.id, tiny_png(), caption="旧", disable_notification=True)
    await bot.edit_message_caption(b.id, photo.message_id, caption="<b>新</b>", parse_mode="HTML")
    shown = await b.wait_message("新")
    assert shown.edited and shown.html == "<b>新</b>" and shown.disable_notification
    assert shown.photo is not None and shown.photo["size"] == len(tiny_png())


async def test_locations_contacts_and_chat_actions(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("丙", phone_number="+8613900000000")
    await user.start()
    await bot.send_chat_action(user.id, "typing")
    sent = await bot.send_location(user.id, 31.23, 121.47, live_period=600)
    assert sent.location is not None and sent.location.live_period == 600
    with pytest.raises(BadRequest, match=r"(?i)wrong location"):
        await bot.send_location(user.id, 91, 0)
    shared = await user.send_location(39.9, 116.4, live_period=900)
    await user.update_location(shared["message_id"], 39.91, 116.41)
    await user.send_contact("+8613900000000")
    await user.edit(1, "/start again")
    updates = await bot.get_updates()
    kinds = [
        ("edited" if u.edited_message else "new", u.effective_message.location is not None)
        for u in updates
        if u.effective_message
    ]
    assert kinds == [
        ("new", False),
        ("new", True),
        ("edited", True),
        ("new", False),
        ("edited", False),
    ]
    moved = updates[2].edited_message
    assert moved is not None and moved.location is not None
    assert (moved.location.latitude, moved.location.live_period) == (39.91, 900)
    contact = updates[3].message
    assert contact is not None and contact.contact is not None
    assert contact.contact.user_id == user.id
    events = await client.request("GET", f"/chats/{user.id}/events", params={"after": "0"})
    assert "chat_action" in [e["kind"] for e in events["events"]]


async def test_deep_links_and_leaving_groups(bot: Bot, client: SandboxClient) -> None:
    user = await client.user("丁")
    await user.open_link("https://t.me/partybot_sandbox_bot?start=invite-42")
    with pytest.raises(SandboxError, match="deep-link payload"):
        await user.start("有空格 not allowed")
    group = await client.group("临时群", members=[user])
    assert await bot.leave_chat(group.id)
    with pytest.raises(Forbidden, match="bot is not a member of the group chat"):
        await bot.send_message(group.id, "still here?")
    updates = await bot.get_updates()
    texts = [u.message.text for u in updates if u.message and u.message.text]
    assert texts == ["/start invite-42"]
    statuses = [u.my_chat_member.new_chat_member.status for u in updates if u.my_chat_member]
    assert statuses == ["member", "left"]
