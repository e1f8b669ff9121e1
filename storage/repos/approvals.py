"""Approval queue queries; never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.approvals import ApprovalRequest
from storage.models.core import Member


async def by_subject(session: AsyncSession, kind: str, subject_id: int) -> ApprovalRequest | None:
    rows = await session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.kind == kind, ApprovalRequest.subject_id == subject_id
        )
    )
    return rows.first()


async def get_for_update(session: AsyncSession, item_id: int) -> ApprovalRequest | None:
    """The request, locked until the transaction ends (PostgreSQL; SQLite's write lock is
    already taken by BEGIN IMMEDIATE), so two officers deciding at once are serialised."""
    rows = await session.scalars(
        select(ApprovalRequest)
        .where(ApprovalRequest.id == item_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return rows.first()


def add(session: AsyncSession, row: ApprovalRequest) -> None:
    session.add(row)


async def member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def members(session: AsyncSession, member_ids: Collection[int]) -> dict[int, Member]:
    if not member_ids:
        return {}
    rows = await session.scalars(select(Member).where(Member.id.in_(member_ids)))
    return {m.id: m for m in rows}


async def active_officers(session: AsyncSession, branch_id: int) -> Sequence[Member]:
    rows = await session.scalars(
        select(Member).where(
            Member.branch_id == branch_id,
            Member.status == "active",
            Member.role != "member",
        )
    )
    return list(rows)


def _pending(branch_id: int, kinds: Collection[str] | None) -> Select[ApprovalRequest]:
    query = select(ApprovalRequest).where(
        ApprovalRequest.branch_id == branch_id, ApprovalRequest.state == "pending"
    )
    if kinds is not None:
        query = query.where(ApprovalRequest.kind.in_(kinds))
    return query.order_by(ApprovalRequest.created_at, ApprovalRequest.id)


async def pending(
    session: AsyncSession, branch_id: int, kinds: Collection[str] | None, limit: int
) -> Sequence[ApprovalRequest]:
    return list(await session.scalars(_pending(branch_id, kinds).limit(limit)))


async def pending_of_kinds(
    session: AsyncSession, kinds: Collection[str], limit: int
) -> Sequence[ApprovalRequest]:
    """Pending requests of these kinds in every branch, oldest first (the operator's share)."""
    query = (
        select(ApprovalRequest)
        .where(ApprovalRequest.state == "pending", ApprovalRequest.kind.in_(kinds))
        .order_by(ApprovalRequest.created_at, ApprovalRequest.id)
        .limit(limit)
    )
    return list(await session.scalars(query))
