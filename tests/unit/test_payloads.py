"""Button data and /start payloads are range-checked in one place before handlers see them."""

from __future__ import annotations

import pytest
from telegram.ext import CallbackQueryHandler

from bot.app import build_application
from bot.config import Settings
from bot.domain.payloads import MAX_ID, callback_data_ok, start_payload_ok
from bot.sandbox.server import make_token
from handlers import all_handlers
from handlers.buttons import kind_of, kinds_in
from handlers.guard import button_data_ok
from tests.forged_data import all_templates


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


def test_every_button_handler_of_the_application_is_a_typed_kind() -> None:
    """Every group, the guard's and the flows' too: the forged-data sweep reads its templates
    from the kinds (tests/forged_data.py), so a kind is swept the day it is added."""
    app = build_application(Settings(), token=make_token())
    handlers = [h for group in app.handlers.values() for h in group]
    untyped = [
        h
        for h in handlers
        if isinstance(h, CallbackQueryHandler) and h.pattern is not None and kind_of(h) is None
    ]
    assert not untyped
    assert all_templates()
