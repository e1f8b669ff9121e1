"""The monthly tally's run rows: one run per branch and period, claimed once. Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.cards import TallyRun


async def tally_run(session: AsyncSession, branch_id: int, period: str) -> TallyRun | None:
    found: TallyRun | None = await session.scalar(
        select(TallyRun).where(TallyRun.branch_id == branch_id, TallyRun.period == period)
    )
    return found


async def tally_run_by_id(session: AsyncSession, run_id: int) -> TallyRun | None:
    return await session.get(TallyRun, run_id)


async def claim_tally(session: AsyncSession, branch_id: int, period: str, now: datetime) -> bool:
    """Insert the period's run row unless it exists: True for the one caller who made it."""
    if await tally_run(session, branch_id, period) is not None:
        return False
    session.add(
        TallyRun(
            branch_id=branch_id,
            period=period,
            done_at=None,
            result={},
            created_at=now,
            updated_at=now,
        )
    )
    await session.flush()
    return True
