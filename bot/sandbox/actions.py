"""What simulated people do: write, upload, share, press buttons, block; each becomes updates."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from bot.sandbox.entities import detect_entities, u16_slice
from bot.sandbox.media import store_upload
from bot.sandbox.models import JSON, Chat, PendingCallback, SBot, SMessage, SUser, now_ts
from bot.sandbox.params import Upload
from bot.sandbox.serialize import bot_json, chat_json, member_json, message_json, user_json
from bot.sandbox.state import SandboxState

DEFAULT_LOCATION = (39.9042, 116.4074)
DEEP_LINK_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


class ActionError(ValueError):
    """A person tried something their Telegram client would not let them do."""


def bot_sees(bot: SBot, chat: Chat, msg: SMessage) -> bool:
    """Privacy mode: in groups a bot gets commands, replies to it, mentions and service messages."""
    if bot.can_read_all_group_messages or msg.service:
        return True
    member = chat.members.get(bot.id)
    if member is not None and member.role != "member":
        return True
    body = msg.text if msg.text is not None else (msg.caption or "")
    for ent in msg.entities or msg.caption_entities:
        piece = u16_slice(body, ent["offset"], ent["length"])
        if ent["type"] == "bot_command":
            target = piece.partition("@")[2]
            if not target or target.lower() == bot.username.lower():
                return True
        if ent["type"] == "mention" and piece[1:].lower() == bot.username.lower():
            return True
    if msg.reply_to is not None:
        replied = chat.messages.get(msg.reply_to)
        return replied is not None and replied.from_bot and replied.sender_id == bot.id
    return False


def deliver(state: SandboxState, chat: Chat, msg: SMessage, kind: str = "message") -> None:
    """Queue the update for every bot that would receive this message."""
    payload = message_json(state, msg)
    if chat.type == "private":
        assert chat.bot_id is not None
        state.enqueue(state.bots[chat.bot_id], kind, payload)
        return
    for member in chat.members.values():
        bot = state.bots.get(member.user_id) if member.is_bot else None
        if bot is not None and bot_sees(bot, chat, msg):
            state.enqueue(bot, kind, payload)


def _check_sender(state: SandboxState, user: SUser, chat: Chat) -> None:
    if chat.type == "private":
        assert chat.bot_id is not None
        if chat.bot_id in user.blocked_bots:
            raise ActionError("you blocked this bot; unblock it first")
        user.started_bots.add(chat.bot_id)
        return
    if chat.migrated_to is not None:
        raise ActionError(f"this group became supergroup {chat.migrated_to}")
    if user.id not in chat.members:
        raise ActionError(f"user {user.id} is not a member of chat {chat.id}")


def _force_reply_target(chat: Chat) -> int | None:
    for msg in reversed(chat.messages.values()):
        if msg.deleted:
            continue
        if msg.from_bot and msg.reply_markup and msg.reply_markup.get("force_reply"):
            return msg.message_id
        return None
    return None


def post(
    state: SandboxState, user: SUser, chat: Chat, *, reply_to: int | None = None, **fields: Any
) -> SMessage:
    """A person's message: stored, shown, and delivered to the bot(s)."""
    _check_sender(state, user, chat)
    if reply_to is not None and reply_to not in chat.messages:
        raise ActionError(f"no message {reply_to} to reply to")
    if reply_to is None and fields.get("text") is not None:
        reply_to = _force_reply_target(chat)
    msg = state.new_message(chat, user.id, from_bot=False, reply_to=reply_to, **fields)
    deliver(state, chat, msg)
    return msg


def send_text(
    state: SandboxState, user: SUser, chat: Chat, text: str, reply_to: int | None = None
) -> SMessage:
    if not text.strip():
        raise ActionError("message text is empty")
    return post(state, user, chat, reply_to=reply_to, text=text, entities=detect_entities(text))


def start(state: SandboxState, user: SUser, chat: Chat, payload: str | None) -> SMessage:
    """What pressing Start (or opening a t.me/<bot>?start=<payload> link) sends."""
    if payload is not None and not DEEP_LINK_PAYLOAD.match(payload):
        raise ActionError("deep-link payload must be 1-64 characters of A-Za-z0-9_-")
    text = "/start" if payload is None else f"/start {payload}"
    return post(
        state, user, chat, text=text, entities=[{"type": "bot_command", "offset": 0, "length": 6}]
    )


def send_file(
    state: SandboxState, user: SUser, chat: Chat, kind: str, upload: Upload, caption: str | None
) -> SMessage:
    stored = store_upload(state, upload, kind, strict_image=False)
    fields: dict[str, Any] = {kind: stored}
    if caption:
        fields["caption"] = caption
        fields["caption_entities"] = detect_entities(caption)
    return post(state, user, chat, **fields)


def send_location(
    state: SandboxState,
    user: SUser,
    chat: Chat,
    latitude: float,
    longitude: float,
    live_period: int | None = None,
) -> SMessage:
    location: JSON = {"latitude": latitude, "longitude": longitude}
    if live_period:
        location["live_period"] = live_period
    return post(state, user, chat, location=location)


def send_contact(
    state: SandboxState, user: SUser, chat: Chat, phone_number: str, *, own: bool = True
) -> SMessage:
    contact: JSON = {"phone_number": phone_number, "first_name": user.first_name}
    if user.last_name:
        contact["last_name"] = user.last_name
    if own:
        contact["user_id"] = user.id
    return post(state, user, chat, contact=contact)


def edit_own(
    state: SandboxState, user: SUser, chat: Chat, message_id: int, **changes: Any
) -> SMessage:
    """Edit a person's own text or live location: an edited_message update."""
    msg = chat.messages.get(message_id)
    if msg is None or msg.from_bot or msg.sender_id != user.id or msg.deleted:
        raise ActionError(f"no own message {message_id} to edit")
    for key, value in changes.items():
        setattr(msg, key, value)
    msg.edit_date = max(now_ts(), msg.date + 1)
    from bot.sandbox.serialize import rich_message_json

    state.emit("edit", chat, {"message": rich_message_json(state, msg)})
    deliver(state, chat, msg, "edited_message")
    return msg


def default_phone(user: SUser) -> str:
    return user.phone_number or f"+86138{user.id % 100_000_000:08d}"


# --- buttons ----------------------------------------------------------------------------------


def find_inline_button(
    chat: Chat, text: str, message_id: int | None
) -> tuple[SMessage, JSON] | None:
    """Newest bot message with an inline button matching `text` (exact match wins)."""
    found_msg = chat.messages.get(message_id) if message_id is not None else None
    candidates = [found_msg] if found_msg is not None else []
    if message_id is None:
        candidates = [m for m in reversed(chat.messages.values()) if m.from_bot]
    for msg in candidates:
        if msg.deleted or not msg.has_inline_keyboard:
            continue
        assert msg.reply_markup is not None
        buttons = [b for row in msg.reply_markup["inline_keyboard"] for b in row]
        for match in (lambda b: b["text"] == text, lambda b: text in b["text"]):
            found = next((b for b in buttons if match(b)), None)
            if found is not None:
                return msg, found
    return None


def current_reply_keyboard(chat: Chat) -> JSON | None:
    """The reply keyboard a person currently sees: the newest one sent and not removed."""
    for msg in reversed(chat.messages.values()):
        if not msg.from_bot or not msg.reply_markup or msg.deleted:
            continue
        if "keyboard" in msg.reply_markup:
            return msg.reply_markup
        if msg.reply_markup.get("remove_keyboard"):
            return None
    return None


def all_button_texts(chat: Chat) -> list[str]:
    texts = []
    for msg in reversed(chat.messages.values()):
        if msg.from_bot and msg.has_inline_keyboard and not msg.deleted:
            assert msg.reply_markup is not None
            texts += [b["text"] for row in msg.reply_markup["inline_keyboard"] for b in row]
    keyboard = current_reply_keyboard(chat)
    if keyboard:
        texts += [b["text"] for row in keyboard["keyboard"] for b in row]
    return texts


def press_reply_button(state: SandboxState, user: SUser, chat: Chat, text: str) -> SMessage | None:
    """Press a reply-keyboard button: sends its text, or the location/contact it requests."""
    keyboard = current_reply_keyboard(chat)
    if keyboard is None:
        return None
    buttons = [b for row in keyboard["keyboard"] for b in row]
    button = next((b for b in buttons if b["text"] == text), None)
    button = button or next((b for b in buttons if text in b["text"]), None)
    if button is None:
        return None
    if button.get("request_location"):
        return send_location(state, user, chat, *DEFAULT_LOCATION)
    if button.get("request_contact"):
        return send_contact(state, user, chat, default_phone(user))
    return send_text(state, user, chat, button["text"])


def send_callback(
    state: SandboxState, user: SUser, chat: Chat, msg: SMessage, data: str
) -> PendingCallback:
    """A callback_query update; the returned future resolves on answerCallbackQuery."""
    if not msg.from_bot:
        raise ActionError("callback buttons belong to bot messages")
    _check_sender(state, user, chat)
    bot = state.bots[msg.sender_id]
    query_id = state.new_callback_id()
    pending = PendingCallback(
        query_id,
        bot.id,
        chat.id,
        msg.message_id,
        user.id,
        data,
        asyncio.get_running_loop().create_future(),
    )
    state.callbacks[query_id] = pending
    query = {
        "id": query_id,
        "from": user_json(user),
        "message": message_json(state, msg),
        "chat_instance": str(abs(chat.id) * 1_000_003 + bot.id % 997),
        "data": data,
    }
    state.enqueue(bot, "callback_query", query)
    return pending


def set_blocked(state: SandboxState, user: SUser, bot: SBot, blocked: bool) -> None:
    """Block or unblock: the bot gets my_chat_member (kicked / member)."""
    if (bot.id in user.blocked_bots) == blocked:
        return
    chat = state.private_chat(bot, user.id)
    old, new = ("member", "kicked") if blocked else ("kicked", "member")
    if blocked:
        user.blocked_bots.add(bot.id)
    else:
        user.blocked_bots.discard(bot.id)
    update = {
        "chat": chat_json(state, chat),
        "from": user_json(user),
        "date": now_ts(),
        "old_chat_member": member_json(bot_json(bot), old),
        "new_chat_member": member_json(bot_json(bot), new),
    }
    state.enqueue(bot, "my_chat_member", update)
    state.emit("blocked" if blocked else "unblocked", chat, {"user_id": user.id})
