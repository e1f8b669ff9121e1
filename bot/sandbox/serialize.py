"""Build Bot API objects (User, Chat, Message, File, ChatMember...) from sandbox records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.sandbox.entities import to_html
from bot.sandbox.models import SBot, SFile, SMessage, SUser

if TYPE_CHECKING:
    from bot.sandbox.models import Chat
    from bot.sandbox.state import SandboxState

JSON = dict[str, Any]


def user_json(user: SUser) -> JSON:
    """A User as the bot sees a person."""
    out: JSON = {"id": user.id, "is_bot": False, "first_name": user.first_name}
    if user.last_name:
        out["last_name"] = user.last_name
    if user.username:
        out["username"] = user.username
    if user.language_code:
        out["language_code"] = user.language_code
    return out


def bot_json(bot: SBot) -> JSON:
    """A User for a bot account."""
    return {"id": bot.id, "is_bot": True, "first_name": bot.first_name, "username": bot.username}


def get_me_json(bot: SBot) -> JSON:
    """getMe's extended User."""
    return {
        **bot_json(bot),
        "can_join_groups": bot.can_join_groups,
        "can_read_all_group_messages": bot.can_read_all_group_messages,
        "supports_inline_queries": bot.supports_inline_queries,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def chat_json(state: SandboxState, chat: Chat) -> JSON:
    """A Chat as embedded in messages."""
    if chat.type == "private":
        assert chat.user_id is not None
        user = state.users[chat.user_id]
        out: JSON = {"id": chat.id, "type": "private", "first_name": user.first_name}
        if user.last_name:
            out["last_name"] = user.last_name
        if user.username:
            out["username"] = user.username
        return out
    out = {"id": chat.id, "type": chat.type, "title": chat.title or ""}
    if chat.username:
        out["username"] = chat.username
    return out


def chat_full_info(state: SandboxState, chat: Chat) -> JSON:
    """getChat's ChatFullInfo."""
    return {
        **chat_json(state, chat),
        "accent_color_id": chat.id % 7,
        "max_reaction_count": 11,
        "accepted_gift_types": {
            "unlimited_gifts": False,
            "limited_gifts": False,
            "unique_gifts": False,
            "premium_subscription": False,
            "gifts_from_channels": False,
        },
    }


def sender_json(state: SandboxState, sender_id: int, from_bot: bool) -> JSON:
    if from_bot:
        return bot_json(state.bots[sender_id])
    return user_json(state.users[sender_id])


def photo_json(f: SFile) -> list[JSON]:
    """PhotoSize array; the sandbox keeps one size, the original."""
    return [
        {
            "file_id": f.file_id,
            "file_unique_id": f.file_unique_id,
            "width": f.width,
            "height": f.height,
            "file_size": f.size,
        }
    ]


def document_json(f: SFile) -> JSON:
    out: JSON = {"file_id": f.file_id, "file_unique_id": f.file_unique_id, "file_size": f.size}
    if f.file_name:
        out["file_name"] = f.file_name
    if f.mime_type:
        out["mime_type"] = f.mime_type
    return out


def file_json(f: SFile) -> JSON:
    """getFile's File."""
    return {
        "file_id": f.file_id,
        "file_unique_id": f.file_unique_id,
        "file_size": f.size,
        "file_path": f.file_path,
    }


def message_json(state: SandboxState, msg: SMessage, *, with_reply: bool = True) -> JSON:
    """A Message exactly as the Bot API would return or deliver it."""
    out: JSON = {
        "message_id": msg.message_id,
        "from": sender_json(state, msg.sender_id, msg.from_bot),
        "chat": chat_json(state, msg.chat),
        "date": msg.date,
    }
    if msg.text is not None:
        out["text"] = msg.text
        if msg.entities:
            out["entities"] = msg.entities
    if msg.caption is not None:
        out["caption"] = msg.caption
        if msg.caption_entities:
            out["caption_entities"] = msg.caption_entities
    if msg.photo is not None:
        out["photo"] = photo_json(msg.photo)
    if msg.document is not None:
        out["document"] = document_json(msg.document)
    if msg.location is not None:
        out["location"] = msg.location
    if msg.contact is not None:
        out["contact"] = msg.contact
    if msg.reply_markup and "inline_keyboard" in msg.reply_markup:
        out["reply_markup"] = msg.reply_markup
    if msg.edit_date is not None:
        out["edit_date"] = msg.edit_date
    if with_reply and msg.reply_to is not None:
        replied = msg.chat.messages.get(msg.reply_to)
        if replied is not None and not replied.deleted:
            out["reply_to_message"] = message_json(state, replied, with_reply=False)
    out.update(msg.service)
    out.update(msg.extra)
    return out


def rich_message_json(state: SandboxState, msg: SMessage) -> JSON:
    """message_json plus what a person's client shows: HTML, any keyboard, file links."""
    out = message_json(state, msg)
    body = msg.text if msg.text is not None else msg.caption
    ents = msg.entities if msg.text is not None else msg.caption_entities
    extras: JSON = {
        "from_bot": msg.from_bot,
        "html": to_html(body, ents) if body is not None else None,
        "reply_markup": msg.reply_markup,
        "parse_mode": msg.parse_mode,
        "disable_notification": msg.silent,
    }
    media = msg.photo or msg.document
    if media is not None:
        extras["file_url"] = f"/sandbox/api/files/{media.file_id}"
    out["sandbox"] = extras
    return out


_ADMIN_RIGHTS = (
    "can_manage_chat",
    "can_delete_messages",
    "can_manage_video_chats",
    "can_restrict_members",
    "can_promote_members",
    "can_change_info",
    "can_invite_users",
    "can_post_stories",
    "can_edit_stories",
    "can_delete_stories",
    "can_pin_messages",
)


def member_json(person: JSON, status: str) -> JSON:
    """A ChatMember of the given status."""
    if status == "creator":
        return {"status": "creator", "user": person, "is_anonymous": False}
    if status == "administrator":
        rights = dict.fromkeys(_ADMIN_RIGHTS, True)
        return {
            "status": "administrator",
            "user": person,
            "can_be_edited": False,
            "is_anonymous": False,
            **rights,
        }
    if status == "kicked":
        return {"status": "kicked", "user": person, "until_date": 0}
    return {"status": status, "user": person}
