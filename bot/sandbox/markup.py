"""reply_markup validation: inline keyboards, reply keyboards, remove and force reply."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.sandbox.errors import bad_request

JSON = dict[str, Any]

_INLINE_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_REQUEST_FIELDS = (
    "request_users",
    "request_chat",
    "request_contact",
    "request_location",
    "request_poll",
    "web_app",
)
MAX_BUTTONS = 100
_URL = re.compile(r"^(https?|tg)://\S+$", re.IGNORECASE)


def _loads(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise bad_request("can't parse reply keyboard markup JSON object") from exc
    return raw


def _inline_button(button: Any) -> JSON:
    if not isinstance(button, dict):
        raise bad_request(
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    text = button.get("text")
    if not isinstance(text, str):
        raise bad_request(
            'can\'t parse inline keyboard button: Field "text" must be of type String'
        )
    if not text.strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    actions = [key for key in _INLINE_ACTIONS if key in button]
    if not actions:
        raise bad_request(
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
        )
    if len(actions) > 1:
        raise bad_request(
            "can't parse inline keyboard button: exactly one of the optional fields must be used"
        )
    out: JSON = {"text": text}
    action = actions[0]
    value = button[action]
    if action == "callback_data" and (
        not isinstance(value, str) or not 1 <= len(value.encode("utf-8")) <= 64
    ):
        raise bad_request("BUTTON_DATA_INVALID")
    if action == "url" and (not isinstance(value, str) or not _URL.match(value)):
        raise bad_request(f"inline keyboard button URL '{value}' is invalid: Wrong HTTP URL")
    out[action] = value
    return out


def _rows(markup: JSON, key: str) -> list[list[Any]]:
    rows = markup.get(key)
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        kind = "InlineKeyboardMarkup" if key == "inline_keyboard" else "ReplyKeyboardMarkup"
        raise bad_request(f'field "{key}" of the {kind} must be an Array of Arrays')
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise bad_request("reply markup is too long")
    return rows


def _reply_button(button: Any) -> JSON:
    if isinstance(button, str):
        button = {"text": button}
    if not isinstance(button, dict) or not isinstance(button.get("text"), str):
        raise bad_request('can\'t parse keyboard button: Field "text" must be of type String')
    if not button["text"].strip():
        raise bad_request("BUTTON_TEXT_EMPTY")
    out: JSON = {"text": button["text"]}
    for key in _REQUEST_FIELDS:
        if button.get(key):
            out[key] = button[key]
    return out


def parse_inline_markup(raw: Any) -> JSON | None:
    """Only InlineKeyboardMarkup is allowed (edits, media with inline keyboards)."""
    markup = parse_reply_markup(raw)
    if markup is not None and "inline_keyboard" not in markup:
        raise bad_request("inline keyboard expected")
    return markup


def parse_reply_markup(raw: Any) -> JSON | None:
    """Validate any of the four markup kinds and return a normalised copy."""
    if raw is None or raw == "":
        return None
    markup = _loads(raw)
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = _rows(markup, "inline_keyboard")
        return {"inline_keyboard": [[_inline_button(b) for b in row] for row in rows]}
    if "keyboard" in markup:
        rows = _rows(markup, "keyboard")
        out: JSON = {"keyboard": [[_reply_button(b) for b in row] for row in rows]}
        for key in ("is_persistent", "resize_keyboard", "one_time_keyboard", "selective"):
            if markup.get(key):
                out[key] = True
        placeholder = markup.get("input_field_placeholder")
        if placeholder is not None:
            if not isinstance(placeholder, str) or not 1 <= len(placeholder) <= 64:
                raise bad_request("input field placeholder must be 1-64 characters long")
            out["input_field_placeholder"] = placeholder
        return out
    if markup.get("remove_keyboard") is True:
        return {"remove_keyboard": True, **({"selective": True} if markup.get("selective") else {})}
    if markup.get("force_reply") is True:
        out = {"force_reply": True}
        if isinstance(markup.get("input_field_placeholder"), str):
            out["input_field_placeholder"] = markup["input_field_placeholder"]
        return out
    raise bad_request('can\'t find field "inline_keyboard"')


def inline_buttons(markup: JSON | None) -> list[list[JSON]]:
    """Rows of inline buttons, or nothing."""
    if not markup or "inline_keyboard" not in markup:
        return []
    return [list(row) for row in markup["inline_keyboard"]]
