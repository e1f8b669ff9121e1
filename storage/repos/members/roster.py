"""Roster records: one member, a filtered page of them, counts, officers, binding a Telegram
account, a record's history, and the join applications waiting for approval. Never commits."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import AuditEntry, Branch, Member, PartyGroup, TgUser
from storage.repos import core as core_repo


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
    rows = await session.execute(
        core_repo.audit_named()
        .where(AuditEntry.target == "member", AuditEntry.target_id == member_id)
        .limit(limit)
    )
    return [(entry, name) for entry, name in rows]


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
