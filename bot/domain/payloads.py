"""What callback data and /start payloads may hold before any handler reads them.

Buttons are made by the bot, but a client can send any callback data and any /start payload.
Handlers turn the numbers in them into ids, dates and hours; a 30-digit id overflows the
database's 64-bit integers and an impossible date raises. Every number is checked here, in one
place, so a handler only ever sees data of the shape its own buttons have.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

MAX_ID = 2**53 - 1  # every id the bot issues fits; exact in a double, far inside int64
MAX_DATA_BYTES = 64  # Telegram's limit for callback_data
MAX_SMALL = 400  # day offsets, list indexes: a year of days at most
MAX_HALVES = 24  # volunteer hours in half-hour steps: 12 h a day at most

Kind = Literal["date", "hour", "minute", "small", "month", "halves"]

# The number fields of the picker buttons that are not ids, by the data's leading parts.
# A field not named here is an id (or a page) and only needs to fit MAX_ID. Empty since the
# meetings buttons became typed kinds: every button checks its own fields (bot/kernel/buttons).
TYPED_FIELDS: dict[tuple[str, ...], dict[int, Kind]] = {}

_DIGITS = re.compile(r"\d+")
_PRINTABLE = re.compile(r"[\x21-\x7e]+")
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _fits(kind: Kind, token: str) -> bool:
    if not token.isdigit():
        # An index field may also hold a word its handler compares ("typed", "-" for none);
        # a date or a time never does.
        return kind == "small" and not any(c.isdigit() for c in token)
    if kind == "date":
        if len(token) != 8:
            return False
        try:
            date(int(token[:4]), int(token[4:6]), int(token[6:]))
        except ValueError:
            return False
        return True
    if kind == "month":
        # YYYYMM of a dues month: a real month in this century.
        return len(token) == 6 and 2000 <= int(token[:4]) <= 2099 and 1 <= int(token[4:]) <= 12
    if len(token) > 4:
        return False
    value = int(token)
    if kind == "halves":
        return 1 <= value <= MAX_HALVES
    limit = {"hour": 23, "minute": 59, "small": MAX_SMALL}[kind]
    return value <= limit


def _numbers_fit(text: str) -> bool:
    # Length first: int() of a 5,000-digit string is itself refused by Python.
    return all(len(run) <= 16 and int(run) <= MAX_ID for run in _DIGITS.findall(text))


def callback_data_ok(data: str | None) -> bool:
    """Whether button data is of a shape the bot makes: printable, short, every number in range."""
    if not data or len(data.encode()) > MAX_DATA_BYTES or not _PRINTABLE.fullmatch(data):
        return False
    if not _numbers_fit(data):
        return False
    parts = data.split(":")
    for size in (3, 2):
        typed = TYPED_FIELDS.get(tuple(parts[:size]))
        if typed is not None:
            # A shorter form of the same prefix (a menu button) has no such field to check.
            return all(pos >= len(parts) or _fits(kind, parts[pos]) for pos, kind in typed.items())
    return True


def start_payload_ok(payload: str) -> bool:
    """Whether a /start payload is one Telegram allows (1-64 of A-Za-z0-9_-), numbers in range."""
    return _PAYLOAD.fullmatch(payload) is not None and _numbers_fit(payload)
