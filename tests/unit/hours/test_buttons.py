"""The hours buttons (handlers/hours/buttons.py): every kind has a handler, and the guard
refuses data out of range before a handler runs."""

from __future__ import annotations

from typing import get_args

import pytest

from bot.kernel.buttons import Button
from bot.services.hours.activities import STARTS, Start
from handlers.buttons import kinds_in
from handlers.guard import button_data_ok
from handlers.hours import buttons as hours_buttons
from handlers.hours import handlers

KINDS = kinds_in(handlers())
# The longest period token the bot makes: a typed range, "r" + first + last.
LONGEST_TOKEN = "r2026010120261231"


def test_every_kind_has_a_handler_and_every_handled_kind_is_vh() -> None:
    defined = {
        k for k in vars(hours_buttons).values() if isinstance(k, type) and issubclass(k, Button)
    } - {Button}
    assert set(KINDS) == defined
    assert all(k.prefix.startswith("vh:") for k in KINDS)


def test_the_start_codes_are_the_services() -> None:
    assert get_args(Start) == STARTS


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ("vh:h:5:1", True),
        ("vh:h:5:24", True),
        ("vh:h:5:0", False),
        ("vh:h:5:25", False),
        ("vh:d:5:20260301", True),
        ("vh:d:5:20260230", False),
        ("vh:rt:5:20260301:4:9", True),
        ("vh:rt:5:20260301:99:9", False),
        ("vh:rf:5:2026031:4", False),
        ("vh:ma:9999", False),
        ("vh:hide:1", True),
        ("vh:hide:2", False),
        ("vh:cf:year", True),
        ("vh:cf:decade", False),
        ("vh:ad:5:tmr9", True),
        ("vh:ad:5:tmr8", False),
        ("vh:dp:5:absent", True),
        ("vh:dp:5:bored", False),
        ("vh:sg:month:-", True),
        ("vh:sg:r2026010120260131:7", True),
        ("vh:sg:month:x", False),
        ("vh:sb:5:1", True),
        ("vh:sb:5", False),  # the old layout: submit now says whether it is "anyway"
        ("vh:in:5:what", True),
        ("vh:go:5:card", False),
        ("vh:menu", True),
        ("vh:menu:1", False),
    ],
)
def test_hours_buttons_are_range_checked(data: str, ok: bool) -> None:
    assert button_data_ok(data, KINDS) is ok
