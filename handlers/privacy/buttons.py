"""The privacy feature's buttons, each kind of data defined once (bot/kernel/buttons.py).

The 🔒 /mydata button on one's card is OpenMyData in handlers/core_buttons.py (the cards feature
shows it). An invite's notice carries AcceptInvite (handlers/core_buttons.py), answered by
registration in members; a binding link's carries AcceptNotice, answered here. A person or an
action family of None is "no filter"; the services check every right again.
"""

from __future__ import annotations

from typing import Annotated

from bot.kernel.buttons import Button, Span

# A page of the audit log: a stale or forged one lands on the nearest real page.
Page = Annotated[int, Span(0, 999_999)]


# --- the notice and binding -------------------------------------------------------------
class AcceptNotice(Button, prefix="pv:y"):
    """同意 under a binding link's notice; the link's payload comes back with the press."""

    payload: str


class DeclineNotice(Button, prefix="pv:n"):
    """不同意: nothing about the person is stored."""


class ConfirmBinding(Button, prefix="pv:by"):
    """是，是我本人 under a binding link's question."""

    token: str


class NotMe(Button, prefix="pv:bn"):
    """不是我 under a binding link's question."""


# --- /privacynotice -----------------------------------------------------------------------
class EditNotice(Button, prefix="pv:ns:e"):
    """The secretary types the branch's own notice next."""


class ResetNotice(Button, prefix="pv:ns:r"):
    """Back to the default notice."""


# --- /mydata and its requests -------------------------------------------------------------
class AskCorrection(Button, prefix="pv:md:c"):
    """The member types what to correct next."""


class AskDeletion(Button, prefix="pv:md:d"):
    """Asks the member to confirm the deletion request."""


class ConfirmDeletion(Button, prefix="pv:md:dy"):
    """Sends the deletion request to the secretary."""


class CancelRequest(Button, prefix="pv:md:x"):
    """No request after all: nothing is sent."""


class ApproveRequest(Button, prefix="pv:ok"):
    approval: int


class RejectRequest(Button, prefix="pv:no"):
    approval: int


# --- /audit -------------------------------------------------------------------------------
class AuditPage(Button, prefix="pv:au"):
    page: Page
    person: int | None
    family: str | None


class PickPerson(Button, prefix="pv:ap"):
    """The people to filter by; the action filter chosen is kept."""

    person: int | None
    family: str | None


class PickFamily(Button, prefix="pv:af"):
    """The kinds of action to filter by; the person filter chosen is kept."""

    person: int | None
    family: str | None


class ExportAudit(Button, prefix="pv:ax"):
    """What the page shows, as .xlsx."""

    person: int | None
    family: str | None
