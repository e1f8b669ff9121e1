"""The roster as officers see it: a paged, filtered list and one member's page with history."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import (
    Category,
    Permission,
    Scope,
    can,
    member_party_age,
    parse_role,
    probation_due,
    scope,
)
from bot.services.identity import Actor, role_of
from bot.services.members.access import Refusal, Refused, officer
from bot.services.members.binding import issuer_of
from bot.services.members.common import (
    GroupInfo,
    group_infos,
    group_name,
    load_target,
    local_today,
)
from storage.repos import members as repo
from storage.repos.members import MemberFilter

PAGE_SIZE = 10
HISTORY_SIZE = 5
SEARCH_MAX = 30
LIST_STATUSES = ("active", "pending", "transferred", "archived")
# A list drawn longer ago than this is not what 「返回列表」 means any more (and its search
# term, often a name, is not kept around for nothing).
LIST_MEMORY = timedelta(days=1)


@dataclass(frozen=True)
class ListQuery:
    """What the list shows; group_id 0 means "no group"; the callback data carries this."""

    page: int = 0
    group_id: int | None = None
    category: str | None = None
    status: str = "active"
    search: str | None = None


@dataclass(frozen=True)
class MemberLine:
    id: int
    name: str
    group_name: str | None
    category: str
    role: str
    status: str
    bound: bool


@dataclass(frozen=True)
class Abilities:
    """What the viewing officer may do, so only usable buttons are shown."""

    edit: bool = False
    archive: bool = False
    roles: bool = False
    approve: bool = False
    invite: bool = False
    import_roster: bool = False


@dataclass(frozen=True)
class MemberPage:
    branch_name: str
    query: ListQuery
    items: list[MemberLine]
    total: int
    pages: int
    groups: tuple[GroupInfo, ...]
    counts: dict[str, int]
    unbound: int
    own_group_only: bool
    can: Abilities


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    actor_name: str | None
    action: str
    before: dict[str, Any]
    after: dict[str, Any]


@dataclass(frozen=True)
class MemberDetail:
    id: int
    branch_name: str
    timezone: str
    name: str
    phone: str | None
    category: str
    role: str
    status: str
    status_reason: str | None
    group_id: int | None
    group_name: str | None
    joined_on: date | None
    full_on: date | None
    work_unit: str | None
    bound: bool
    party_age: int | None
    probation_due: bool
    groups: tuple[GroupInfo, ...]
    can: Abilities
    history: list[HistoryLine] = field(default_factory=list)
    may_link: bool = False  # the viewer may be given this record's binding link


def _abilities(role_value: str) -> Abilities:
    role = parse_role(role_value)
    if role is None:
        return Abilities()
    return Abilities(
        edit=can(role, Permission.EDIT_MEMBER),
        archive=can(role, Permission.ARCHIVE_MEMBER),
        roles=can(role, Permission.MANAGE_ROLES),
        approve=can(role, Permission.APPROVE_MEMBER),
        invite=can(role, Permission.INVITE),
        import_roster=can(role, Permission.IMPORT_ROSTER),
    )


def clean_search(text: str | None) -> str | None:
    """A search term: trimmed, bounded; blank means no search."""
    if text is None:
        return None
    term = " ".join(text.split())[:SEARCH_MAX]
    return term or None


async def remember_list(
    session: AsyncSession, actor: Actor, query: ListQuery, now: datetime
) -> None:
    """Keep the list just drawn (search term included) for its paging and 「返回列表」."""
    await repo.save_list_view(session, actor.tg_id, asdict(query), now)


async def last_list(session: AsyncSession, actor: Actor, now: datetime) -> ListQuery | None:
    """The list this person drew last, if lately (list_members checks it again when drawn)."""
    row = await repo.list_view(session, actor.tg_id)
    if row is None or now - row.updated_at > LIST_MEMORY:
        return None
    q = row.query
    try:
        group_id, category, search = q.get("group_id"), q.get("category"), q.get("search")
        return ListQuery(
            page=int(q.get("page") or 0),
            group_id=None if group_id is None else int(group_id),
            category=None if category is None else str(category),
            status=str(q.get("status") or "active"),
            search=None if search is None else str(search),
        )
    except (TypeError, ValueError):
        return None


async def list_members(
    session: AsyncSession, actor: Actor, query: ListQuery
) -> MemberPage | Refused:
    """A page of the current branch's roster; a group leader sees only his own group."""
    me = officer(actor, Permission.VIEW_ROSTER)
    if isinstance(me, Refused):
        return me
    own_group = scope(role_of(me), Permission.VIEW_ROSTER) is Scope.OWN_GROUP
    if own_group:
        if me.group_id is None:
            return Refused(Refusal.NOT_ALLOWED)
        query = replace(query, group_id=me.group_id)
    status = query.status if query.status in LIST_STATUSES else "active"
    category = query.category if query.category in set(Category) else None
    query = replace(query, status=status, category=category, search=clean_search(query.search))
    groups = await group_infos(session, me.branch_id)
    if query.group_id not in {None, 0, *(g.id for g in groups)}:
        query = replace(query, group_id=None)
    flt = MemberFilter(
        statuses=(status,), group_id=query.group_id, category=category, search=query.search
    )
    total = await repo.count_members(session, me.branch_id, flt)
    pages = max(1, -(-total // PAGE_SIZE))
    query = replace(query, page=min(max(query.page, 0), pages - 1))
    rows = await repo.page_members(session, me.branch_id, flt, query.page * PAGE_SIZE, PAGE_SIZE)
    items = [
        MemberLine(m.id, m.name, g, m.category, m.role, m.status, m.tg_user_id is not None)
        for m, g in rows
    ]
    return MemberPage(
        branch_name=me.branch_name,
        query=query,
        items=items,
        total=total,
        pages=pages,
        groups=groups,
        # A group leader's header counts her group, the list she sees, not the branch.
        counts=await repo.count_by_status(
            session, me.branch_id, me.group_id if own_group else None
        ),
        unbound=await repo.count_unbound(session, me.branch_id, me.group_id if own_group else None),
        own_group_only=own_group,
        can=_abilities(me.role),
    )


async def member_detail(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime
) -> MemberDetail | Refused:
    """One record as the officer may see it, with its last few audit entries."""
    found = await load_target(session, actor, member_id, Permission.VIEW_ROSTER, lock=False)
    if isinstance(found, Refused):
        return found
    record, me = found
    branch = await repo.branch(session, record.branch_id)
    assert branch is not None
    today = local_today(branch.timezone, now)
    category = Category(record.category) if record.category in set(Category) else None
    age = None
    if category is not None:
        age = member_party_age(category, record.joined_party_on, record.full_member_on, today)
    due = category is Category.PROBATIONARY and probation_due(record.joined_party_on, today)
    history = [
        HistoryLine(e.created_at, name, e.action, e.before or {}, e.after or {})
        for e, name in await repo.history(session, record.id, HISTORY_SIZE)
    ]
    return MemberDetail(
        id=record.id,
        branch_name=branch.name,
        timezone=branch.timezone,
        name=record.name,
        phone=record.phone,
        category=record.category,
        role=record.role,
        status=record.status,
        status_reason=record.status_reason,
        group_id=record.group_id,
        group_name=await group_name(session, branch.id, record.group_id),
        joined_on=record.joined_party_on,
        full_on=record.full_member_on,
        work_unit=record.work_unit,
        bound=record.tg_user_id is not None,
        party_age=age,
        probation_due=due,
        groups=await group_infos(session, branch.id),
        can=_abilities(me.role),
        history=history,
        may_link=issuer_of(actor, me).may_link(record),
    )


async def target_name(
    session: AsyncSession, actor: Actor, member_id: int, permission: Permission
) -> str | Refused:
    """The record's name if the actor may use permission on it (checked before asking input)."""
    found = await load_target(session, actor, member_id, permission, lock=False)
    return found if isinstance(found, Refused) else found[0].name
