"""Button data and /start payloads are range-checked in one place before handlers see them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from telegram.ext import BaseHandler, CallbackQueryHandler, ConversationHandler

from bot.app import build_application
from bot.config import Settings
from bot.domain.payloads import MAX_ID, callback_data_ok, start_payload_ok
from bot.sandbox.server import make_token
from handlers import all_handlers
from handlers.buttons import kinds_in
from handlers.guard import button_data_ok
from tests.forged_data import TEMPLATES


@pytest.mark.parametrize(
    "data",
    [
        "zz:go:12",
        f"zz:go:{MAX_ID}",
        "lang:zh",
    ],
)
def test_data_our_buttons_carry_is_accepted(data: str) -> None:
    assert callback_data_ok(data)


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        f"zz:go:{MAX_ID + 1}",
        "zz:go:" + "9" * 30,
        "zz:go:" + "1" * 5000,
        "zz:go:1\n",
        "zz:go:１２",  # full-width digits
        "x" * 65,
    ],
)
def test_forged_data_is_refused(data: str | None) -> None:
    assert not callback_data_ok(data)


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ("dl:at:7:0:08", True),
        ("dl:at:7:2:21", True),
        ("dl:at:7:0:8", False),  # an hour is two digits
        ("dl:at:7:3:09", False),  # three days are offered: 0, 1, 2
        ("dl:at:7:0:99", False),
        ("dl:day:3:999", False),
        ("dl:as:7:unacked.5", True),
        ("dl:as:7:unacked:5", False),
        ("dl:ak:7:retired", True),
        ("dl:ak:7:nobody", False),
        ("mem:ls:0:-:-:active:0", True),
        ("mem:ls:0:", False),
        ("mem:st:5:active", False),
        ("mem:rst:5", True),
    ],
)
def test_the_guard_holds_member_and_delivery_data_to_their_kinds(data: str, ok: bool) -> None:
    assert button_data_ok(data, kinds_in(all_handlers())) is ok


@pytest.mark.parametrize(
    ("payload", "ok"),
    [
        ("i_AbCdEfGhIjKlMnOpQrStUvWx", True),
        (f"c_{MAX_ID}_ABC123", True),
        (f"c_{MAX_ID + 1}_ABC123", False),
        ("c_" + "9" * 30 + "_ABC123", False),
        ("a" * 65, False),
        ("bad payload", False),
        ("", False),
    ],
)
def test_start_payloads(payload: str, ok: bool) -> None:
    assert start_payload_ok(payload) is ok


def _callback_patterns(handlers: list[BaseHandler[Any, Any, Any]]) -> list[re.Pattern[str]]:
    found: list[re.Pattern[str]] = []
    for handler in handlers:
        if isinstance(handler, ConversationHandler):
            inner = [*handler.entry_points, *handler.fallbacks]
            for state in handler.states.values():
                inner += state
            found += _callback_patterns(inner)
        elif isinstance(handler, CallbackQueryHandler) and isinstance(handler.pattern, re.Pattern):
            found.append(handler.pattern)
    return found


def test_the_forged_data_sweep_covers_every_registered_button_kind() -> None:
    """A new button kind must get a template in the e2e sweep (tests/e2e/test_core_forged_data)."""
    app = build_application(Settings(), token=make_token())
    handlers = [h for group in app.handlers.values() for h in group]
    ordinary = {"n": "1", "d": "20260301", "h": "09", "m": "30", "s": "1", "y": "202603"}
    samples = [re.sub(r"\{(\w)\}", lambda m: ordinary[m.group(1)], tpl) for tpl in TEMPLATES]
    uncovered = [p.pattern for p in _callback_patterns(handlers) if not any(map(p.match, samples))]
    assert not uncovered
