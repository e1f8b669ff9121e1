"""Typed button data: built, parsed and refused in one place (bot/kernel/buttons.py)."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Literal

import pytest

from bot.kernel.buttons import MAX_ID, Button, Halves, Hour, Minute, Month, Small
from handlers.guard import button_data_ok


class Period(Enum):
    MONTH = "month"
    YEAR = "year"


class Move(Button, prefix="zz:mv"):
    meeting: int
    day: date
    hour: Hour
    minute: Minute


class Pick(Button, prefix="zz:pk"):
    period: Period
    index: Small
    halves: Halves
    due: Month
    shown: bool
    word: Literal["all", "mine"]
    group: int | None
    query: str


class Menu(Button, prefix="zz"):
    pass


def test_data_round_trips() -> None:
    move = Move(7, date(2026, 3, 3), 9, 5)
    assert move.data == "zz:mv:7:20260303:09:05"
    assert Move.parse(move.data) == move
    pick = Pick(Period.YEAR, 3, 24, date(2026, 5, 1), True, "mine", None, "")
    assert pick.data == "zz:pk:year:3:24:202605:1:mine:-:"
    assert Pick.parse(pick.data) == pick
    assert Menu().data == "zz" and Menu.parse("zz") == Menu()


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "zz:mv:7:20260303:09",  # a field missing
        "zz:mv:7:20260303:09:05:1",  # one too many
        f"zz:mv:{MAX_ID + 1}:20260303:09:05",
        "zz:mv:" + "9" * 30 + ":20260303:09:05",
        "zz:mv:7:20260229:09:05",  # no 29 February in 2026
        "zz:mv:7:20261301:09:05",
        "zz:mv:7:2026033:09:05",
        "zz:mv:7:20260303:24:05",
        "zz:mv:7:20260303:9:05",  # hours are written with two digits
        "zz:mv:7:20260303:09:60",
        "zz:mv:7:２０２６0303:09:05",  # full-width digits
        "zz:mv:-:20260303:09:05",  # an id that may not be None
        "zz:mv:7:20260303:09:05\n",
        "zz:pk:week:3:24:202605:1:mine:-:",
        "zz:pk:year:401:24:202605:1:mine:-:",
        "zz:pk:year:3:25:202605:1:mine:-:",
        "zz:pk:year:3:0:202605:1:mine:-:",
        "zz:pk:year:3:24:202613:1:mine:-:",
        "zz:pk:year:3:24:190005:1:mine:-:",
        "zz:pk:year:3:24:202605:2:mine:-:",
        "zz:pk:year:3:24:202605:1:theirs:-:",
        "zz:pk:year:3:24:202605:1:mine:-:a b",
        "zz:pk:year:3:24:202605:1:mine:-:" + "x" * 33,
        "zzz",
        "zz:",
        "x" * 65,
    ],
)
def test_data_no_button_makes_is_refused(data: str | None) -> None:
    assert Move.parse(data) is None and Pick.parse(data) is None and Menu.parse(data) is None


def test_values_a_button_cannot_carry_raise_when_built() -> None:
    with pytest.raises(ValueError):
        _ = Move(7, date(2026, 3, 3), 24, 0).data
    with pytest.raises(ValueError):
        _ = Move(MAX_ID + 1, date(2026, 3, 3), 9, 0).data
    with pytest.raises(ValueError):  # past Telegram's 64 bytes
        _ = Pick(Period.YEAR, 3, 24, date(2026, 5, 1), True, "mine", MAX_ID, "y" * 32).data


def test_the_guard_refuses_data_a_kind_claims_but_does_not_make() -> None:
    kinds = [Move, Pick, Menu]
    assert button_data_ok("zz:mv:7:20260303:09:05", kinds) and button_data_ok("zz", kinds)
    assert not button_data_ok("zz:mv:7:20260303:09:61", kinds)
    assert not button_data_ok("zz:other", kinds)


def test_unsupported_fields_fail_at_definition() -> None:
    with pytest.raises(TypeError):

        class Bad(Button, prefix="zz:bad"):
            amount: float

    with pytest.raises(TypeError):

        class BadPrefix(Button, prefix="ZZ:1"):
            pass
