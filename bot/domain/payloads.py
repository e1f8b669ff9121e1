"""What callback data and /start payloads may hold before anything reads them.

Buttons are made by the bot, but a client can send any callback data and any /start payload.
This is the shape every datum must have (printable, short, every number within an id's range);
which data a button of the bot makes is each kind's business (bot/kernel/buttons.py), and the
guard (handlers/guard.py) lets through only data one of them parses.
"""

from __future__ import annotations

import re

MAX_ID = 2**53 - 1  # every id the bot issues fits; exact in a double, far inside int64
MAX_DATA_BYTES = 64  # Telegram's limit for callback_data

_DIGITS = re.compile(r"\d+")
_PRINTABLE = re.compile(r"[\x21-\x7e]+")
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _numbers_fit(text: str) -> bool:
    # Length first: int() of a 5,000-digit string is itself refused by Python.
    return all(len(run) <= 16 and int(run) <= MAX_ID for run in _DIGITS.findall(text))


def callback_data_ok(data: str | None) -> bool:
    """Whether button data is of a shape the bot makes: printable, short, every number in range."""
    if not data or len(data.encode()) > MAX_DATA_BYTES or not _PRINTABLE.fullmatch(data):
        return False
    return _numbers_fit(data)


def start_payload_ok(payload: str) -> bool:
    """Whether a /start payload is one Telegram allows (1-64 of A-Za-z0-9_-), numbers in range."""
    return _PAYLOAD.fullmatch(payload) is not None and _numbers_fit(payload)
