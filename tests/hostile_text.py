"""Nasty input for the property tests: what people paste, mistype or forge."""

from __future__ import annotations

from hypothesis import strategies as st

NASTY = [
    "",
    " ",
    "\u202e\u200f\u200e\u2066反向文字",  # RTL override and direction marks
    "\x00\x01\x07\x1b[31m\x7f",  # control characters
    "👨‍👩‍👧‍👦🇨🇳🧧" * 20,
    "<b>粗</b><i>",  # unclosed HTML for the parse mode
    "</code><a href='javascript:alert(1)'>x</a>&amp;&lt;",
    "*_`[链接](http://evil.example)`_*",
    "'; DROP TABLE members;--",
    "1 OR 1=1; SELECT * FROM tg_users",
    '=HYPERLINK("http://evil.example","点")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "＝1+1",
    "\t=1",
    str(2**63),
    str(-(2**63) - 1),
    "9" * 400,
    "1e309",
    "NaN",
    "-0",
    "0.0000000001",
    "１２３４５",  # full-width digits
    "二〇二六年十三月四十日",
    "2026-02-30",
    "25:61",
    "%s%n%x{0}{name}",
    "../../etc/passwd",
    "王" * 4096,
]


def nasty_text(max_size: int = 300) -> st.SearchStrategy[str]:
    """A mix of curated nasty strings, random Unicode and combinations of both."""
    curated = st.sampled_from(NASTY)
    return st.one_of(
        curated,
        st.text(max_size=max_size),
        st.builds(lambda a, b: a + b, curated, st.text(max_size=40)),
        st.integers().map(str),
    )
