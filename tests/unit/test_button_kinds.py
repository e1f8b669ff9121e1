"""Every kind of button the application answers: its longest data fits Telegram's 64 bytes and
reads back as the same button (a kind that could not would raise when a keyboard is built)."""

from __future__ import annotations

import pytest

from bot.kernel.buttons import MAX_DATA_BYTES, Button
from handlers import all_handlers
from handlers.buttons import kinds_in
from tests.forged_data import longest

KINDS = kinds_in(all_handlers())


def test_the_application_answers_typed_kinds() -> None:
    assert len(KINDS) >= 200


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_the_longest_data_of_every_kind_fits_and_reads_back(kind: type[Button]) -> None:
    button = longest(kind)
    assert len(button.data.encode()) <= MAX_DATA_BYTES
    assert kind.parse(button.data) == button
