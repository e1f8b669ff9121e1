"""Outbox queries: notices; never commits."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.delivery import Notice
from storage.repos.delivery._common import _CHUNK, _chunks, _insert


async def notice(session: AsyncSession, notice_id: int, *, lock: bool = False) -> Notice | None:
    stmt = select(Notice).where(Notice.id == notice_id)
    if lock:
        # Re-read after waiting for the lock: another transaction may have changed the status.
        stmt = stmt.with_for_update().execution_options(populate_existing=True)
    return (await session.scalars(stmt)).first()


async def notice_by_key(session: AsyncSession, key: str) -> Notice | None:
    return (await session.scalars(select(Notice).where(Notice.key == key))).first()


async def add_notice_if_absent(session: AsyncSession, values: Mapping[str, Any]) -> Notice:
    """Insert the notice unless its key exists (another process may race us); return the row."""
    stmt = (
        _insert(session)(Notice)
        .values(**values)
        .on_conflict_do_nothing(index_elements=[Notice.key])
    )
    await session.execute(stmt)
    found = await notice_by_key(session, str(values["key"]))
    assert found is not None
    return found


async def add_notices_if_absent(
    session: AsyncSession, rows: Sequence[Mapping[str, Any]]
) -> dict[str, Notice]:
    """Insert many notices at once, skipping keys that exist; every row's notice by key."""
    keys = [str(r["key"]) for r in rows]
    for i in range(0, len(rows), _CHUNK):
        stmt = _insert(session)(Notice).on_conflict_do_nothing(index_elements=[Notice.key])
        await session.execute(stmt, list(rows[i : i + _CHUNK]))
    found: dict[str, Notice] = {}
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        found.update(
            {n.key: n for n in await session.scalars(select(Notice).where(Notice.key.in_(chunk)))}
        )
    return found


async def settle_many(session: AsyncSession, notice_ids: Sequence[int], now: datetime) -> None:
    """Mark sending notices done that have nothing pending (just queued with no recipient)."""
    for chunk in _chunks(list(notice_ids)):
        await session.execute(
            update(Notice)
            .where(Notice.id.in_(chunk), Notice.status == "sending")
            .values(status="done", finished_at=now)
        )


async def set_notice(session: AsyncSession, notice_id: int, **values: Any) -> None:
    await session.execute(update(Notice).where(Notice.id == notice_id).values(**values))


async def set_notice_status_if(
    session: AsyncSession, notice_id: int, before: Collection[str], after: str, **values: Any
) -> bool:
    """Move the notice from one of `before` to `after`; False if someone else moved it first."""
    result = await session.execute(
        update(Notice)
        .where(Notice.id == notice_id, Notice.status.in_(tuple(before)))
        .values(status=after, **values)
    )
    return bool(getattr(result, "rowcount", 0))


async def recent_notices(
    session: AsyncSession, branch_id: int, kind: str, since: datetime, limit: int
) -> list[Notice]:
    rows = await session.scalars(
        select(Notice)
        .where(
            Notice.branch_id == branch_id,
            Notice.kind == kind,
            Notice.created_at >= since,
            Notice.status.in_(("sending", "done")),
        )
        .order_by(Notice.id.desc())
        .limit(limit)
    )
    return list(rows)


async def listed_notices(
    session: AsyncSession, branch_id: int, kind: str, created_by: int | None, limit: int
) -> list[Notice]:
    """Newest first: scheduled, sending, done, and scheduled ones called off (not drafts)."""
    conditions = [
        Notice.branch_id == branch_id,
        Notice.kind == kind,
        or_(
            Notice.status.in_(("scheduled", "sending", "done")),
            and_(Notice.status == "cancelled", Notice.send_at.is_not(None)),
        ),
    ]
    if created_by is not None:
        conditions.append(Notice.created_by == created_by)
    rows = await session.scalars(
        select(Notice).where(*conditions).order_by(Notice.id.desc()).limit(limit)
    )
    return list(rows)
