"""The members feature's buttons: one kind per thing a button does (bot/kernel/buttons.py).

The data only says what was pressed; every handler asks the services again whether this person
may do it to that member, invite or branch.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from bot.domain.members import Category, Role
from bot.kernel.buttons import Button, Small, Span
from bot.services.members.directory import ListQuery
from bot.services.members.editing import EditField

# A roster page: 10 people a page, so far more pages than any branch has; the service clamps it.
Page = Annotated[int, Span(0, 9999)]
ListStatus = Literal["active", "pending", "transferred", "archived"]
# The statuses a member leaves "active" for, each asking a reason first.
Leaving = Literal["transferred", "archived"]
Template = Literal["x", "c"]  # xlsx, csv
FilterBy = Literal["g", "c", "s"]  # group, category, status


# --- the roster list: a page and its filters (a search term stays on the server) -------------


class ListPage(Button, prefix="mem:ls"):
    """A page of the roster with its filters; group 0 is "no group", `searching` the saved term."""

    page: Page
    group: int | None
    category: Category | None
    status: ListStatus
    searching: bool

    @classmethod
    def of(cls, q: ListQuery, page: int | None = None) -> ListPage:
        status = _STATUS_OF.get(q.status, "active")
        category = Category(q.category) if q.category in set(Category) else None
        return cls(q.page if page is None else page, q.group_id, category, status, bool(q.search))

    def query(self, search: str | None) -> ListQuery:
        return ListQuery(
            page=self.page,
            group_id=self.group,
            category=self.category.value if self.category else None,
            status=self.status,
            search=search if self.searching else None,
        )


_STATUS_OF: dict[str, ListStatus] = {s: s for s in get_args(ListStatus)}


class ChooseFilter(Button, prefix="mem:f"):
    """The choices of one filter of the list drawn with these filters."""

    by: FilterBy
    group: int | None
    category: Category | None
    status: ListStatus
    searching: bool

    @classmethod
    def of(cls, by: FilterBy, q: ListQuery) -> ChooseFilter:
        shown = ListPage.of(q)
        return cls(by, shown.group, shown.category, shown.status, shown.searching)

    def query(self, search: str | None) -> ListQuery:
        return ListPage(0, self.group, self.category, self.status, self.searching).query(search)


class BackToList(Button, prefix="mem:lb"):
    """「返回列表」: the list this person drew last."""


class Search(Button, prefix="mem:sq"):
    """The next text typed is a search term."""


# --- one member's page and the menus drawn on it ----------------------------------------------


class ViewMember(Button, prefix="mem:mv"):
    member: int


class CategoryMenu(Button, prefix="mem:ca"):
    member: int


class GroupMenu(Button, prefix="mem:gm"):
    member: int


class RoleMenu(Button, prefix="mem:rm"):
    member: int


class UnbindMenu(Button, prefix="mem:ub"):
    member: int


class ReasonMenu(Button, prefix="mem:st"):
    """「转出」「归档」: the reasons to choose from."""

    member: int
    status: Leaving


class Restore(Button, prefix="mem:rst"):
    """「恢复」: a transferred or archived member is active again."""

    member: int


MemberMenu = CategoryMenu | GroupMenu | RoleMenu | UnbindMenu | ReasonMenu


class SetCategory(Button, prefix="mem:cs"):
    member: int
    category: Category


class SetGroup(Button, prefix="mem:gs"):
    """Group 0: no group."""

    member: int
    group: int


class SetRole(Button, prefix="mem:rs"):
    member: int
    role: Role


class PresetReason(Button, prefix="mem:sr"):
    """A reason from the menu (its index in handlers.members.admin_views.REASONS[status])."""

    member: int
    status: Leaving
    reason: Small


class ClearField(Button, prefix="mem:ec"):
    """An optional field emptied instead of typed."""

    member: int
    field: EditField


class AskField(Button, prefix="mem:ef"):
    """The next text typed is this field's new value."""

    member: int
    field: EditField


class AskReason(Button, prefix="mem:sx"):
    """The next text typed is the reason for leaving, in one's own words."""

    member: int
    status: Leaving


class ConfirmUnbind(Button, prefix="mem:uy"):
    member: int


class BindLink(Button, prefix="mem:bl"):
    """A member's binding link with its QR code."""

    member: int


# --- applications ------------------------------------------------------------------------------


class Approve(Button, prefix="mem:ap"):
    member: int


class Reject(Button, prefix="mem:rj"):
    member: int


# --- roster import and binding links ------------------------------------------------------------


class ImportRoster(Button, prefix="mem:im"):
    """「导入名单」: how to import; the next file sent is the roster."""


class GetTemplate(Button, prefix="mem:tp"):
    format: Template


class ConfirmImport(Button, prefix="mem:ic"):
    """The previewed rows, kept on the server under this key, are imported."""

    key: str


class CancelImport(Button, prefix="mem:ix"):
    key: str


class UnboundLinks(Button, prefix="mem:ul"):
    """The binding links of everyone not yet bound, as a spreadsheet."""


# --- invites and branches (switching branch: handlers/core_buttons.SwitchBranch) ------------------


class FreshInvite(Button, prefix="mem:in"):
    pass


class InviteLimit(Button, prefix="mem:il"):
    """How many may use the invite; 0: no limit."""

    invite: int
    limit: Small


class RevokeInvite(Button, prefix="mem:ir"):
    invite: int


class RenewSecretaryLink(Button, prefix="mem:sl"):
    branch: int
