"""Outbox queries: delivery reports and acknowledgements; never commits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Member
from storage.models.delivery import Delivery


async def state_counts(session: AsyncSession, notice_id: int) -> dict[str, int]:
    rows = await session.execute(
        select(Delivery.state, func.count())
        .where(Delivery.notice_id == notice_id, Delivery.member_id.is_not(None))
        .group_by(Delivery.state)
    )
    return {state: int(n) for state, n in rows}


async def acked_count(session: AsyncSession, notice_id: int) -> int:
    n = await session.scalar(
        select(func.count()).where(Delivery.notice_id == notice_id, Delivery.acked_at.is_not(None))
    )
    return int(n or 0)


async def unacked_names(session: AsyncSession, notice_id: int, limit: int) -> list[str]:
    """Members who got the notice and have not pressed 「收到」, in roster order."""
    rows = await session.scalars(
        select(Member.name)
        .join(Delivery, Delivery.member_id == Member.id)
        .where(
            Delivery.notice_id == notice_id,
            Delivery.state == "sent",
            Delivery.acked_at.is_(None),
        )
        .order_by(Member.id)
        .limit(limit)
    )
    return list(rows)


async def reason_counts(session: AsyncSession, notice_id: int, state: str) -> dict[str, int]:
    rows = await session.execute(
        select(Delivery.reason, func.count())
        .where(
            Delivery.notice_id == notice_id,
            Delivery.state == state,
            Delivery.member_id.is_not(None),
        )
        .group_by(Delivery.reason)
    )
    return {reason or "unknown": int(n) for reason, n in rows}


async def group_copy_state(session: AsyncSession, notice_id: int) -> str | None:
    return await session.scalar(
        select(Delivery.state)
        .where(Delivery.notice_id == notice_id, Delivery.member_id.is_(None))
        .limit(1)
    )


async def delivery(session: AsyncSession, delivery_id: int) -> Delivery | None:
    return await session.get(Delivery, delivery_id)


async def record_ack(session: AsyncSession, delivery_id: int, now: datetime) -> bool:
    """Set acked_at once; False if it was already set."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.acked_at.is_(None))
        .values(acked_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


async def member_tg_id(session: AsyncSession, member_id: int) -> int | None:
    return await session.scalar(select(Member.tg_user_id).where(Member.id == member_id))


async def member_ids_where(
    session: AsyncSession, notice_id: int, *, states: Collection[str] | None, unacked: bool
) -> list[int]:
    conds = [Delivery.notice_id == notice_id, Delivery.member_id.is_not(None)]
    if states is not None:
        conds.append(Delivery.state.in_(tuple(states)))
    if unacked:
        conds.append(Delivery.acked_at.is_(None))
    rows = await session.scalars(select(Delivery.member_id).where(*conds).order_by(Delivery.id))
    return [m for m in rows if m is not None]


async def unreached_people(
    session: AsyncSession, notice_id: int, limit: int
) -> list[tuple[str, str | None, str, str | None]]:
    """(name, phone, state, reason) of recipients Telegram could not reach, by name."""
    rows = await session.execute(
        select(Member.name, Member.phone, Delivery.state, Delivery.reason)
        .join(Member, Member.id == Delivery.member_id)
        .where(Delivery.notice_id == notice_id, Delivery.state.in_(("not_started", "unreachable")))
        .order_by(Delivery.state, Member.name)
        .limit(limit)
    )
    return [(n, p, s, r) for n, p, s, r in rows]


async def cancel_queued_for_member(session: AsyncSession, member_id: int, reason: str) -> list[int]:
    """Cancel the member's queued rows (not those already being sent); their notices' ids."""
    notice_ids = list(
        await session.scalars(
            select(Delivery.notice_id)
            .where(Delivery.member_id == member_id, Delivery.state == "queued")
            .distinct()
        )
    )
    if notice_ids:
        await session.execute(
            update(Delivery)
            .where(Delivery.member_id == member_id, Delivery.state == "queued")
            .values(state="cancelled", reason=reason, claim=None, lease_until=None)
        )
    return notice_ids


async def cancel_queued(session: AsyncSession, notice_id: int) -> int:
    result = await session.execute(
        update(Delivery)
        .where(Delivery.notice_id == notice_id, Delivery.state == "queued")
        .values(state="cancelled", claim=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0))
