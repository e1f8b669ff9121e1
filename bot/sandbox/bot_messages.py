"""Sending: messages, photos, albums (sendMediaGroup), documents, locations, copies, actions."""

from __future__ import annotations

from typing import Any

from bot.sandbox.call import Call, Handler, check_can_write, check_flood, commit_send, reply_target
from bot.sandbox.errors import bad_request
from bot.sandbox.formatting import format_text
from bot.sandbox.markup import parse_reply_markup
from bot.sandbox.media import attached, input_file, resolve_file
from bot.sandbox.models import JSON, SFile, SMessage
from bot.sandbox.serialize import bot_json, user_json

CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


def _caption(call: Call) -> dict[str, Any]:
    params = call.params
    raw = params.get_str("caption")
    if raw is None:
        return {}
    caption, entities = format_text(
        raw,
        params.get_str("parse_mode"),
        params.get_json("caption_entities") if params.has("caption_entities") else None,
        caption=True,
        resolve_user=call.state.user_entity,
    )
    if not caption:
        return {}
    return {
        "caption": caption,
        "caption_entities": entities,
        "parse_mode": params.get_str("parse_mode"),
    }


def _link_preview(call: Call) -> JSON:
    params = call.params
    options = params.get_json("link_preview_options")
    if isinstance(options, dict):
        return {"link_preview_options": options}
    if params.get_bool("disable_web_page_preview"):
        return {"link_preview_options": {"is_disabled": True}}
    return {}


async def send_message(call: Call) -> JSON:
    params = call.params
    chat = call.chat()
    check_can_write(call, chat)
    text, entities = format_text(
        params.get_str("text") or "",
        params.get_str("parse_mode"),
        params.get_json("entities") if params.has("entities") else None,
        caption=False,
        resolve_user=call.state.user_entity,
    )
    markup = parse_reply_markup(params.raw("reply_markup"))
    reply_to = reply_target(call, chat)
    now = check_flood(call, chat)
    msg = commit_send(
        call,
        chat,
        now,
        text=text,
        entities=entities,
        reply_markup=markup,
        reply_to=reply_to,
        parse_mode=params.get_str("parse_mode"),
        extra=_link_preview(call),
    )
    return call.message_json(msg)


# sendMediaGroup: 2-10 items; photos may mix with videos, documents and audio only with their own
# kind. The sandbox keeps photos and documents (no video or audio files), and says so.
_GROUP_KINDS = {"photo": "photo", "document": "document"}


def _group_items(call: Call) -> list[dict[str, Any]]:
    media = call.params.get_json("media")
    if not isinstance(media, list) or not all(isinstance(item, dict) for item in media):
        raise bad_request("can't parse media JSON object")
    if not 2 <= len(media) <= 10:
        raise bad_request("wrong number of media items: must be 2-10")
    kinds = {item.get("type") for item in media}
    for kind in kinds:
        if kind in ("video", "audio"):
            raise bad_request(f"the sandbox keeps no {kind} files; send photos or documents")
        if kind not in _GROUP_KINDS:
            raise bad_request("unsupported media type in media group")
    if len(kinds) > 1:
        raise bad_request("documents can't be mixed with other media types")
    items: list[dict[str, Any]] = []
    for item in media:
        stored, text, entities = input_media(call, item, str(item["type"]))
        caption = {"caption": text, "caption_entities": entities} if text else {}
        items.append({item["type"]: stored, **caption})
    return items


def input_media(call: Call, item: JSON, kind: str) -> tuple[SFile, str | None, list[JSON]]:
    """One InputMedia object: its file (uploaded as attach://<name>, or a file_id) and its
    caption, formatted as the item's own parse_mode says."""
    value = item.get("media")
    if not isinstance(value, str) or not value:
        raise bad_request("can't parse InputMedia: media not found")
    stored = resolve_file(call.state, attached(call.params, value), kind)
    raw = item.get("caption")
    if not isinstance(raw, str) or not raw:
        return stored, None, []
    text, entities = format_text(
        raw,
        item.get("parse_mode"),
        item.get("caption_entities"),
        caption=True,
        resolve_user=call.state.user_entity,
    )
    return stored, text or None, entities


async def send_media_group(call: Call) -> list[JSON]:
    """An album: every item checked before any is sent; one media_group_id; a list of Messages."""
    chat = call.chat()
    check_can_write(call, chat)
    items = _group_items(call)
    reply_to = reply_target(call, chat)
    group_id = str(call.state.next_media_group_id())
    # One flood check for the album: Telegram takes it whole or refuses it whole.
    now = check_flood(call, chat)
    sent = []
    for fields in items:
        msg = commit_send(
            call, chat, now, reply_to=reply_to, extra={"media_group_id": group_id}, **fields
        )
        sent.append(call.message_json(msg))
    return sent


async def _send_file(call: Call, name: str) -> JSON:
    params = call.params
    chat = call.chat()
    check_can_write(call, chat)
    caption = _caption(call)
    markup = parse_reply_markup(params.raw("reply_markup"))
    reply_to = reply_target(call, chat)
    stored = input_file(call.state, params, name, name)
    now = check_flood(call, chat)
    msg = commit_send(
        call, chat, now, reply_markup=markup, reply_to=reply_to, **{name: stored}, **caption
    )
    return call.message_json(msg)


async def send_photo(call: Call) -> JSON:
    return await _send_file(call, "photo")


async def send_document(call: Call) -> JSON:
    return await _send_file(call, "document")


def _location(call: Call) -> JSON:
    params = call.params
    lat = params.get_float("latitude", required=True)
    lon = params.get_float("longitude", required=True)
    assert lat is not None and lon is not None
    if not -90 <= lat <= 90 or not -180 <= lon <= 180:
        raise bad_request("wrong location specified")
    location: JSON = {"latitude": lat, "longitude": lon}
    live = params.get_int("live_period")
    if live is not None:
        if not (60 <= live <= 86400 or live == 0x7FFFFFFF):
            raise bad_request("wrong live period specified")
        location["live_period"] = live
    accuracy = params.get_float("horizontal_accuracy")
    if accuracy is not None:
        if not 0 <= accuracy <= 1500:
            raise bad_request("wrong horizontal accuracy specified")
        location["horizontal_accuracy"] = accuracy
    return location


async def send_location(call: Call) -> JSON:
    chat = call.chat()
    check_can_write(call, chat)
    location = _location(call)
    markup = parse_reply_markup(call.params.raw("reply_markup"))
    reply_to = reply_target(call, chat)
    now = check_flood(call, chat)
    msg = commit_send(call, chat, now, location=location, reply_markup=markup, reply_to=reply_to)
    return call.message_json(msg)


def _source(call: Call, verb: str) -> SMessage:
    source_chat = call.chat("from_chat_id")
    mid = call.params.get_int("message_id", required=True)
    msg = source_chat.messages.get(mid or 0)
    if msg is None or msg.deleted:
        raise bad_request(f"message to {verb} not found")
    if msg.service:
        raise bad_request(
            f"message can't be {verb}ed" if verb == "copy" else "message can't be forwarded"
        )
    if msg.extra.get("has_protected_content"):
        raise bad_request(
            "message can't be forwarded" if verb == "forward" else "message can't be copied"
        )
    return msg


def _content(msg: SMessage) -> dict[str, Any]:
    return {
        "text": msg.text,
        "entities": list(msg.entities),
        "caption": msg.caption,
        "caption_entities": list(msg.caption_entities),
        "photo": msg.photo,
        "document": msg.document,
        "location": msg.location,
        "contact": msg.contact,
    }


async def copy_message(call: Call) -> JSON:
    params = call.params
    source = _source(call, "copy")
    chat = call.chat()
    check_can_write(call, chat)
    content = _content(source)
    if params.has("caption") and (source.photo or source.document):
        new_caption = _caption(call)
        content["caption"] = new_caption.get("caption")
        content["caption_entities"] = new_caption.get("caption_entities", [])
    markup = parse_reply_markup(params.raw("reply_markup"))
    reply_to = reply_target(call, chat)
    now = check_flood(call, chat)
    msg = commit_send(call, chat, now, reply_markup=markup, reply_to=reply_to, **content)
    return {"message_id": msg.message_id}


async def forward_message(call: Call) -> JSON:
    source = _source(call, "forward")
    chat = call.chat()
    check_can_write(call, chat)
    state = call.state
    sender = (
        bot_json(state.bots[source.sender_id])
        if source.from_bot
        else user_json(state.users[source.sender_id])
    )
    origin = {"type": "user", "sender_user": sender, "date": source.date}
    now = check_flood(call, chat)
    msg = commit_send(call, chat, now, extra={"forward_origin": origin}, **_content(source))
    return call.message_json(msg)


async def send_chat_action(call: Call) -> bool:
    chat = call.chat()
    check_can_write(call, chat)
    action = call.params.get_str("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    call.state.emit("chat_action", chat, {"action": action, "sender_bot_id": call.bot.id})
    return True


HANDLERS: dict[str, Handler] = {
    "sendMessage": send_message,
    "sendPhoto": send_photo,
    "sendMediaGroup": send_media_group,
    "sendDocument": send_document,
    "sendLocation": send_location,
    "copyMessage": copy_message,
    "forwardMessage": forward_message,
    "sendChatAction": send_chat_action,
}
SEND_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendMediaGroup",
        "sendDocument",
        "sendLocation",
        "copyMessage",
        "forwardMessage",
    }
)
