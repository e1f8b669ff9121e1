"""Rendering of /members: the roster list, a member's page, and its choice menus."""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardMarkup

from bot.domain.members import Role
from bot.services.members.directory import (
    HistoryLine,
    ListQuery,
    MemberDetail,
    MemberLine,
    MemberPage,
)
from bot.services.members.editing import EditField
from bot.texts import catalog, t
from handlers.keyboards import inline
from handlers.members.buttons import (
    Approve,
    AskField,
    AskReason,
    BackToList,
    BindLink,
    CategoryMenu,
    ChooseFilter,
    ConfirmUnbind,
    FilterBy,
    GroupMenu,
    ImportRoster,
    Leaving,
    ListPage,
    PresetReason,
    ReasonMenu,
    Reject,
    Restore,
    RoleMenu,
    Search,
    SetCategory,
    SetGroup,
    SetRole,
    UnbindMenu,
    UnboundLinks,
    ViewMember,
)
from handlers.members.views import (
    CATEGORY_ORDER,
    ROLE_ORDER,
    category_label,
    esc,
    fmt_date,
    fmt_time,
    party_age_text,
    role_label,
    status_label,
)

Rows = list[list[tuple[str, str]]]
STATUSES = ("active", "pending", "transferred", "archived")
REASONS: dict[Leaving, tuple[str, ...]] = {
    "transferred": ("transfer_other", "transfer_moved"),
    "archived": ("archive_deceased", "archive_left", "archive_mistake", "archive_duplicate"),
}
_SHOWN_FIELDS = frozenset(
    {
        "name",
        "phone",
        "category",
        "group_id",
        "joined_party_on",
        "full_member_on",
        "work_unit",
        "role",
        "status",
        "status_reason",
    }
)


def _filters_line(page: MemberPage, lang: str) -> str:
    q = page.query
    parts = [status_label(q.status, lang)]
    if q.group_id == 0:
        parts.append(t("members.no_group", lang))
    elif q.group_id is not None:
        parts.append(next((esc(g.name) for g in page.groups if g.id == q.group_id), "?"))
    if q.category:
        parts.append(category_label(q.category, lang))
    if q.search:
        parts.append(t("members.list.searching", lang, term=esc(q.search)))
    return " · ".join(parts)


def list_text(page: MemberPage, lang: str) -> str:
    text = t(
        "members.list.head",
        lang,
        branch=esc(page.branch_name),
        active=page.counts.get("active", 0),
        pending=page.counts.get("pending", 0),
        unbound=page.unbound,
        filters=_filters_line(page, lang),
        page=page.query.page + 1,
        pages=page.pages,
        total=page.total,
    )
    if not page.items:
        text += "\n\n" + t("members.list.empty", lang)
    return text


def _line_label(item: MemberLine, lang: str) -> str:
    parts = [item.name]
    if item.group_name:
        parts.append(item.group_name)
    parts.append(category_label(item.category, lang))
    if item.role != Role.MEMBER:
        parts.append(role_label(item.role, lang))
    mark = "" if item.bound else " 🔗"
    return " · ".join(parts) + mark


def list_keyboard(page: MemberPage, lang: str) -> InlineKeyboardMarkup:
    q = page.query
    rows: Rows = [[(_line_label(item, lang), ViewMember(item.id).data)] for item in page.items]
    nav: list[tuple[str, str]] = []
    if q.page > 0:
        nav.append((t("members.list.prev", lang), ListPage.of(q, q.page - 1).data))
    if q.page + 1 < page.pages:
        nav.append((t("members.list.next", lang), ListPage.of(q, q.page + 1).data))
    if nav:
        rows.append(nav)
    filters = [(t("members.list.by_category", lang), ChooseFilter.of("c", q).data)]
    if not page.own_group_only:
        filters.insert(0, (t("members.list.by_group", lang), ChooseFilter.of("g", q).data))
    rows.append(filters)
    rows.append(
        [
            (t("members.list.by_status", lang), ChooseFilter.of("s", q).data),
            (t("members.list.search", lang), Search().data),
        ]
    )
    # A group leader's own group is no filter she set (nor can clear): not a reason to offer it.
    chose_group = q.group_id is not None and not page.own_group_only
    if q.search or chose_group or q.category or q.status != "active":
        rows.append([(t("members.list.clear", lang), ListPage.of(ListQuery()).data)])
    tools: list[tuple[str, str]] = []
    if page.can.import_roster:
        tools.append((t("members.list.import", lang), ImportRoster().data))
        if page.unbound:
            tools.append((t("members.list.unbound", lang, n=page.unbound), UnboundLinks().data))
    if tools:
        rows.append(tools)
    return inline(rows)


def filter_keyboard(kind: FilterBy, page: MemberPage, lang: str) -> InlineKeyboardMarkup:
    """Choices for one filter; each keeps the others and goes back to page 1."""
    q = replace(page.query, page=0)
    rows: Rows = []
    if kind == "g":
        choices = [(t("members.list.all", lang), replace(q, group_id=None))]
        choices += [(g.name, replace(q, group_id=g.id)) for g in page.groups]
        choices.append((t("members.no_group", lang), replace(q, group_id=0)))
    elif kind == "c":
        choices = [(t("members.list.all", lang), replace(q, category=None))]
        choices += [
            (category_label(c.value, lang), replace(q, category=c.value)) for c in CATEGORY_ORDER
        ]
    else:
        choices = [(status_label(s, lang), replace(q, status=s)) for s in STATUSES]
    buttons = [(label, ListPage.of(choice).data) for label, choice in choices]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return inline(rows)


def _value(field: str, value: object, detail: MemberDetail, lang: str) -> str:
    if value is None or value == "":
        return t("members.none", lang)
    if field == "category":
        return category_label(str(value), lang)
    if field == "role":
        return role_label(str(value), lang)
    if field == "status":
        return status_label(str(value), lang)
    if field == "group_id":
        return next((esc(g.name) for g in detail.groups if g.id == value), "?")
    return esc(value)


def history_line(entry: HistoryLine, detail: MemberDetail, lang: str) -> str:
    who = esc(entry.actor_name) if entry.actor_name else t("members.history.system", lang)
    when = fmt_time(entry.at, detail.timezone, lang)
    key = f"members.action.{entry.action.removeprefix('member.')}"
    # Other features audit actions on a member too (dues.basis, hours.*): named generically
    # rather than logging a missing text on every look at the member's page.
    action = t(key, lang) if key in catalog() else t("members.action.other", lang)
    changes = []
    for field in entry.after:
        if field not in _SHOWN_FIELDS or field not in entry.before:
            continue
        label = t(f"members.field.{field}", lang)
        old = _value(field, entry.before.get(field), detail, lang)
        new = _value(field, entry.after[field], detail, lang)
        changes.append(f"{label} {old}→{new}")
    suffix = ("：" if lang == "zh" else ": ") + "；".join(changes) if changes else ""
    return f"• {when} {who} {action}{suffix}"


def detail_text(d: MemberDetail, lang: str) -> str:
    none = t("members.none", lang)
    text = t(
        "members.detail.body",
        lang,
        name=esc(d.name),
        branch=esc(d.branch_name),
        group=esc(d.group_name) if d.group_name else t("members.no_group", lang),
        category=category_label(d.category, lang),
        role=role_label(d.role, lang),
        status=status_label(d.status, lang),
        phone=esc(d.phone) if d.phone else none,
        joined=fmt_date(d.joined_on, lang),
        full=fmt_date(d.full_on, lang),
        age=party_age_text(d.party_age, lang),
        work_unit=esc(d.work_unit) if d.work_unit else none,
        bound=t("members.detail.bound" if d.bound else "members.detail.unbound", lang),
    )
    if d.status_reason:
        text += "\n" + t("members.detail.reason", lang, reason=esc(d.status_reason))
    if d.probation_due:
        text += "\n" + t("members.detail.probation_due", lang)
    if d.history:
        text += "\n\n" + t("members.detail.history", lang) + "\n"
        text += "\n".join(history_line(h, d, lang) for h in d.history)
    return text


def detail_keyboard(d: MemberDetail, lang: str) -> InlineKeyboardMarkup:
    rows: Rows = []
    i = d.id
    if d.status == "pending" and d.can.approve:
        rows.append(
            [
                (t("members.approve.yes", lang), Approve(i).data),
                (t("members.approve.no", lang), Reject(i).data),
            ]
        )
    if d.can.edit and d.status == "active":
        edits = [(t(f"members.edit.{f.value}", lang), AskField(i, f).data) for f in EditField]
        edits.append((t("members.edit.category", lang), CategoryMenu(i).data))
        rows += [edits[j : j + 2] for j in range(0, len(edits), 2)]
        group_row = [(t("members.edit.group", lang), GroupMenu(i).data)]
        if d.can.roles:
            group_row.append((t("members.edit.role", lang), RoleMenu(i).data))
        rows.append(group_row)
        if not d.bound and d.may_link:
            rows.append([(t("members.detail.bind_link", lang), BindLink(i).data)])
    if d.can.archive and d.status == "active":
        if d.bound:
            rows.append([(t("members.detail.unbind", lang), UnbindMenu(i).data)])
        rows.append(
            [
                (t("members.detail.transfer", lang), ReasonMenu(i, "transferred").data),
                (t("members.detail.archive", lang), ReasonMenu(i, "archived").data),
            ]
        )
    if d.can.archive and d.status in ("transferred", "archived"):
        rows.append([(t("members.detail.restore", lang), Restore(i).data)])
    rows.append([(t("members.detail.back", lang), BackToList().data)])
    return inline(rows)


def category_menu(d: MemberDetail, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        (
            ("✓ " if c.value == d.category else "") + category_label(c.value, lang),
            SetCategory(d.id, c).data,
        )
        for c in CATEGORY_ORDER
    ]
    rows: Rows = [buttons[j : j + 2] for j in range(0, len(buttons), 2)]
    rows.append([(t("members.detail.cancel", lang), ViewMember(d.id).data)])
    return inline(rows)


def group_menu(d: MemberDetail, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        (("✓ " if g.id == d.group_id else "") + g.name, SetGroup(d.id, g.id).data) for g in d.groups
    ]
    buttons.append((t("members.no_group", lang), SetGroup(d.id, 0).data))
    rows: Rows = [buttons[j : j + 2] for j in range(0, len(buttons), 2)]
    rows.append([(t("members.detail.cancel", lang), ViewMember(d.id).data)])
    return inline(rows)


def role_menu(d: MemberDetail, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        (
            ("✓ " if r.value == d.role else "") + role_label(r.value, lang),
            SetRole(d.id, r).data,
        )
        for r in ROLE_ORDER
    ]
    rows: Rows = [buttons[j : j + 2] for j in range(0, len(buttons), 2)]
    rows.append([(t("members.detail.cancel", lang), ViewMember(d.id).data)])
    return inline(rows)


def reason_menu(d: MemberDetail, status: Leaving, lang: str) -> InlineKeyboardMarkup:
    rows: Rows = [
        [(t(f"members.reason.{key}", lang), PresetReason(d.id, status, n).data)]
        for n, key in enumerate(REASONS[status])
    ]
    rows.append([(t("members.reason.other", lang), AskReason(d.id, status).data)])
    rows.append([(t("members.detail.cancel", lang), ViewMember(d.id).data)])
    return inline(rows)


def unbind_menu(d: MemberDetail, lang: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [(t("members.detail.unbind_yes", lang), ConfirmUnbind(d.id).data)],
            [(t("members.detail.cancel", lang), ViewMember(d.id).data)],
        ]
    )
