"""Every kind of button the application answers: within 64 bytes, read back as built, told apart
from every other kind, and answered (tests/unit/test_payloads.py: no handler left untyped)."""

from __future__ import annotations

import pytest

from bot.kernel.buttons import MAX_DATA_BYTES, Button
from handlers import all_handlers
from handlers.buttons import kinds_in
from tests.forged_data import longest

KINDS = kinds_in(all_handlers())


def test_no_two_kinds_can_claim_the_same_data() -> None:
    # One prefix may serve a menu button and its longer form, told apart by the field count.
    shapes = [(k.prefix, len(k.schema)) for k in KINDS]
    assert len(shapes) == len(set(shapes))
    assert len(KINDS) > 200  # every feature's buttons, not an empty list passing by itself


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: f"{k.__module__}.{k.__name__}")
def test_every_kind_round_trips_at_its_longest(kind: type[Button]) -> None:
    button = longest(kind)
    assert len(button.data.encode()) <= MAX_DATA_BYTES
    assert kind.parse(button.data) == button
    others = [k for k in KINDS if k is not kind and k.parse(button.data) is not None]
    assert not others


def test_every_kind_a_feature_defines_is_answered() -> None:
    """A button the bot draws but no handler answers would only ever say "too old"."""
    defined, todo = [], list(Button.__subclasses__())
    while todo:
        kind = todo.pop()
        todo.extend(kind.__subclasses__())
        if kind.__module__.startswith(("handlers.", "bot.services.", "jobs.")):
            defined.append(kind)
    assert sorted(k.__name__ for k in defined if k not in KINDS) == []
