"""The delivery buttons: one prefix each, and saved audiences' keys."""

from __future__ import annotations

from handlers.delivery import buttons
from handlers.delivery.buttons import ChooseSaved
from tests.forged_data import kinds_of

KINDS = kinds_of(buttons)


def test_each_kind_has_its_own_prefix() -> None:
    assert len({k.prefix for k in KINDS}) == len(KINDS) >= 20


def test_saved_audience_keys_ride_with_their_colons_swapped() -> None:
    chosen = ChooseSaved.of(7, "unacked:12")
    assert chosen.data == "dl:as:7:unacked.12"
    parsed = ChooseSaved.parse(chosen.data)
    assert parsed is not None and parsed.key == "unacked:12"
