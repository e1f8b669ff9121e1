"""The posts buttons: every kind round-trips at its largest values within Telegram's 64 bytes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kernel.buttons import MAX_DATA_BYTES, MAX_ID, Button, Field
from handlers.posts import buttons

KINDS = [
    k
    for k in vars(buttons).values()
    if isinstance(k, type) and issubclass(k, Button) and k is not Button
]


def largest(field: Field) -> object:
    """The value of this field with the longest text."""
    if field.kind == "id":
        return MAX_ID
    if field.kind == "span":
        assert field.span is not None
        return field.span.hi
    if field.kind == "date":
        return date(2099, 12, 31)
    if field.kind == "bool":
        return True
    if field.kind == "word":
        return max(field.words, key=len)
    raise AssertionError(field)


def test_the_slice_defines_its_kinds() -> None:
    assert len(KINDS) == 50
    assert all(k.prefix.startswith("po:") for k in KINDS)
    assert len({k.prefix for k in KINDS}) == len(KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_every_kind_round_trips_at_its_largest(kind: type[Button]) -> None:
    button = kind(*(largest(f) for f in kind.schema))
    assert len(button.data.encode()) <= MAX_DATA_BYTES
    assert kind.parse(button.data) == button


def test_layouts_the_slice_relies_on() -> None:
    assert buttons.DutyHours(5, None).data == "po:dh:5:-"
    assert buttons.DutyHours.parse("po:dh:5:0") is None  # no hours is "-", never 0
    assert buttons.DutyHours.parse("po:dh:5:25") is None
    assert buttons.SetNudge(True).data == "po:sn:1"
    assert buttons.SetTerm.parse("po:et:5:99999") is None
    assert buttons.RejectWithReason.parse(f"po:nr:5:{buttons.REASONS}") is None
    assert buttons.AskPostField.parse("po:ef:5:capacity") is None
