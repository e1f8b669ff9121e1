"""Changing what was sent: edits, deletion and answering callback queries."""

from __future__ import annotations

from typing import Any

from bot.sandbox.bot_messages import input_media
from bot.sandbox.call import Call, Handler
from bot.sandbox.errors import bad_request, forbidden
from bot.sandbox.formatting import format_text
from bot.sandbox.markup import parse_inline_markup
from bot.sandbox.models import JSON, Chat, SMessage, now_ts
from bot.sandbox.serialize import rich_message_json

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "query is too old and response timeout expired or query ID is invalid"


def _editable(call: Call) -> tuple[Chat, SMessage]:
    params = call.params
    if params.has("inline_message_id") and not params.has("chat_id"):
        raise bad_request("MESSAGE_ID_INVALID")
    chat = call.chat()
    mid = params.get_int("message_id", required=True)
    msg = chat.messages.get(mid or 0)
    if msg is None or msg.deleted:
        raise bad_request("message to edit not found")
    if not msg.from_bot or msg.sender_id != call.bot.id:
        raise bad_request("message can't be edited")
    if chat.type == "private":
        assert chat.user_id is not None
        if call.bot.id in call.state.users[chat.user_id].blocked_bots:
            raise forbidden("bot was blocked by the user")
    return chat, msg


def _apply(
    call: Call, chat: Chat, msg: SMessage, changes: dict[str, Any], parse_mode: str | None = None
) -> JSON:
    if all(getattr(msg, key) == value for key, value in changes.items()):
        raise bad_request(NOT_MODIFIED)
    for key, value in changes.items():
        setattr(msg, key, value)
    msg.parse_mode = parse_mode
    msg.edit_date = max(now_ts(), msg.date + 1)
    call.state.emit("edit", chat, {"message": rich_message_json(call.state, msg)})
    return call.message_json(msg)


async def edit_message_text(call: Call) -> JSON:
    params = call.params
    chat, msg = _editable(call)
    if msg.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities = format_text(
        params.get_str("text") or "",
        params.get_str("parse_mode"),
        params.get_json("entities") if params.has("entities") else None,
        caption=False,
        resolve_user=call.state.user_entity,
    )
    # As on Telegram, omitting reply_markup removes the inline keyboard.
    markup = parse_inline_markup(params.raw("reply_markup"))
    changes = {"text": text, "entities": entities, "reply_markup": markup}
    return _apply(call, chat, msg, changes, params.get_str("parse_mode"))


async def edit_message_caption(call: Call) -> JSON:
    params = call.params
    chat, msg = _editable(call)
    if msg.photo is None and msg.document is None:
        raise bad_request("there is no caption in the message to edit")
    caption: str | None = None
    entities: list[JSON] = []
    raw = params.get_str("caption")
    if raw:
        caption, entities = format_text(
            raw,
            params.get_str("parse_mode"),
            params.get_json("caption_entities") if params.has("caption_entities") else None,
            caption=True,
            resolve_user=call.state.user_entity,
        )
    markup = parse_inline_markup(params.raw("reply_markup"))
    changes = {"caption": caption or None, "caption_entities": entities, "reply_markup": markup}
    return _apply(call, chat, msg, changes, params.get_str("parse_mode"))


async def edit_message_media(call: Call) -> JSON:
    """Replace a photo or document (and its caption) in place, as Telegram does."""
    params = call.params
    chat, msg = _editable(call)
    if msg.photo is None and msg.document is None:
        raise bad_request("there is no media in the message to edit")
    media = params.get_json("media")
    if not isinstance(media, dict) or media.get("type") not in ("photo", "document"):
        raise bad_request("can't parse InputMedia: media type must be photo or document")
    kind = str(media["type"])
    stored, caption, entities = input_media(call, media, kind)
    changes: dict[str, Any] = {
        "photo": stored if kind == "photo" else None,
        "document": stored if kind == "document" else None,
        "caption": caption,
        "caption_entities": entities,
        "reply_markup": parse_inline_markup(params.raw("reply_markup")),
    }
    return _apply(call, chat, msg, changes, media.get("parse_mode"))


async def edit_message_reply_markup(call: Call) -> JSON:
    chat, msg = _editable(call)
    markup = parse_inline_markup(call.params.raw("reply_markup"))
    return _apply(call, chat, msg, {"reply_markup": markup}, msg.parse_mode)


def _delete(call: Call, chat: Chat, mid: int) -> None:
    msg = chat.messages.get(mid)
    if msg is None or msg.deleted:
        raise bad_request("message to delete not found")
    own = msg.from_bot and msg.sender_id == call.bot.id
    if chat.is_group() and not own:
        member = chat.members.get(call.bot.id)
        if member is None or member.role == "member":
            raise bad_request("message can't be deleted")
    msg.deleted = True
    call.state.emit("delete", chat, {"message_id": mid})


async def delete_message(call: Call) -> bool:
    chat = call.chat()
    _delete(call, chat, call.params.get_int("message_id", required=True) or 0)
    return True


async def delete_messages(call: Call) -> bool:
    chat = call.chat()
    ids = call.params.get_json("message_ids")
    if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
        raise bad_request("message_ids must be an array of 1-100 identifiers")
    for mid in ids:
        msg = chat.messages.get(int(mid))
        if msg is not None and not msg.deleted:
            _delete(call, chat, int(mid))
    return True


async def answer_callback_query(call: Call) -> bool:
    params = call.params
    query_id = params.get_str("callback_query_id", required=True) or ""
    pending = call.state.callbacks.get(query_id)
    if pending is None or pending.bot_id != call.bot.id or pending.answer.done():
        raise bad_request(QUERY_TOO_OLD)
    text = params.get_str("text")
    if text is not None and len(text) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    url = params.get_str("url")
    if url and not url.startswith(("https://t.me/", "http://t.me/", "tg://", "t.me/")):
        raise bad_request("URL_INVALID")
    answer: JSON = {
        "callback_query_id": query_id,
        "text": text,
        "show_alert": params.get_bool("show_alert"),
        "url": url,
        "user_id": pending.user_id,
        "message_id": pending.message_id,
    }
    del call.state.callbacks[query_id]
    pending.answer.set_result(answer)
    chat = _chat_of(call, pending.chat_id)
    if chat is not None:
        call.state.emit("callback_answer", chat, answer)
    return True


def _chat_of(call: Call, chat_id: int) -> Chat | None:
    if chat_id > 0:
        return call.bot.private_chats.get(chat_id)
    return call.state.groups.get(chat_id)


HANDLERS: dict[str, Handler] = {
    "editMessageText": edit_message_text,
    "editMessageCaption": edit_message_caption,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "editMessageMedia": edit_message_media,
    "deleteMessage": delete_message,
    "deleteMessages": delete_messages,
    "answerCallbackQuery": answer_callback_query,
}
