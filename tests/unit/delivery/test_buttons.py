"""The delivery buttons fit Telegram's 64 bytes with every field at its longest."""

from __future__ import annotations

import pytest

from bot.kernel.buttons import Button
from handlers.delivery import buttons
from handlers.delivery.buttons import ChooseSaved
from tests.forged_data import kinds_of, longest

KINDS = kinds_of(buttons)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.__name__)
def test_the_longest_data_of_each_kind_fits_and_parses_back(kind: type[Button]) -> None:
    button = longest(kind)  # building raises past 64 bytes
    assert kind.parse(button.data) == button


def test_each_kind_has_its_own_prefix() -> None:
    assert len({k.prefix for k in KINDS}) == len(KINDS) >= 20


def test_saved_audience_keys_ride_with_their_colons_swapped() -> None:
    chosen = ChooseSaved.of(7, "unacked:12")
    assert chosen.data == "dl:as:7:unacked.12"
    parsed = ChooseSaved.parse(chosen.data)
    assert parsed is not None and parsed.key == "unacked:12"
