"""The dues buttons (handlers/dues/buttons.py): months are real months of this century,
and the guard refuses the rest before a handler runs."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.dues.brackets import BasisKind
from bot.domain.dues.months import first_day, month_of
from bot.kernel.buttons import Button
from handlers.buttons import kinds_in
from handlers.dues import buttons as dues_buttons
from handlers.dues import handlers
from handlers.dues.buttons import PickMonth, PublishYear
from handlers.guard import button_data_ok

KINDS = kinds_in(handlers())


def test_every_kind_has_a_handler_and_every_handled_kind_is_du() -> None:
    defined = {
        k for k in vars(dues_buttons).values() if isinstance(k, type) and issubclass(k, Button)
    } - {Button}
    assert set(KINDS) == defined
    assert all(k.prefix.startswith("du:") for k in KINDS)


def test_a_month_is_carried_as_yyyymm() -> None:
    button = PickMonth(first_day(202603))
    assert button.data == "du:pm:202603"
    parsed = PickMonth.parse("du:pm:209912")
    assert parsed is not None and month_of(parsed.month) == 209912
    assert PublishYear(2026).data == "du:pby:2026"


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ("du:pm:202603", True),
        ("du:pbm:209912", True),
        ("du:pm:202613", False),
        ("du:pm:99999999", False),
        ("du:rm:202600", False),
        ("du:ry:2026", True),
        ("du:ry:9999", False),
        ("du:pby:26", False),
        ("du:mk:employed", True),
        ("du:mk:waived", True),  # a kind, but not a member's: the handler says so
        ("du:mk:zzz", False),
        ("du:rg:-", True),
        ("du:rg:0", True),
        ("du:rt:-:5", True),
        ("du:ok:5", True),
        ("du:ok:x", False),
        ("du:pay", True),
        ("du:pay:1", False),
    ],
)
def test_dues_buttons_are_range_checked(data: str, ok: bool) -> None:
    assert button_data_ok(data, KINDS) is ok


def test_basis_kinds_are_words() -> None:
    assert {k.value for k in BasisKind} >= {"employed", "retired", "farmer", "low"}
    assert date(2026, 3, 1) == first_day(202603)
