"""What the bot says, by catalog key: e2e tests wait for a text through its key, not a copy.

    await member.wait_message(said("meetings.checkin.done"))
    await member.wait_message(said("dues.paid", months=3))

The pattern is the key's template with its markup taken away (the sandbox, like Telegram, shows
the text without HTML tags); a placeholder matches what was filled in, or anything when the
test does not say. A changed wording then changes no test, and a removed key fails loudly.
"""

from __future__ import annotations

import html
import re
from functools import cache
from string import Formatter

from bot.texts import catalog

_TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return html.unescape(_TAG.sub("", text))


@cache
def _template(key: str, lang: str) -> str:
    variants = catalog().get(key)
    if variants is None:
        raise KeyError(f"no text key {key!r} in the catalog")
    return variants.get(lang) or variants["zh"]


def _pattern(key: str, lang: str, values: dict[str, object]) -> re.Pattern[str]:
    parts: list[str] = []
    for literal, field, spec, _ in Formatter().parse(_template(key, lang)):
        parts.append(re.escape(_plain(literal)))
        if field is None:
            continue
        if field in values:
            parts.append(re.escape(_plain(format(values[field], spec or ""))))
        else:
            parts.append(".*?")
    return re.compile("".join(parts), re.DOTALL)


def said(key: str, lang: str = "zh", /, **params: object) -> re.Pattern[str]:
    """A pattern for the text of `key`, with the placeholders given filled in."""
    return _pattern(key, lang, params)
