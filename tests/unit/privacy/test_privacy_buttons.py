"""The privacy buttons: the longest data each kind makes fits 64 bytes and reads back."""

from __future__ import annotations

import pytest

from bot.domain.links import LinkKind, new_token
from bot.kernel.buttons import MAX_ID, Button
from handlers.core_buttons import OpenMyData
from handlers.privacy import buttons as b

FAMILY = "f" * 32  # the longest kind of action a button carries

LONGEST: list[Button] = [
    b.AcceptNotice(new_token(LinkKind.SECRETARY_INVITE)),
    b.DeclineNotice(),
    b.ConfirmBinding(new_token(LinkKind.BIND)),
    b.NotMe(),
    b.EditNotice(),
    b.ResetNotice(),
    OpenMyData(),
    b.AskCorrection(),
    b.AskDeletion(),
    b.ConfirmDeletion(),
    b.CancelRequest(),
    b.ApproveRequest(MAX_ID),
    b.RejectRequest(MAX_ID),
    b.AuditPage(999_999, MAX_ID, FAMILY),
    b.AuditPage(0, None, None),
    b.PickPerson(MAX_ID, FAMILY),
    b.PickFamily(MAX_ID, FAMILY),
    b.ExportAudit(MAX_ID, FAMILY),
]


@pytest.mark.parametrize("button", LONGEST, ids=lambda x: type(x).__name__)
def test_the_longest_data_fits_and_reads_back(button: Button) -> None:
    assert len(button.data.encode()) <= 64
    assert type(button).parse(button.data) == button


def test_a_kind_of_action_too_long_for_a_button_cannot_be_built() -> None:
    with pytest.raises(ValueError):
        _ = b.AuditPage(0, None, "f" * 33).data
    assert b.AuditPage.parse("pv:au:1000000:-:-") is None
