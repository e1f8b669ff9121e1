"""Members feature queries: branches, groups, roster records, links, imports; never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models.core import AuditEntry, Branch, Member, PartyGroup, TgUser
from storage.models.members import Invite, MemberListView, RosterImport

# --- branches and groups ------------------------------------------------------------------


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    found = await session.get(Branch, branch_id)
    return found if found is not None and found.archived_at is None else None


async def branch_by_name(session: AsyncSession, name: str) -> Branch | None:
    rows = await session.scalars(
        select(Branch).where(Branch.name == name, Branch.archived_at.is_(None)).limit(1)
    )
    return rows.first()


async def branch_by_chat(session: AsyncSession, chat_id: int) -> Branch | None:
    rows = await session.scalars(select(Branch).where(Branch.group_chat_id == chat_id).limit(1))
    return rows.first()


async def add_branch(
    session: AsyncSession, name: str, parent_id: int | None, timezone: str, now: datetime
) -> Branch:
    row = Branch(
        name=name,
        parent_id=parent_id,
        timezone=timezone,
        settings={},
        created_at=now,
        updated_at=now,
    )
    session.add(row)
    await session.flush()
    return row


async def add_groups(
    session: AsyncSession, branch_id: int, names: Sequence[str], now: datetime
) -> list[PartyGroup]:
    rows = [
        PartyGroup(branch_id=branch_id, name=n, position=i, created_at=now, updated_at=now)
        for i, n in enumerate(names)
    ]
    session.add_all(rows)
    await session.flush()
    return rows


async def groups(session: AsyncSession, branch_id: int) -> list[PartyGroup]:
    rows = await session.scalars(
        select(PartyGroup)
        .where(PartyGroup.branch_id == branch_id)
        .order_by(PartyGroup.position, PartyGroup.id)
    )
    return list(rows)


async def group_in_branch(
    session: AsyncSession, branch_id: int, group_id: int
) -> PartyGroup | None:
    found = await session.get(PartyGroup, group_id)
    return found if found is not None and found.branch_id == branch_id else None


async def set_group_chat(session: AsyncSession, branch_id: int, chat_id: int | None) -> None:
    await session.execute(
        update(Branch).where(Branch.id == branch_id).values(group_chat_id=chat_id)
    )


async def move_group_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> int:
    """Follow a group that became a supergroup; returns how many branches were updated."""
    result = await session.execute(
        update(Branch).where(Branch.group_chat_id == old_chat_id).values(group_chat_id=new_chat_id)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


# --- roster records -----------------------------------------------------------------------


async def member(session: AsyncSession, member_id: int, *, lock: bool = False) -> Member | None:
    """A record; lock=True holds its row until commit (PostgreSQL; SQLite locks at BEGIN)."""
    return await session.get(Member, member_id, populate_existing=True, with_for_update=lock)


async def member_of(
    session: AsyncSession, branch_id: int, tg_id: int, *, lock: bool = False
) -> Member | None:
    """The account's record in a branch, whatever its status."""
    stmt = select(Member).where(Member.branch_id == branch_id, Member.tg_user_id == tg_id)
    if lock:
        stmt = stmt.with_for_update()
    rows = await session.scalars(stmt.limit(1).execution_options(populate_existing=True))
    return rows.first()


async def add_member(session: AsyncSession, row: Member) -> Member:
    session.add(row)
    await session.flush()
    return row


@dataclass(frozen=True)
class MemberFilter:
    """What a roster list shows; group_id 0 means members without a group."""

    statuses: tuple[str, ...] = ("active",)
    group_id: int | None = None
    category: str | None = None
    search: str | None = None


def _filtered(branch_id: int, f: MemberFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Member.branch_id == branch_id,
        Member.status.in_(f.statuses),
    ]
    if f.group_id == 0:
        conditions.append(Member.group_id.is_(None))
    elif f.group_id is not None:
        conditions.append(Member.group_id == f.group_id)
    if f.category is not None:
        conditions.append(Member.category == f.category)
    if f.search:
        term = f.search.lower()
        by_name = func.lower(Member.name).contains(term, autoescape=True)
        conditions.append(
            or_(by_name, Member.phone.contains(term, autoescape=True))
            if term.isdigit()
            else by_name
        )
    return conditions


async def count_members(session: AsyncSession, branch_id: int, f: MemberFilter) -> int:
    total = await session.scalar(
        select(func.count()).select_from(Member).where(*_filtered(branch_id, f))
    )
    return int(total or 0)


async def page_members(
    session: AsyncSession, branch_id: int, f: MemberFilter, offset: int, limit: int
) -> list[tuple[Member, str | None]]:
    """One page of a branch's roster ordered by group, then name."""
    rows = await session.execute(
        select(Member, PartyGroup.name)
        .outerjoin(PartyGroup, PartyGroup.id == Member.group_id)
        .where(*_filtered(branch_id, f))
        .order_by(PartyGroup.id.is_(None), PartyGroup.position, Member.name, Member.id)
        .offset(offset)
        .limit(limit)
    )
    return [(m, g) for m, g in rows]


async def count_by_status(
    session: AsyncSession, branch_id: int, group_id: int | None = None
) -> dict[str, int]:
    """Members by status, over the branch or (group_id) one party group."""
    query = select(Member.status, func.count()).where(Member.branch_id == branch_id)
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    rows = await session.execute(query.group_by(Member.status))
    return {status: int(n) for status, n in rows}


async def count_unbound(session: AsyncSession, branch_id: int, group_id: int | None = None) -> int:
    query = (
        select(func.count())
        .select_from(Member)
        .where(
            Member.branch_id == branch_id,
            Member.status == "active",
            Member.tg_user_id.is_(None),
        )
    )
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    return int(await session.scalar(query) or 0)


async def unbound_members(session: AsyncSession, branch_id: int) -> list[tuple[Member, str | None]]:
    rows = await session.execute(
        select(Member, PartyGroup.name)
        .outerjoin(PartyGroup, PartyGroup.id == Member.group_id)
        .where(
            Member.branch_id == branch_id,
            Member.status == "active",
            Member.tg_user_id.is_(None),
        )
        .order_by(PartyGroup.id.is_(None), PartyGroup.position, Member.name, Member.id)
    )
    return [(m, g) for m, g in rows]


async def roster_identities(
    session: AsyncSession, branch_id: int, *, exclude: Collection[str] = ("rejected",)
) -> list[tuple[int, str, str | None]]:
    """(id, name, phone) of a branch's records, for duplicate checks."""
    rows = await session.execute(
        select(Member.id, Member.name, Member.phone).where(
            Member.branch_id == branch_id, Member.status.not_in(tuple(exclude))
        )
    )
    return [(i, n, p) for i, n, p in rows]


async def lock_branch(session: AsyncSession, branch_id: int) -> None:
    """Serialise branch-wide checks (the last secretary) until commit; SQLite locks at BEGIN."""
    # NO KEY UPDATE: exclusive between checkers, yet does not block members' foreign keys.
    await session.execute(
        select(Branch.id).where(Branch.id == branch_id).with_for_update(key_share=True)
    )


async def count_secretaries(session: AsyncSession, branch_id: int) -> int:
    n = await session.scalar(
        select(func.count())
        .select_from(Member)
        .where(
            Member.branch_id == branch_id,
            Member.status == "active",
            Member.role == "secretary",
        )
    )
    return int(n or 0)


async def secretary_ids(session: AsyncSession, branch_id: int) -> list[int]:
    """Member ids of the branch's active secretaries, bound or not."""
    rows = await session.scalars(
        select(Member.id)
        .where(
            Member.branch_id == branch_id,
            Member.status == "active",
            Member.role == "secretary",
        )
        .order_by(Member.id)
    )
    return list(rows)


async def officers(
    session: AsyncSession, branch_id: int, roles: Collection[str]
) -> list[tuple[int, str | None]]:
    """(tg id, language) of bound active members holding one of roles."""
    rows = await session.execute(
        select(Member.tg_user_id, TgUser.language)
        .join(TgUser, TgUser.id == Member.tg_user_id)
        .where(
            Member.branch_id == branch_id,
            Member.status == "active",
            Member.role.in_(tuple(roles)),
            TgUser.blocked_at.is_(None),
        )
        .order_by(Member.id)
    )
    return [(int(tg), lang) for tg, lang in rows if tg is not None]


async def bind_member(session: AsyncSession, member_id: int, tg_id: int) -> bool:
    """Attach an account to a record that has none; False if someone was first."""
    result = await session.execute(
        update(Member)
        .where(Member.id == member_id, Member.tg_user_id.is_(None))
        .values(tg_user_id=tg_id)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def language(session: AsyncSession, tg_id: int) -> str | None:
    user = await session.get(TgUser, tg_id)
    return user.language if user is not None else None


async def current_branch_id(session: AsyncSession, tg_id: int) -> int | None:
    user = await session.get(TgUser, tg_id)
    return user.current_branch_id if user is not None else None


async def history(
    session: AsyncSession, member_id: int, limit: int
) -> list[tuple[AuditEntry, str | None]]:
    """The newest audit entries about a record, with the acting person's name in that branch."""
    actor = aliased(Member)
    rows = await session.execute(
        select(AuditEntry, func.coalesce(actor.name, TgUser.first_name))
        .outerjoin(
            actor,
            (actor.tg_user_id == AuditEntry.actor_tg_id)
            & (actor.branch_id == AuditEntry.branch_id),
        )
        .outerjoin(TgUser, TgUser.id == AuditEntry.actor_tg_id)
        .where(AuditEntry.target == "member", AuditEntry.target_id == member_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(limit)
    )
    return [(entry, name) for entry, name in rows]


# --- links --------------------------------------------------------------------------------


async def add_invite(session: AsyncSession, row: Invite) -> Invite:
    session.add(row)
    await session.flush()
    return row


async def invite(session: AsyncSession, invite_id: int) -> Invite | None:
    return await session.get(Invite, invite_id, populate_existing=True)


async def invite_by_token(session: AsyncSession, token: str) -> Invite | None:
    rows = await session.scalars(select(Invite).where(Invite.token == token).limit(1))
    return rows.first()


async def consume_invite(session: AsyncSession, invite_id: int, now: datetime) -> bool:
    """Count one use if the link is still usable; the check and the count are one statement."""
    result = await session.execute(
        update(Invite)
        .where(
            Invite.id == invite_id,
            Invite.revoked_at.is_(None),
            or_(Invite.expires_at.is_(None), Invite.expires_at > now),
            or_(Invite.max_uses.is_(None), Invite.used < Invite.max_uses),
        )
        .values(used=Invite.used + 1)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def usable_invites(
    session: AsyncSession, branch_id: int, kind: str, now: datetime, *, label: str | None = None
) -> list[Invite]:
    """Unrevoked, unexpired, not used-up links of a kind, newest first."""
    conditions = [
        Invite.branch_id == branch_id,
        Invite.kind == kind,
        Invite.revoked_at.is_(None),
        or_(Invite.expires_at.is_(None), Invite.expires_at > now),
        or_(Invite.max_uses.is_(None), Invite.used < Invite.max_uses),
    ]
    conditions.append(Invite.label.is_(None) if label is None else Invite.label == label)
    rows = await session.scalars(
        select(Invite).where(*conditions).order_by(Invite.id.desc()).limit(20)
    )
    return list(rows)


async def member_links(session: AsyncSession, member_ids: Collection[int]) -> list[Invite]:
    """Binding links of these records, newest first."""
    if not member_ids:
        return []
    rows = await session.scalars(
        select(Invite)
        .where(Invite.member_id.in_(tuple(member_ids)), Invite.kind == "b")
        .order_by(Invite.id.desc())
    )
    return list(rows)


async def revoke_member_links(session: AsyncSession, member_id: int, now: datetime) -> None:
    await session.execute(
        update(Invite)
        .where(Invite.member_id == member_id, Invite.revoked_at.is_(None))
        .values(revoked_at=now)
    )


# --- roster imports -----------------------------------------------------------------------


async def add_import(session: AsyncSession, row: RosterImport) -> RosterImport:
    session.add(row)
    await session.flush()
    return row


async def import_by_key(session: AsyncSession, key: str) -> RosterImport | None:
    rows = await session.scalars(select(RosterImport).where(RosterImport.key == key).limit(1))
    return rows.first()


async def close_import(
    session: AsyncSession, import_id: int, now: datetime, *, confirmed: bool
) -> bool:
    """Mark an import confirmed or cancelled once; False if it was already closed."""
    values = {"confirmed_at": now} if confirmed else {"cancelled_at": now}
    result = await session.execute(
        update(RosterImport)
        .where(
            RosterImport.id == import_id,
            RosterImport.confirmed_at.is_(None),
            RosterImport.cancelled_at.is_(None),
        )
        .values(**values)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def drop_open_imports(session: AsyncSession, branch_id: int) -> int:
    """Forget the branch's previews still awaiting confirmation (a newer upload replaces them)."""
    result = await session.execute(
        delete(RosterImport).where(
            RosterImport.branch_id == branch_id,
            RosterImport.confirmed_at.is_(None),
            RosterImport.cancelled_at.is_(None),
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def purge_imports(session: AsyncSession, now: datetime) -> None:
    """Forget expired previews; their rows hold personal data nobody will confirm."""
    await session.execute(delete(RosterImport).where(RosterImport.expires_at < now))


# --- the roster list an officer drew last -------------------------------------------------


async def list_view(session: AsyncSession, user_id: int) -> MemberListView | None:
    return await session.get(MemberListView, user_id, populate_existing=True)


async def save_list_view(
    session: AsyncSession, user_id: int, query: dict[str, Any], now: datetime
) -> None:
    values = {"query": query, "updated_at": now}
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(MemberListView)
        .values(user_id=user_id, **values)
        .on_conflict_do_update(index_elements=["user_id"], set_=values)
    )


# --- join applications waiting for approval (read-only) ----------------------------------


async def pending_applications(
    session: AsyncSession, branch_id: int, *, limit: int
) -> tuple[list[tuple[Member, str | None]], int]:
    """The oldest pending join applications of a branch with their group names, and the total."""
    where = (Member.branch_id == branch_id, Member.status == "pending")
    total = await session.scalar(select(func.count()).select_from(Member).where(*where))
    rows = await session.execute(
        select(Member, PartyGroup.name)
        .outerjoin(PartyGroup, PartyGroup.id == Member.group_id)
        .where(*where)
        .order_by(Member.id)
        .limit(limit)
    )
    return [(m, g) for m, g in rows], int(total or 0)
