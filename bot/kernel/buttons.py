"""Button data, each kind defined once: it builds the data, gives the handler its pattern, parses
the data back to typed values and refuses anything else.

A kind is a frozen dataclass with a prefix and typed fields:

    class MoveDay(Button, prefix="mt:mvd"):
        meeting: int        # an id: 1-16 digits, at most MAX_ID
        day: date           # YYYYMMDD, a real date

    MoveDay(meeting=7, day=date(2026, 3, 3)).data     -> "mt:mvd:7:20260303"
    MoveDay.parse("mt:mvd:7:20260399")                -> None

Field types: `int` (an id), `Annotated[int, Span(lo, hi, width)]` (a bounded number, zero-padded
to `width`), `date`, `Annotated[date, MONTH]` (YYYYMM of a dues month), `bool` (0/1), a
`Literal` of words, an `Enum` of str values, `str` (a short token, may be empty) and any of
these `| None` (written "-").

A client can send any callback data (FACTS.md: never trust it), so the data is checked here, in
one place, and a handler only ever receives a value of its kind. Nothing is registered at
import: the guard learns the kinds from the application's handlers (handlers/buttons.py), and
two kinds with one prefix (a menu button and its longer form) are told apart by their fields.

Written here rather than taken from a library: PTB's `arbitrary_callback_data` keeps objects in
memory (lost on restart, not shared between processes), and aiogram's CallbackData factory
belongs to another framework (and pydantic validation per press costs more than this).
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass, fields
from datetime import date
from enum import Enum
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    Self,
    Union,
    dataclass_transform,
    get_args,
    get_origin,
    get_type_hints,
)

from bot.domain.payloads import MAX_DATA_BYTES, MAX_ID

__all__ = [
    "MAX_DATA_BYTES",
    "MAX_ID",
    "MONTH",
    "NONE",
    "Button",
    "Field",
    "Halves",
    "Hour",
    "Minute",
    "Month",
    "Small",
    "Span",
]
NONE = "-"


@dataclass(frozen=True)
class Span:
    """A bounded number; `width` > 0 writes it zero-padded to that many digits (09 for 9 am)."""

    lo: int
    hi: int
    width: int = 0


class _MonthOnly:
    """Marks a date field written as YYYYMM (the first of the month)."""


MONTH = _MonthOnly()

# The bounded numbers the bot's buttons carry, named once.
Hour = Annotated[int, Span(0, 23, 2)]
Minute = Annotated[int, Span(0, 59, 2)]
Small = Annotated[int, Span(0, 400)]  # day offsets, list indexes, choices: a year of days at most
Halves = Annotated[int, Span(1, 24)]  # volunteer hours in half-hour steps: 12 h a day at most
Month = Annotated[date, MONTH]


@dataclass(frozen=True)
class Field:
    """One typed part of a kind's data."""

    name: str
    kind: str  # id, span, date, month, bool, word, token (tests build forged data by it)
    regex: str
    optional: bool = False
    span: Span | None = None
    words: tuple[str, ...] = ()
    enum: type[Enum] | None = None

    def encode(self, value: object) -> str:
        if value is None:
            if not self.optional:
                raise ValueError(f"{self.name} may not be None")
            return NONE
        if self.kind == "date":
            assert isinstance(value, date)
            return value.strftime("%Y%m%d")
        if self.kind == "month":
            assert isinstance(value, date)
            return value.strftime("%Y%m")
        if self.kind == "bool":
            return "1" if value else "0"
        if self.enum is not None:
            assert isinstance(value, self.enum)
            return str(value.value)
        padded = self.span is not None and isinstance(value, int)
        text = f"{value:0{self.span.width}d}" if padded and self.span else str(value)
        if self.decode(text) != value:
            raise ValueError(f"{self.name}={value!r} is not a value this button can carry")
        return text

    def decode(self, text: str) -> Any:
        """The typed value, or ValueError for text this field never carries."""
        if self.optional and text == NONE:
            return None
        # ASCII only: str.isdigit and \d would take full-width and other scripts' digits.
        if not text.isascii() or not re.fullmatch(self.regex, text):
            raise ValueError(text)
        if self.kind == "id":
            value = int(text)
            if value > MAX_ID:
                raise ValueError(text)
            return value
        if self.kind == "span":
            assert self.span is not None
            value = int(text)
            if not self.span.lo <= value <= self.span.hi:
                raise ValueError(text)
            return value
        if self.kind == "date":
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        if self.kind == "month":
            year, month = int(text[:4]), int(text[4:])
            if not 2000 <= year <= 2099:
                raise ValueError(text)
            return date(year, month, 1)
        if self.kind == "bool":
            return text == "1"
        if self.enum is not None:
            return self.enum(text)
        return text


def _field(name: str, hint: Any) -> Field:
    optional = False
    if get_origin(hint) in (Union, types.UnionType):
        args = [a for a in get_args(hint) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"{name}: only `X | None` unions are supported")
        hint, optional = args[0], True
    extras: tuple[Any, ...] = ()
    if get_origin(hint) is Annotated:
        hint, *rest = get_args(hint)
        extras = tuple(rest)
    span = next((e for e in extras if isinstance(e, Span)), None)
    if hint is bool:
        return Field(name, "bool", "[01]", optional)
    if hint is int and span is not None:
        digits = rf"\d{{{span.width}}}" if span.width else rf"\d{{1,{len(str(span.hi))}}}"
        return Field(name, "span", digits, optional, span=span)
    if hint is int:
        return Field(name, "id", r"\d{1,16}", optional)
    if hint is date:
        if any(isinstance(e, _MonthOnly) for e in extras):
            return Field(name, "month", r"\d{4}(?:0[1-9]|1[0-2])", optional)
        return Field(name, "date", r"\d{8}", optional)
    if get_origin(hint) is Literal:
        words = tuple(str(w) for w in get_args(hint))
        return Field(name, "word", "|".join(map(re.escape, words)), optional, words=words)
    if isinstance(hint, type) and issubclass(hint, Enum):
        words = tuple(str(m.value) for m in hint)
        pattern = "|".join(map(re.escape, words))
        return Field(name, "word", pattern, optional, words=words, enum=hint)
    if hint is str:
        return Field(name, "token", r"[A-Za-z0-9_.-]{0,32}", optional)
    raise TypeError(f"{name}: a button cannot carry {hint!r}")


@dataclass_transform(frozen_default=True)
class Button:
    """Base of every kind of button data; see the module's docstring."""

    prefix: ClassVar[str]
    schema: ClassVar[tuple[Field, ...]]

    def __init_subclass__(cls, *, prefix: str, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if not re.fullmatch(r"[a-z]+(:[a-z]+)*", prefix):
            raise TypeError(f"button prefix {prefix!r}: lower-case words joined by ':'")
        dataclass(frozen=True)(cls)
        cls.prefix = prefix
        hints = get_type_hints(cls, include_extras=True)
        cls.schema = tuple(_field(f.name, hints[f.name]) for f in fields(cls))  # type: ignore[arg-type]

    @property
    def data(self) -> str:
        """The callback data; a kind whose values do not fit 64 bytes is a bug, raised at once."""
        parts = [self.prefix, *(f.encode(getattr(self, f.name)) for f in self.schema)]
        text = ":".join(parts)
        if len(text.encode()) > MAX_DATA_BYTES:
            raise ValueError(f"callback data over {MAX_DATA_BYTES} bytes: {text!r}")
        return text

    @classmethod
    def parse(cls, data: object) -> Self | None:
        """The button this data stands for, or None for data this kind never makes."""
        if not isinstance(data, str) or len(data.encode()) > MAX_DATA_BYTES:
            return None
        # No field's text holds a ':' (tokens exclude it), so the parts are the fields.
        parts = data.split(":")
        head = cls.prefix.count(":") + 1
        if ":".join(parts[:head]) != cls.prefix or len(parts) != head + len(cls.schema):
            return None
        try:
            values = [f.decode(text) for f, text in zip(cls.schema, parts[head:], strict=True)]
        except ValueError:
            return None
        return cls(*values)

    @classmethod
    def matches(cls, data: object) -> bool:
        """For a handler's pattern: whether this data is of this kind, every value in range."""
        return cls.parse(data) is not None
