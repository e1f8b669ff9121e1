"""Every kind of button of the posts feature (一岗): `po:<action>[:fields]`.

The kinds the notices carry are defined by the services that build them and re-exported here,
so the handlers find the whole slice in one place. The data only says what was pressed: the
services check the presser's rights again on every press.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from bot.kernel.buttons import Button, Halves, Small, Span
from bot.services.posts.buttons import AdminPosts as AdminPosts
from bot.services.posts.buttons import ConfirmDuty as ConfirmDuty
from bot.services.posts.buttons import DutyPhotos as DutyPhotos
from bot.services.posts.buttons import PostsMenu as PostsMenu
from bot.services.posts.buttons import RejectDuty as RejectDuty

REASONS = 3  # quick reasons to reject a duty record: posts.reason.0 .. 2
Reason = Annotated[int, Span(0, REASONS - 1)]
Year = Annotated[int, Span(2000, 2099, 4)]  # a post's term

# the member: browse, claim, let go


class OpenCategory(Button, prefix="po:c"):
    category: int


class OpenPost(Button, prefix="po:p"):
    post: int


class ClaimPost(Button, prefix="po:cl"):
    post: int


class AskRelease(Button, prefix="po:rl"):
    post: int


class ReleasePost(Button, prefix="po:ry"):
    post: int


class MyDuties(Button, prefix="po:my"):
    pass


# duty records


class StartDuty(Button, prefix="po:d"):
    post: int


class PickDutyDay(Button, prefix="po:dp"):
    post: int


class DutyDay(Button, prefix="po:dd"):
    post: int
    day: date


class DutyHours(Button, prefix="po:dh"):
    post: int
    halves: Halves | None  # None: the member gives no hours


class SubmitDuty(Button, prefix="po:ds"):
    post: int


class AskWithdrawDuty(Button, prefix="po:dw"):
    record: int


class WithdrawDuty(Button, prefix="po:dy"):
    record: int


class RejectWithReason(Button, prefix="po:nr"):
    approval: int
    reason: Reason


# reporting to the community


class SkipPhone(Button, prefix="po:rps"):
    pass


# the secretary: home, categories


class PostsAdmin(Button, prefix="po:a"):
    pass


class AdminCategories(Button, prefix="po:ac"):
    pass


class EditCategory(Button, prefix="po:ce"):
    category: int


class NewCategory(Button, prefix="po:ca"):
    pass


class RenameCategory(Button, prefix="po:cr"):
    category: int


class ToggleCategory(Button, prefix="po:cx"):
    """Archive the category, or restore it."""

    category: int


# the secretary: posts


class NewPost(Button, prefix="po:an"):
    pass


class NewPostCategory(Button, prefix="po:nc"):
    category: int


class SkipField(Button, prefix="po:sk"):
    """No description (or no duties) for the new post."""


class NewPostCapacity(Button, prefix="po:np"):
    capacity: Small


class AdminPost(Button, prefix="po:pe"):
    post: int


class AskPostField(Button, prefix="po:ef"):
    post: int
    field: Literal["name", "description", "duties"]


class SetCapacity(Button, prefix="po:ec"):
    post: int
    capacity: Small


class PickPostCategory(Button, prefix="po:eg"):
    post: int


class SetCategory(Button, prefix="po:eq"):
    post: int
    category: int


class SetTerm(Button, prefix="po:et"):
    post: int
    year: Year


class AskClosePost(Button, prefix="po:ak"):
    post: int


class ClosePost(Button, prefix="po:ky"):
    post: int


# the secretary: tools and settings


class ReportQr(Button, prefix="po:qr"):
    pass


class Reports(Button, prefix="po:rp"):
    pass


class PostSettings(Button, prefix="po:st"):
    pass


class SetLimit(Button, prefix="po:sl"):
    limit: Small


class SetNudge(Button, prefix="po:sn"):
    on: bool


class SetNudgeDay(Button, prefix="po:sd"):
    day: Small


# the secretary: holders


class AssignList(Button, prefix="po:as"):
    post: int
    page: Small


class AssignHolder(Button, prefix="po:am"):
    post: int
    member: int


class AskRemoveHolder(Button, prefix="po:hr"):
    claim: int


class RemoveHolder(Button, prefix="po:hy"):
    claim: int


class MoveList(Button, prefix="po:mv"):
    claim: int
    page: Small


class MoveHolder(Button, prefix="po:mm"):
    claim: int
    member: int
