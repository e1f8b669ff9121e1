"""Typed words that mean "none": one list, so every optional field is cleared the same way.

An older member skips an optional answer the way they would on a paper form: a dash (ASCII,
full-width or long), 「无」 or 「没有」; English speakers type "none". Each field used to keep its
own, slightly different set, so 「－」 cleared a post's duties but not a meeting's place.
"""

from __future__ import annotations

__all__ = ["NONE_WORDS", "means_none"]

NONE_WORDS = frozenset({"-", "－", "—", "无", "没有", "none", "n/a"})


def means_none(text: str) -> bool:
    """True when the whole answer, trimmed, is empty or one of the words for "none"."""
    word = text.strip().casefold()
    return not word or word in NONE_WORDS
