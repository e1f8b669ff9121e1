"""Every kind of button of residents' requests: `rq:<action>[:fields]`.

The kinds the notices carry are defined by the services that build them and re-exported here,
so the handlers find the whole slice in one place. The data only says what was pressed: the
services check the presser's rights (and that the request is theirs to touch) on every press.
"""

from __future__ import annotations

from typing import Annotated

from bot.kernel.buttons import Button, Small, Span
from bot.services.residents.buttons import AskCloseReason as AskCloseReason
from bot.services.residents.buttons import BlockResident as BlockResident
from bot.services.residents.buttons import ChooseTaker as ChooseTaker
from bot.services.residents.buttons import FinishRequest as FinishRequest
from bot.services.residents.buttons import RateRequest as RateRequest
from bot.services.residents.buttons import TakeRequest as TakeRequest

# Five finished requests a page (rules.HISTORY_PAGE): a busy branch passes Small's 400 pages.
MAX_PAGE = 9999
Page = Annotated[int, Span(0, MAX_PAGE)]

# the resident


class ChooseCategory(Button, prefix="rq:c"):
    category: int


class SkipStep(Button, prefix="rq:sk"):
    """Skip the address, phone or photo of the request, or the comment after rating."""


class SubmitRequest(Button, prefix="rq:ok"):
    pass


class CancelRequest(Button, prefix="rq:x"):
    pass


class MyRequests(Button, prefix="rq:my"):
    pass


class AskAgain(Button, prefix="rq:new"):
    """A new request in the branch the resident asked before."""

    branch: int


class WithdrawRequest(Button, prefix="rq:wd"):
    request: int


# the members who take requests


class MyTaken(Button, prefix="rq:mt"):
    pass


# the secretary


class ResidentsMenu(Button, prefix="rq:menu"):
    pass


class ShowLink(Button, prefix="rq:ln"):
    pass


class RenewLink(Button, prefix="rq:lnn"):
    """A new link and QR; the old one stops working."""


class RevokeLink(Button, prefix="rq:lnx"):
    pass


class WaitingList(Button, prefix="rq:ls"):
    pass


class AssignTaker(Button, prefix="rq:am"):
    request: int
    member: int


class UnblockResident(Button, prefix="rq:ub"):
    request: int


class ResidentSettings(Button, prefix="rq:st"):
    pass


# The settings' values: the service accepts only its choices (any other is "not found").


class SetEscalateHours(Button, prefix="rq:eh"):
    hours: Small


class SetRetention(Button, prefix="rq:rd"):
    choice: Small  # an index into rules.RETENTION_CHOICES


class SetRemindHours(Button, prefix="rq:rh"):
    hours: Small


class HistoryPage(Button, prefix="rq:hs"):
    page: Page


class Counts(Button, prefix="rq:ct"):
    pass
