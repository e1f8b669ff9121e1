"""parse_mode parsers and entity helpers, without a server."""

from __future__ import annotations

import pytest

from bot.sandbox.entities import detect_entities, to_html, trim, u16len
from bot.sandbox.errors import ApiError
from bot.sandbox.formatting import ParseError, format_text, parse_html
from bot.sandbox.markdown import parse_markdown, parse_markdown_v2


def test_html_entities_have_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>党员</b> &lt;x&gt; <a href='https://t.me/x'>link</a>")
    assert text == "😀 党员 <x> link"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 2},
        {"type": "text_link", "offset": 10, "length": 4, "url": "https://t.me/x"},
    ]


def test_html_nested_tags_spoiler_and_pre_with_language() -> None:
    text, entities = parse_html(
        '<b>a<i>b</i></b><span class="tg-spoiler">s</span>'
        '<pre><code class="language-python">x</code></pre>'
    )
    assert text == "absx"
    kinds = [(e["type"], e["offset"], e["length"]) for e in entities]
    assert kinds == [("bold", 0, 2), ("italic", 1, 1), ("spoiler", 2, 1), ("pre", 3, 1)]
    assert entities[-1]["language"] == "python"


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("<b>x", "Can't find end tag corresponding to start tag b"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("<b>x</i>", 'Unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("</b>", "Unexpected end tag at byte offset 0"),
        ("<script>x</script>", 'Unsupported start tag "script" at byte offset 0'),
        ('<span class="x">y</span>', 'Tag "span" must have class "tg-spoiler"'),
        ("中<b", "Unclosed start tag at byte offset 3"),
    ],
)
def test_html_errors_use_telegram_wording(markup: str, error: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_html(markup)
    assert error in str(info.value)


def test_unknown_named_entity_stays_literal() -> None:
    assert parse_html("a &nbsp; b &amp; c &#20826;")[0] == "a &nbsp; b & c 党"


def test_markdown_v2_entities_and_escapes() -> None:
    text, entities = parse_markdown_v2(
        r"*粗* _斜_ __下__ ~删~ ||藏|| [链](https://t.me/a\)) `c` 1\.5"
    )
    assert text == "粗 斜 下 删 藏 链 c 1.5"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "text_link",
        "code",
    ]
    assert entities[5]["url"] == "https://t.me/a)"


@pytest.mark.parametrize(
    ("markup", "error"),
    [
        ("Hi.", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("a-b", "Character '-' is reserved"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("x _it", "Can't find end of Italic entity at byte offset 2"),
    ],
)
def test_markdown_v2_errors(markup: str, error: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_markdown_v2(markup)
    assert error in str(info.value)


def test_legacy_markdown() -> None:
    text, entities = parse_markdown("*b* _i_ `c` [t](http://x.org)")
    assert text == "b i c t"
    assert [e["type"] for e in entities] == ["bold", "italic", "code", "text_link"]
    with pytest.raises(ParseError, match="Can't find end of the entity starting at byte offset 0"):
        parse_markdown("*open")


def test_format_text_trims_and_checks_length() -> None:
    text, entities = format_text("  <b>hi</b>  ", "HTML", None, caption=False)
    assert (text, entities) == ("hi", [{"type": "bold", "offset": 0, "length": 2}])
    with pytest.raises(ApiError, match="message text is empty"):
        format_text(" \n ", None, None, caption=False)
    assert format_text("a" * 4096, None, None, caption=False)[0] == "a" * 4096
    with pytest.raises(ApiError, match="message is too long"):
        format_text("a" * 4097, None, None, caption=False)
    # Limits count UTF-16 code units: an emoji is two.
    with pytest.raises(ApiError, match="message is too long"):
        format_text("😀" * 2049, None, None, caption=False)
    with pytest.raises(ApiError, match="message caption is too long"):
        format_text("字" * 1025, None, None, caption=True)
    with pytest.raises(ApiError, match="can't parse entities: Unsupported start tag"):
        format_text("<x>", "html", None, caption=False)


def test_explicit_entities_are_validated() -> None:
    text, entities = format_text(
        "<b>hello</b>", "HTML", [{"type": "italic", "offset": 0, "length": 5}], caption=False
    )
    # Explicit entities win over parse_mode: the tags stay as text.
    assert text == "<b>hello</b>"
    assert entities == [{"type": "italic", "offset": 0, "length": 5}]
    with pytest.raises(ApiError, match="entity begins after the end of the text"):
        format_text("hi", None, [{"type": "bold", "offset": 9, "length": 1}], caption=False)


def test_detect_entities_in_typed_text() -> None:
    found = detect_entities("/sign_in@party_bot 今天 @alice #学习 https://a.cn/x")
    assert [(e["type"], e["offset"], e["length"]) for e in found] == [
        ("bot_command", 0, 18),
        ("mention", 22, 6),
        ("hashtag", 29, 3),
        ("url", 33, 14),
    ]
    assert detect_entities("a/b not/command") == []


def test_to_html_escapes_and_nests() -> None:
    html = to_html(
        "<1> bold",
        [{"type": "bold", "offset": 4, "length": 4}, {"type": "italic", "offset": 6, "length": 2}],
    )
    assert html == "&lt;1&gt; <b>bo<i>ld</i></b>"
    link = to_html("x", [{"type": "text_link", "offset": 0, "length": 1, "url": "javascript:x"}])
    assert link == "x"


def test_trim_shifts_entities() -> None:
    assert trim("  ab ", [{"type": "bold", "offset": 1, "length": 3}]) == (
        "ab",
        [{"type": "bold", "offset": 0, "length": 2}],
    )
    assert u16len("a😀") == 3
