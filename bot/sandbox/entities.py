"""MessageEntity helpers: UTF-16 offsets, detection in typed text, trimming and HTML rendering."""

from __future__ import annotations

import html
import re
from typing import Any

JSON = dict[str, Any]

KNOWN_TYPES = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "blockquote",
        "expandable_blockquote",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
    }
)


def u16len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram entity offsets and limits."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def u16_prefix(text: str) -> list[int]:
    """prefix[i] is the UTF-16 offset of text[i]; prefix[len(text)] is the total."""
    out = [0] * (len(text) + 1)
    acc = 0
    for i, ch in enumerate(text):
        out[i] = acc
        acc += 2 if ord(ch) > 0xFFFF else 1
    out[len(text)] = acc
    return out


def u16_slice(text: str, offset: int, length: int) -> str:
    """The part of text covered by a UTF-16 (offset, length)."""
    prefix = u16_prefix(text)
    start = next((i for i, p in enumerate(prefix) if p >= offset), len(text))
    end = next((i for i, p in enumerate(prefix) if p >= offset + length), len(text))
    return text[start:end]


# The lookarounds follow tdlib's regexes for commands and mentions (see MessageEntity.cpp).
_COMMAND = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>])")
_MENTION = re.compile(r"(?<!\w)@[A-Za-z0-9_]{2,32}(?!\w)")
_HASHTAG = re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")
_URL = re.compile(r"\bhttps?://[^\s<>\"]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def detect_entities(text: str) -> list[JSON]:
    """Entities a Telegram client marks in plain typed text (commands, mentions, links)."""
    prefix = u16_prefix(text)
    found: list[JSON] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in (
        ("url", _URL),
        ("email", _EMAIL),
        ("bot_command", _COMMAND),
        ("mention", _MENTION),
        ("hashtag", _HASHTAG),
    ):
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(
                {
                    "type": kind,
                    "offset": prefix[m.start()],
                    "length": prefix[m.end()] - prefix[m.start()],
                }
            )
    return sort_entities(found)


def sort_entities(entities: list[JSON]) -> list[JSON]:
    """Telegram's order: by offset, longer (outer) first."""
    return sorted(entities, key=lambda e: (int(e["offset"]), -int(e["length"])))


def _is_space(ch: str) -> bool:
    return ch.isspace() or ch in "\u200b\u2060\ufeff"


def trim(text: str, entities: list[JSON]) -> tuple[str, list[JSON]]:
    """Strip leading/trailing whitespace as Telegram does and shift/clip entities to match."""
    start = 0
    while start < len(text) and _is_space(text[start]):
        start += 1
    end = len(text)
    while end > start and _is_space(text[end - 1]):
        end -= 1
    head = u16len(text[:start])
    body_len = u16len(text[start:end])
    out: list[JSON] = []
    for ent in entities:
        lo = max(int(ent["offset"]) - head, 0)
        hi = min(int(ent["offset"]) + int(ent["length"]) - head, body_len)
        if hi > lo:
            out.append({**ent, "offset": lo, "length": hi - lo})
    return text[start:end], sort_entities(out)


_OPEN = {
    "bold": "<b>",
    "italic": "<i>",
    "underline": "<u>",
    "strikethrough": "<s>",
    "spoiler": '<span class="tg-spoiler">',
    "code": "<code>",
    "pre": "<pre>",
    "blockquote": "<blockquote>",
    "expandable_blockquote": '<blockquote class="expandable">',
    "bot_command": '<span class="tg-command">',
    "mention": '<span class="tg-mention">',
    "hashtag": '<span class="tg-hashtag">',
}
_CLOSE = {
    "bold": "</b>",
    "italic": "</i>",
    "underline": "</u>",
    "strikethrough": "</s>",
    "spoiler": "</span>",
    "code": "</code>",
    "pre": "</pre>",
    "blockquote": "</blockquote>",
    "expandable_blockquote": "</blockquote>",
    "bot_command": "</span>",
    "mention": "</span>",
    "hashtag": "</span>",
}


def _safe_href(url: str) -> str | None:
    if re.match(r"(?i)^t\.me/", url):  # Telegram links "t.me/…" without a scheme too
        return "https://" + url
    return url if re.match(r"(?i)^(https?|tg|mailto):", url) else None


def _tags(ent: JSON, text: str) -> tuple[str, str]:
    kind = str(ent["type"])
    href: str | None = None
    if kind == "text_link":
        href = _safe_href(str(ent.get("url", "")))
    elif kind == "url":
        href = _safe_href(u16_slice(text, int(ent["offset"]), int(ent["length"])))
    elif kind == "text_mention":
        href = f"tg://user?id={ent.get('user', {}).get('id', 0)}"
    if href is not None:
        attr = html.escape(href, quote=True)
        return f'<a href="{attr}" target="_blank" rel="noopener noreferrer">', "</a>"
    return _OPEN.get(kind, ""), _CLOSE.get(kind, "")


def to_html(text: str, entities: list[JSON]) -> str:
    """Render text with entities as safe HTML for the web chat (everything escaped)."""
    prefix = u16_prefix(text)
    opens: dict[int, list[tuple[int, JSON]]] = {}
    for ent in sort_entities(entities):
        opens.setdefault(int(ent["offset"]), []).append((int(ent["offset"] + ent["length"]), ent))
    out: list[str] = []
    stack: list[tuple[int, str]] = []
    for i in range(len(text) + 1):
        pos = prefix[i]
        while stack and stack[-1][0] <= pos:
            out.append(stack.pop()[1])
        for end, ent in opens.get(pos, []):
            # Overlapping entities are clipped to the enclosing one so the HTML stays nested.
            limit = stack[-1][0] if stack else end
            open_tag, close_tag = _tags(ent, text)
            out.append(open_tag)
            stack.append((min(end, limit), close_tag))
        if i < len(text):
            out.append(html.escape(text[i], quote=False))
    while stack:
        out.append(stack.pop()[1])
    return "".join(out)


def validate_entities(text: str, raw: Any, resolve_user: Any) -> list[JSON]:
    """Check an explicit `entities` array; raises ValueError with Telegram's wording."""
    if not isinstance(raw, list):
        raise ValueError("can't parse entities JSON object")
    total = u16len(text)
    out: list[JSON] = []
    for item in raw:
        if not isinstance(item, dict) or item.get("type") not in KNOWN_TYPES:
            raise ValueError("can't parse MessageEntity: unsupported entity type")
        offset, length = item.get("offset"), item.get("length")
        if not isinstance(offset, int) or not isinstance(length, int) or offset < 0 or length < 0:
            raise ValueError("can't parse MessageEntity: wrong offset or length")
        if offset > total:
            raise ValueError("entity begins after the end of the text")
        ent: JSON = {"type": item["type"], "offset": offset, "length": min(length, total - offset)}
        if item["type"] == "text_link":
            if not isinstance(item.get("url"), str) or not item["url"]:
                raise ValueError('can\'t parse MessageEntity: field "url" must be non-empty')
            ent["url"] = item["url"]
        elif item["type"] == "text_mention":
            user = item.get("user")
            if not isinstance(user, dict) or not isinstance(user.get("id"), int):
                raise ValueError('can\'t parse MessageEntity: field "user" must be an Object')
            ent["user"] = resolve_user(user["id"])
        elif item["type"] == "pre" and item.get("language"):
            ent["language"] = str(item["language"])
        elif item["type"] == "custom_emoji":
            ent["custom_emoji_id"] = str(item.get("custom_emoji_id", ""))
        if ent["length"] > 0:
            out.append(ent)
    return sort_entities(out)
