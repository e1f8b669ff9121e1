"""parse_mode parsers (HTML, MarkdownV2, Markdown) following tdlib's rules and error texts."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from bot.sandbox.entities import sort_entities, trim, u16len, validate_entities
from bot.sandbox.errors import bad_request

JSON = dict[str, Any]
UserResolver = Callable[[int], JSON]

MAX_TEXT = 4096
MAX_CAPTION = 1024

_HTML_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins"}
    | {"tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote"}
)
_SIMPLE = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_USER_LINK = re.compile(r"^tg://user\?id=(\d+)$", re.IGNORECASE)


class ParseError(ValueError):
    """Becomes "Bad Request: can't parse entities: <message>"."""


def _default_user(user_id: int) -> JSON:
    return {"id": user_id, "is_bot": False, "first_name": str(user_id)}


def _byte(text: str, i: int) -> int:
    return len(text[:i].encode("utf-8"))


def _at(text: str, i: int) -> str:
    return text[i] if i < len(text) else ""


def _checked_link(url: str) -> str | None:
    """tdlib's get_checked_link, reduced: known schemes pass, bare domains get http://."""
    url = url.strip()
    if re.match(r"(?i)^(https?|tg|ton|mailto|ftp)://?", url):
        return url
    if re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", url):
        return "http://" + url
    return None


def _link_entity(url: str, offset: int, length: int, resolve_user: UserResolver) -> JSON | None:
    m = _USER_LINK.match(url)
    if m:
        user = resolve_user(int(m.group(1)))
        return {"type": "text_mention", "offset": offset, "length": length, "user": user}
    checked = _checked_link(url)
    if checked is None:
        return None
    return {"type": "text_link", "offset": offset, "length": length, "url": checked}


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode &lt; &gt; &amp; &quot; and numeric references; None leaves '&' literal."""
    end = pos + 1
    if _at(text, end) == "#":
        end += 1
        hexa = _at(text, end) == "x"
        end += hexa
        digits = "0123456789abcdefABCDEF" if hexa else "0123456789"
        start = end
        while _at(text, end) and _at(text, end) in digits:
            end += 1
        if end == start or end - pos >= 10:
            return None
        code = int(text[start:end], 16 if hexa else 10)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        value = chr(code)
    else:
        while _at(text, end).isascii() and _at(text, end).isalpha():
            end += 1
        named = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}.get(text[pos + 1 : end])
        if named is None:
            return None
        value = named
    if _at(text, end) == ";":
        end += 1
    return value, end


def _html_attrs(text: str, i: int, tag: str, begin: int) -> tuple[int, str, bool]:
    """Parse attributes up to '>'; returns (index of '>', argument, expandable)."""
    argument, expandable = "", False
    while _at(text, i) != ">":
        while _at(text, i).isspace():
            i += 1
        if _at(text, i) == ">":
            break
        if not _at(text, i):
            raise ParseError(f"Unclosed start tag at byte offset {_byte(text, begin)}")
        attr_begin = i
        while _at(text, i) and not _at(text, i).isspace() and _at(text, i) not in "=>":
            i += 1
        name = text[attr_begin:i].lower()
        if not name:
            raise ParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {_byte(text, begin)}'
            )
        while _at(text, i).isspace():
            i += 1
        if _at(text, i) != "=":
            if tag == "blockquote" and name == "expandable":
                expandable = True
                continue
            raise ParseError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {_byte(text, begin)}'
            )
        i += 1
        while _at(text, i).isspace():
            i += 1
        if not _at(text, i):
            raise ParseError(f'Unclosed start tag "{tag}" at byte offset {_byte(text, begin)}')
        if _at(text, i) not in "'\"":
            token_begin = i
            while _at(text, i) and (
                (_at(text, i).isascii() and _at(text, i).isalnum()) or _at(text, i) in ".-"
            ):
                i += 1
            value = text[token_begin:i].lower()
            if not _at(text, i).isspace() and _at(text, i) != ">":
                raise ParseError(
                    f"Unexpected end of name token at byte offset {_byte(text, token_begin)}"
                )
        else:
            quote = text[i]
            i += 1
            buf: list[str] = []
            while _at(text, i) and _at(text, i) != quote:
                decoded = _decode_entity(text, i) if text[i] == "&" else None
                if decoded:
                    buf.append(decoded[0])
                    i = decoded[1]
                    continue
                buf.append(text[i])
                i += 1
            if _at(text, i) == quote:
                i += 1
            value = "".join(buf)
        if not _at(text, i):
            raise ParseError(f"Unclosed start tag at byte offset {_byte(text, begin)}")
        if tag == "a" and name == "href":
            argument = value
        elif tag == "code" and name == "class" and value.startswith("language-"):
            argument = value[9:]
        elif tag == "span" and name == "class" and value.startswith("tg-"):
            argument = value[3:]
        elif tag == "tg-emoji" and name == "emoji-id":
            argument = value
    return i, argument, expandable


def parse_html(text: str, resolve_user: UserResolver = _default_user) -> tuple[str, list[JSON]]:
    """Telegram's HTML parse_mode; raises ParseError with tdlib's messages."""
    out: list[str] = []
    u16 = 0
    entities: list[JSON] = []
    # (tag, argument, expandable, utf16 offset, index into out)
    stack: list[tuple[str, str, bool, int, int]] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "&":
            decoded = _decode_entity(text, i)
            if decoded:
                out.append(decoded[0])
                u16 += u16len(decoded[0])
                i = decoded[1]
                continue
        if c != "<":
            out.append(c)
            u16 += u16len(c)
            i += 1
            continue
        begin = i
        i += 1
        if _at(text, i) != "/":
            while _at(text, i) and not _at(text, i).isspace() and _at(text, i) != ">":
                i += 1
            if not _at(text, i):
                raise ParseError(f"Unclosed start tag at byte offset {_byte(text, begin)}")
            tag = text[begin + 1 : i].lower()
            if tag not in _HTML_TAGS:
                raise ParseError(
                    f'Unsupported start tag "{tag}" at byte offset {_byte(text, begin)}'
                )
            i, argument, expandable = _html_attrs(text, i, tag, begin)
            if tag == "span" and argument != "spoiler":
                raise ParseError(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {_byte(text, begin)}'
                )
            stack.append((tag, argument, expandable, u16, len(out)))
            i += 1
            continue
        if not stack:
            raise ParseError(f"Unexpected end tag at byte offset {_byte(text, begin)}")
        while _at(text, i) and not _at(text, i).isspace() and _at(text, i) != ">":
            i += 1
        end_name = text[begin + 2 : i].lower()
        while _at(text, i).isspace():
            i += 1
        if _at(text, i) != ">":
            raise ParseError(f"Unclosed end tag at byte offset {_byte(text, begin)}")
        tag, argument, expandable, offset, out_pos = stack.pop()
        if end_name and end_name != tag:
            raise ParseError(
                f"Unmatched end tag at byte offset {_byte(text, begin)}, "
                f'expected "</{tag}>", found "</{end_name}>"'
            )
        i += 1
        if u16 > offset:
            _close_html(
                tag,
                argument,
                expandable,
                offset,
                u16 - offset,
                "".join(out[out_pos:]),
                entities,
                resolve_user,
            )
    if stack:
        raise ParseError(f"Can't find end tag corresponding to start tag {stack[-1][0]}")
    for ent in entities:
        if ent["type"] == "code":
            ent.pop("language", None)
    return "".join(out), sort_entities(entities)


def _close_html(
    tag: str,
    argument: str,
    expandable: bool,
    offset: int,
    length: int,
    inner: str,
    entities: list[JSON],
    resolve_user: UserResolver,
) -> None:
    span = {"offset": offset, "length": length}
    last = entities[-1] if entities else None
    same = last is not None and last["offset"] == offset and last["length"] == length
    if tag in _SIMPLE or tag == "span":
        entities.append({"type": _SIMPLE.get(tag, "spoiler"), **span})
    elif tag == "tg-emoji":
        if not argument.isdigit() or int(argument) == 0:
            raise ParseError("Invalid custom emoji identifier specified")
        entities.append({"type": "custom_emoji", **span, "custom_emoji_id": argument})
    elif tag == "a":
        link = _link_entity(argument or inner, offset, length, resolve_user)
        if link:
            entities.append(link)
    elif tag == "pre":
        if same and last is not None and last["type"] == "code" and last.get("language"):
            last["type"] = "pre"
        else:
            entities.append({"type": "pre", **span})
    elif tag == "code":
        if same and last is not None and last["type"] == "pre" and argument:
            last["language"] = argument
        else:
            entities.append(
                {"type": "code", **span, **({"language": argument} if argument else {})}
            )
    elif tag == "blockquote":
        entities.append({"type": "expandable_blockquote" if expandable else "blockquote", **span})


def parse_text(
    text: str, parse_mode: str | None, resolve_user: UserResolver = _default_user
) -> tuple[str, list[JSON]]:
    """Dispatch on parse_mode (case-insensitive, like the Bot API)."""
    from bot.sandbox.markdown import parse_markdown, parse_markdown_v2

    mode = (parse_mode or "").strip().lower()
    if not mode:
        return text, []
    if mode == "html":
        return parse_html(text, resolve_user)
    if mode == "markdownv2":
        return parse_markdown_v2(text, resolve_user)
    if mode == "markdown":
        return parse_markdown(text, resolve_user)
    raise bad_request(f"unsupported parse_mode {parse_mode}")


def format_text(
    text: str,
    parse_mode: str | None,
    raw_entities: Any,
    *,
    caption: bool,
    resolve_user: UserResolver = _default_user,
) -> tuple[str, list[JSON]]:
    """Parse, trim and length-check a text or caption; raises ApiError like the Bot API."""
    try:
        if raw_entities is not None:
            plain, entities = text, validate_entities(text, raw_entities, resolve_user)
        else:
            plain, entities = parse_text(text, parse_mode, resolve_user)
    except ParseError as exc:
        raise bad_request(f"can't parse entities: {exc}") from exc
    except ValueError as exc:
        raise bad_request(str(exc)) from exc
    plain, entities = trim(plain, entities)
    if not caption and not plain:
        raise bad_request("message text is empty")
    limit = MAX_CAPTION if caption else MAX_TEXT
    if u16len(plain) > limit:
        raise bad_request("message caption is too long" if caption else "message is too long")
    return plain, entities
