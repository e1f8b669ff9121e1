"""The hours job's body: close forgotten check-ins, drop abandoned drafts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.services.hours.activities import auto_close
from storage.db import Database
from storage.repos import hours as repo

DRAFT_TTL = timedelta(days=2)


@dataclass(frozen=True)
class Swept:
    closed: int
    drafts: int


async def sweep(db: Database, clock: Clock) -> Swept:
    now = clock.now()
    async with db.transaction() as session:
        closed = await auto_close(session, now)
    async with db.transaction() as session:
        old = await repo.old_drafts(session, now - DRAFT_TTL)
        for row in old:
            await session.delete(row)
    return Swept(closed, len(old))
