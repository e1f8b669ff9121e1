"""The posts buttons: the slice's kinds and the layouts it relies on."""

from __future__ import annotations

from bot.kernel.buttons import Button
from handlers.posts import buttons

KINDS = [
    k
    for k in vars(buttons).values()
    if isinstance(k, type) and issubclass(k, Button) and k is not Button
]


def test_the_slice_defines_its_kinds() -> None:
    assert len(KINDS) == 50
    assert all(k.prefix.startswith("po:") for k in KINDS)
    assert len({k.prefix for k in KINDS}) == len(KINDS)


def test_layouts_the_slice_relies_on() -> None:
    assert buttons.DutyHours(5, None).data == "po:dh:5:-"
    assert buttons.DutyHours.parse("po:dh:5:0") is None  # no hours is "-", never 0
    assert buttons.DutyHours.parse("po:dh:5:25") is None
    assert buttons.SetNudge(True).data == "po:sn:1"
    assert buttons.SetTerm.parse("po:et:5:99999") is None
    assert buttons.RejectWithReason.parse(f"po:nr:5:{buttons.REASONS}") is None
    assert buttons.AskPostField.parse("po:ef:5:capacity") is None
