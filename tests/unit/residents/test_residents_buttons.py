"""The residents' buttons: every kind round-trips at its largest values within 64 bytes."""

from __future__ import annotations

from datetime import date

import pytest

from bot.kernel.buttons import MAX_DATA_BYTES, MAX_ID, Button, Field
from handlers.residents import buttons

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
    assert len(KINDS) == 27
    assert all(k.prefix.startswith("rq:") for k in KINDS)
    assert len({k.prefix for k in KINDS}) == len(KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_every_kind_round_trips_at_its_largest(kind: type[Button]) -> None:
    button = kind(*(largest(f) for f in kind.schema))
    assert len(button.data.encode()) <= MAX_DATA_BYTES
    assert kind.parse(button.data) == button


def test_layouts_the_slice_relies_on() -> None:
    assert buttons.RateRequest(7, 9).data == "rq:rt:7:9"  # the service refuses kindly
    assert buttons.HistoryPage.parse(f"rq:hs:{buttons.MAX_PAGE + 1}") is None
    assert buttons.ShowLink.parse("rq:lnn") is None and buttons.RenewLink.parse("rq:lnn")
