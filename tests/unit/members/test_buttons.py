"""The members' buttons: one prefix each (every kind's longest data: test_button_kinds)."""

from __future__ import annotations

from handlers.members import buttons
from tests.forged_data import kinds_of

KINDS = kinds_of(buttons)


def test_each_kind_has_its_own_prefix() -> None:
    assert len({k.prefix for k in KINDS}) == len(KINDS) >= 30
