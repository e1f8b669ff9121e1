"""MarkdownV2 and legacy Markdown parse modes, ported from tdlib's rules and error texts."""

from __future__ import annotations

from dataclasses import dataclass

from bot.sandbox.entities import sort_entities, u16len
from bot.sandbox.formatting import (
    JSON,
    ParseError,
    UserResolver,
    _at,
    _byte,
    _default_user,
    _link_entity,
)

_RESERVED = "_*[]()~`>#+-=|{}.!\n"
# Entity names as tdlib prints them in "Can't find end of X entity".
_NAMES = {
    "bold": "Bold",
    "italic": "Italic",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "code": "Code",
    "pre": "Pre",
    "text_link": "TextUrl",
    "custom_emoji": "CustomEmoji",
    "blockquote": "BlockQuote",
}


@dataclass
class _Open:
    kind: str
    argument: str
    offset: int
    byte_offset: int
    out_pos: int


def _reserved_error(ch: str) -> ParseError:
    return ParseError(f"Character '{ch}' is reserved and must be escaped with the preceding '\\'")


def _is_end(top: _Open, text: str, i: int) -> bool:
    c, nxt = text[i], _at(text, i + 1)
    return {
        "bold": c == "*",
        "italic": c == "_" and nxt != "_",
        "code": c == "`",
        "pre": c == "`" and nxt == "`" and _at(text, i + 2) == "`",
        "text_link": c == "]",
        "underline": c == "_" and nxt == "_",
        "strikethrough": c == "~",
        "spoiler": c == "|" and nxt == "|",
        "custom_emoji": c == "]",
    }.get(top.kind, False)


def _skip_pre_header(text: str, i: int) -> tuple[int, str]:
    """After ``` read an optional language and one leading newline."""
    lang_end = i
    while _at(text, lang_end) and not _at(text, lang_end).isspace() and text[lang_end] != "`":
        lang_end += 1
    language = ""
    if i != lang_end and lang_end < len(text) and text[lang_end] != "`":
        language = text[i:lang_end]
        i = lang_end
    if _at(text, i) in ("\n", "\r") and _at(text, i):
        nxt = _at(text, i + 1)
        i += 2 if nxt in ("\n", "\r") and nxt and nxt != text[i] else 1
    return i, language


def _read_url(text: str, i: int) -> tuple[str, int]:
    """Read a (...) target with backslash escapes; returns url and the index of ')'."""
    buf: list[str] = []
    while i < len(text) and text[i] != ")":
        if text[i] == "\\" and _at(text, i + 1) and ord(text[i + 1]) <= 126:
            buf.append(text[i + 1])
            i += 2
            continue
        buf.append(text[i])
        i += 1
    return "".join(buf), i


def parse_markdown_v2(
    text: str, resolve_user: UserResolver = _default_user
) -> tuple[str, list[JSON]]:
    """Telegram's MarkdownV2; raises ParseError with tdlib's messages."""
    out: list[str] = []
    u16 = 0
    entities: list[JSON] = []
    stack: list[_Open] = []
    quote = False
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and _at(text, i + 1) and 0 < ord(text[i + 1]) <= 126:
            out.append(text[i + 1])
            u16 += 1
            i += 2
            continue
        reserved = "`" if stack and stack[-1].kind in ("code", "pre") else _RESERVED
        if c not in reserved:
            out.append(c)
            u16 += u16len(c)
            i += 1
            continue
        ending = bool(stack) and (
            (quote and c == "\n" and _at(text, i + 1) != ">") or _is_end(stack[-1], text, i)
        )
        if not ending:
            start = i
            kind, argument = "", ""
            if c == "_":
                kind = "underline" if _at(text, i + 1) == "_" else "italic"
                i += kind == "underline"
            elif c == "*":
                kind = "bold"
            elif c == "~":
                kind = "strikethrough"
            elif c == "|" and _at(text, i + 1) == "|":
                kind, i = "spoiler", i + 1
            elif c == "[":
                kind = "text_link"
            elif c == "`" and _at(text, i + 1) == "`" and _at(text, i + 2) == "`":
                i, argument = _skip_pre_header(text, i + 3)
                kind, i = "pre", i - 1
            elif c == "`":
                kind = "code"
            elif c == "!" and _at(text, i + 1) == "[":
                kind, i = "custom_emoji", i + 1
            elif c == "\n":
                out.append("\n")
                u16 += 1
                if _at(text, i + 1) == ">":
                    i += 1
                    if not quote:
                        kind, quote = "blockquote", True
                if not kind:
                    i += 1
                    continue
            elif c == ">" and i == 0:
                kind, quote = "blockquote", True
            else:
                raise _reserved_error(c)
            stack.append(_Open(kind, argument, u16, _byte(text, start), len(out)))
            i += 1
            continue
        top = stack[-1]
        if c == "\n" and top.kind != "blockquote":
            raise ParseError(
                f"Can't find end of {_NAMES[top.kind]} entity at byte offset {top.byte_offset}"
            )
        i = _close_v2(text, i, top, u16, out, entities, resolve_user)
        if top.kind == "blockquote":
            quote = False
            u16 += 1
        stack.pop()
    if quote and stack and stack[-1].kind == "blockquote":
        top = stack.pop()
        if u16 > top.offset:
            entities.append(
                {"type": "blockquote", "offset": top.offset, "length": u16 - top.offset}
            )
    if stack:
        top = stack[-1]
        raise ParseError(
            f"Can't find end of {_NAMES[top.kind]} entity at byte offset {top.byte_offset}"
        )
    return "".join(out), sort_entities(entities)


def _close_v2(
    text: str,
    i: int,
    top: _Open,
    u16: int,
    out: list[str],
    entities: list[JSON],
    resolve_user: UserResolver,
) -> int:
    """Close the innermost entity at text[i]; returns the next index to read."""
    span = {"offset": top.offset, "length": u16 - top.offset}
    empty = u16 == top.offset
    if top.kind in ("underline", "spoiler"):
        i += 1
    elif top.kind == "pre":
        i += 2
    elif top.kind == "blockquote":
        out.append(text[i])
        span["length"] += 1
    entity: JSON | None = None
    if top.kind == "text_link":
        if _at(text, i + 1) != "(":
            url = "".join(out[top.out_pos :])
        else:
            url_begin = i + 2
            url, i = _read_url(text, url_begin)
            if _at(text, i) != ")":
                raise ParseError(f"Can't find end of a URL at byte offset {_byte(text, url_begin)}")
        entity = _link_entity(url, top.offset, span["length"], resolve_user)
    elif top.kind == "custom_emoji":
        if _at(text, i + 1) != "(":
            raise ParseError("Custom emoji entity must contain a tg://emoji URL")
        url_begin = i + 2
        url, i = _read_url(text, url_begin)
        if _at(text, i) != ")":
            raise ParseError(
                f"Can't find end of a custom emoji URL at byte offset {_byte(text, url_begin)}"
            )
        emoji_id = url.partition("id=")[2]
        if not url.startswith("tg://emoji?") or not emoji_id.isdigit():
            raise ParseError("Invalid custom emoji URL specified")
        entity = {"type": "custom_emoji", **span, "custom_emoji_id": emoji_id}
    elif top.kind == "pre" and top.argument:
        entity = {"type": "pre", **span, "language": top.argument}
    else:
        entity = {"type": top.kind, **span}
    if entity is not None and not empty:
        entities.append(entity)
    return i + 1


def parse_markdown(text: str, resolve_user: UserResolver = _default_user) -> tuple[str, list[JSON]]:
    """Legacy Markdown: *bold* _italic_ `code` ```pre``` [text](url), no nesting."""
    out: list[str] = []
    u16 = 0
    entities: list[JSON] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and _at(text, i + 1) in ("_", "*", "`", "[") and _at(text, i + 1):
            out.append(text[i + 1])
            u16 += 1
            i += 2
            continue
        if c not in "_*`[":
            out.append(c)
            u16 += u16len(c)
            i += 1
            continue
        begin = i
        end_char = "]" if c == "[" else c
        i += 1
        is_pre, language = False, ""
        if c == "`" and _at(text, i) == "`" and _at(text, i + 1) == "`":
            is_pre = True
            i, language = _skip_pre_header(text, i + 2)
        offset = u16
        while i < len(text) and (
            text[i] != end_char or (is_pre and not (_at(text, i + 1) == "`" == _at(text, i + 2)))
        ):
            out.append(text[i])
            u16 += u16len(text[i])
            i += 1
        if i >= len(text):
            raise ParseError(
                f"Can't find end of the entity starting at byte offset {_byte(text, begin)}"
            )
        span = {"offset": offset, "length": u16 - offset}
        inner = text[begin + 1 : i]
        url = ""
        if c == "[" and _at(text, i + 1) == "(":
            close = text.find(")", i + 2)
            close = len(text) if close < 0 else close
            url, i = text[i + 2 : close], close
        elif c == "[":
            url = inner
        if u16 > offset:
            if c == "_":
                entities.append({"type": "italic", **span})
            elif c == "*":
                entities.append({"type": "bold", **span})
            elif c == "[":
                link = _link_entity(url, offset, span["length"], resolve_user)
                if link:
                    entities.append(link)
            elif is_pre:
                entities.append(
                    {"type": "pre", **span, **({"language": language} if language else {})}
                )
            else:
                entities.append({"type": "code", **span})
        i += 3 if is_pre else 1
    return "".join(out), sort_entities(entities)
