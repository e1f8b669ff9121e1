"""The one text catalog: every user-facing string, in zh (default) and en.

Each feature keeps its strings in its own module (`bot/texts/<feature>.py`, a dict named TEXTS of
key -> {"zh": ..., "en": ...}); they are merged here once, at first use.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from typing import Literal

from bot.texts import (
    cards,
    core,
    delivery,
    dues,
    hours,
    meetings,
    members,
    posts,
    privacy,
    residents,
)

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"
_BABEL_LOCALES = {"zh": "zh_Hans_CN", "en": "en"}

log = logging.getLogger(__name__)


@cache
def catalog() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module in (
        core,
        members,
        delivery,
        meetings,
        dues,
        hours,
        posts,
        privacy,
        residents,
        cards,
    ):
        for key, variants in module.TEXTS.items():
            if key in merged:
                raise RuntimeError(f"text key {key!r} defined twice")
            merged[key] = variants
    return merged


def as_lang(value: str | None, default: Lang = DEFAULT_LANG) -> Lang:
    for lang in LANGS:
        if value == lang:
            return lang
    return default


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    """The text for `key` in `lang` (falling back to Chinese), formatted with `params`."""
    variants = catalog().get(key)
    if variants is None:
        log.error("missing text key %s", key)
        return key
    chosen = as_lang(lang)
    template = variants.get(chosen) or variants[DEFAULT_LANG]
    count = params.get("n")
    if isinstance(count, int) and not isinstance(count, bool):
        # "en#one" beside "en": the CLDR plural form of n picks it (Chinese has one form).
        template = variants.get(f"{chosen}#{_plural_form(chosen, count)}", template)
    return template.format(**params) if params else template


@cache
def _plural_rule(lang: str) -> Callable[[int], str]:
    from babel.core import Locale

    return Locale.parse(_BABEL_LOCALES[lang]).plural_form


def _plural_form(lang: str, n: int) -> str:
    return _plural_rule(lang)(abs(n))


def variants(key: str) -> frozenset[str]:
    """All language versions of a text, for matching a pressed reply-keyboard button."""
    return frozenset(v for lang, v in catalog()[key].items() if "#" not in lang)
