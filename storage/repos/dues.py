"""Queries for dues (党费): bases, lines, payments, reports, remittances; never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Branch, Member, PartyGroup
from storage.models.dues import (
    DuesAccount,
    DuesBasis,
    DuesLine,
    DuesPayment,
    DuesRemittance,
    DuesReport,
)

__all__ = [
    "DuesAccount",
    "DuesBasis",
    "DuesLine",
    "DuesPayment",
    "DuesRemittance",
    "DuesReport",
]

PAYING_CATEGORIES = ("direct", "employed", "mobile", "retired", "probationary")


def _insert(session: AsyncSession):  # type: ignore[no-untyped-def]
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


async def active_branches(session: AsyncSession) -> list[Branch]:
    rows = await session.scalars(
        select(Branch).where(Branch.archived_at.is_(None)).order_by(Branch.id)
    )
    return list(rows)


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    return await session.get(Branch, branch_id)


async def member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def paying_members(
    session: AsyncSession, branch_id: int, *, group_id: int | None = None
) -> list[Member]:
    """Active members who pay dues (activists do not), by name."""
    query = select(Member).where(
        Member.branch_id == branch_id,
        Member.status == "active",
        Member.category.in_(PAYING_CATEGORIES),
    )
    if group_id is not None:
        query = query.where(Member.group_id == group_id)
    return list(await session.scalars(query.order_by(Member.name, Member.id)))


async def groups(session: AsyncSession, branch_id: int) -> list[PartyGroup]:
    rows = await session.scalars(
        select(PartyGroup).where(PartyGroup.branch_id == branch_id).order_by(PartyGroup.position)
    )
    return list(rows)


async def officer_ids(session: AsyncSession, branch_id: int, roles: Collection[str]) -> list[int]:
    rows = await session.scalars(
        select(Member.id).where(
            Member.branch_id == branch_id, Member.status == "active", Member.role.in_(roles)
        )
    )
    return list(rows)


# --- bases ------------------------------------------------------------------


async def confirmed_bases(session: AsyncSession, member_ids: Collection[int]) -> list[DuesBasis]:
    """Every confirmed basis of these members, oldest effective month (then newest id) first."""
    if not member_ids:
        return []
    rows = await session.scalars(
        select(DuesBasis)
        .where(DuesBasis.member_id.in_(member_ids), DuesBasis.state == "confirmed")
        .order_by(DuesBasis.member_id, DuesBasis.effective_month, DuesBasis.id)
    )
    return list(rows)


async def basis(session: AsyncSession, basis_id: int, *, lock: bool = False) -> DuesBasis | None:
    return await session.get(DuesBasis, basis_id, with_for_update=lock, populate_existing=lock)


async def add(session: AsyncSession, row: object) -> None:
    session.add(row)
    await session.flush()


# --- lines ------------------------------------------------------------------


async def open_lines(session: AsyncSession, rows: Sequence[dict[str, object]]) -> int:
    """Insert lines that do not exist yet (member, month unique); returns how many were new."""
    if not rows:
        return 0
    insert = _insert(session)
    result = await session.execute(
        insert(DuesLine)
        .values(list(rows))
        .on_conflict_do_nothing(index_elements=[DuesLine.member_id, DuesLine.month])
        .returning(DuesLine.id)
    )
    return len(result.fetchall())


async def lines_of(
    session: AsyncSession, member_ids: Collection[int], *, lock: bool = False
) -> list[DuesLine]:
    if not member_ids:
        return []
    query = (
        select(DuesLine)
        .where(DuesLine.member_id.in_(member_ids))
        .order_by(DuesLine.member_id, DuesLine.month)
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return list(await session.scalars(query))


async def branch_lines(
    session: AsyncSession, branch_id: int, first: int, last: int
) -> list[DuesLine]:
    rows = await session.scalars(
        select(DuesLine)
        .where(DuesLine.branch_id == branch_id, DuesLine.month.between(first, last))
        .order_by(DuesLine.member_id, DuesLine.month)
    )
    return list(rows)


async def set_due_from(
    session: AsyncSession, member_id: int, month: int, until: int | None, due: object
) -> None:
    """Re-price the member's lines from month (before until) that nothing was paid on yet."""
    query = update(DuesLine).where(
        DuesLine.member_id == member_id, DuesLine.month >= month, DuesLine.payment_id.is_(None)
    )
    if until is not None:
        query = query.where(DuesLine.month < until)
    await session.execute(query.values(due=due))


# --- payments ---------------------------------------------------------------


async def payment(
    session: AsyncSession, payment_id: int, *, lock: bool = False
) -> DuesPayment | None:
    return await session.get(DuesPayment, payment_id, with_for_update=lock, populate_existing=lock)


async def payments_of(session: AsyncSession, member_id: int, limit: int = 20) -> list[DuesPayment]:
    rows = await session.scalars(
        select(DuesPayment)
        .where(DuesPayment.member_id == member_id)
        .order_by(DuesPayment.id.desc())
        .limit(limit)
    )
    return list(rows)


async def branch_payments(
    session: AsyncSession, branch_id: int, states: Collection[str]
) -> list[DuesPayment]:
    rows = await session.scalars(
        select(DuesPayment)
        .where(DuesPayment.branch_id == branch_id, DuesPayment.state.in_(states))
        .order_by(DuesPayment.id)
    )
    return list(rows)


async def release_claim(session: AsyncSession, payment_id: int) -> None:
    await session.execute(
        update(DuesLine).where(DuesLine.claim_id == payment_id).values(claim_id=None)
    )


# --- accounts, reports, remittances -----------------------------------------


async def paused_ids(session: AsyncSession, branch_id: int) -> set[int]:
    rows = await session.scalars(
        select(DuesAccount.member_id).where(
            DuesAccount.branch_id == branch_id, DuesAccount.paused.is_(True)
        )
    )
    return set(rows)


async def account(session: AsyncSession, member_id: int) -> DuesAccount | None:
    return await session.get(DuesAccount, member_id)


async def report(
    session: AsyncSession, branch_id: int, period: str, *, lock: bool = False
) -> DuesReport | None:
    query = select(DuesReport).where(DuesReport.branch_id == branch_id, DuesReport.period == period)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return await session.scalar(query)


async def remittances(session: AsyncSession, branch_id: int) -> list[DuesRemittance]:
    rows = await session.scalars(
        select(DuesRemittance)
        .where(DuesRemittance.branch_id == branch_id)
        .order_by(DuesRemittance.first_month, DuesRemittance.id)
    )
    return list(rows)


async def set_branch_settings(
    session: AsyncSession, branch_id: int, settings: dict[str, object]
) -> None:
    await session.execute(update(Branch).where(Branch.id == branch_id).values(settings=settings))


def stamp(now: datetime) -> dict[str, datetime]:
    return {"created_at": now, "updated_at": now}


async def members_named(session: AsyncSession, branch_id: int, name: str) -> list[Member]:
    rows = await session.scalars(
        select(Member).where(
            Member.branch_id == branch_id, Member.name == name, Member.status == "active"
        )
    )
    return list(rows)


async def remittance(session: AsyncSession, remittance_id: int) -> DuesRemittance | None:
    return await session.get(DuesRemittance, remittance_id)
