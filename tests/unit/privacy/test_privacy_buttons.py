"""The privacy buttons: the layouts the slice relies on."""

from __future__ import annotations

import pytest

from handlers.privacy import buttons as b

FAMILY = "f" * 32  # the longest kind of action a button carries


def test_a_kind_of_action_too_long_for_a_button_cannot_be_built() -> None:
    with pytest.raises(ValueError):
        _ = b.AuditPage(0, None, "f" * 33).data
    assert b.AuditPage.parse("pv:au:1000000:-:-") is None
