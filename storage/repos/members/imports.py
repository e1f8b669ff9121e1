"""Roster imports: a checked file waiting for confirmation, closed, dropped or purged.
Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.members import RosterImport


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
