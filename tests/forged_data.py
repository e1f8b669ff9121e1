"""Every kind of button the bot makes, as a template for forged-data tests: read from the kinds
the application answers (bot/kernel/buttons.py), so a new button is swept the day it is added."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.kernel.buttons import MAX_ID, Button, Field

# /start payload kinds with numbers or tokens in them ({n} an id), for the same sweep.
START_PAYLOADS = [
    "p_{n}",
    "p_{n}AbCdEfGhIjKlMnOpQrStUvWx",
    "p_AbCdEfGhIjKlMnOpQrStUvWxYz",
    "q_{n}",
    "q_AbCdEfGhIjKlMnOpQrStUvWxYz",
    "f_{n}",
    "f_{n}AbCdEfGhIjKlMnOpQrStUvWx",
    "f_AbCdEfGhIjKlMnOpQrStUvWxYz",
]


def _placeholder(field: Field) -> list[str]:
    """What each field of a typed kind is filled with: a placeholder the sweep makes absurd."""
    if field.kind == "id":
        return ["{n}"]
    if field.kind == "date":
        return ["{d}"]
    if field.kind == "month":
        return ["{y}"]
    if field.kind == "span":
        assert field.span is not None
        return ["{h}" if field.span.hi == 23 else "{m}" if field.span.hi == 59 else "{s}"]
    if field.kind == "bool":
        return ["1"]
    if field.kind == "word":
        return [field.words[0]]
    return ["x"]


def longest(kind: type[Button]) -> Button:
    """The button of this kind with every field at its longest (to check it fits 64 bytes)."""

    def value(field: Field) -> Any:
        if field.kind == "id":
            return MAX_ID
        if field.kind == "span":
            assert field.span is not None
            return field.span.hi
        if field.kind in ("date", "month"):
            return date(2099, 12, 1)
        if field.kind == "bool":
            return True
        if field.kind == "word":
            word = max(field.words, key=len)
            return field.enum(word) if field.enum is not None else word
        return "x" * 32  # the longest token a button may carry

    return kind(*(value(f) for f in kind.schema))


def kinds_of(module: object) -> list[type[Button]]:
    """The kinds a feature's buttons module defines (or names)."""
    found = [getattr(module, name) for name in dir(module)]
    return [k for k in found if isinstance(k, type) and issubclass(k, Button) and k is not Button]


def typed_templates(kinds: list[type[Button]]) -> list[str]:
    """A template per typed kind, from its schema (nothing to keep in step by hand)."""
    found: list[str] = []
    for kind in kinds:
        parts = [kind.prefix, *(_placeholder(f)[0] for f in kind.schema)]
        found.append(":".join(parts))
    return found


def all_templates() -> list[str]:
    """A template per kind the application answers: {n} an id, {d} a date, {y} a month, {h} an
    hour, {m} a minute, {s} any other bounded number."""
    from handlers import all_handlers
    from handlers.buttons import kinds_in

    return typed_templates(kinds_in(all_handlers()))
