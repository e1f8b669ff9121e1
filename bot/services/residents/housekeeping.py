"""The residents' job: escalate requests nobody took in the branch's time, remind the takers
of requests not done; forget old ones.

Both are idempotent: escalation marks `escalated_at` in the statement that decides who tells
the secretary, and a deleted request cannot be deleted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.clock import Clock
from bot.domain.residents import rules
from bot.services.residents.asking import escalate
from bot.services.residents.common import view_of
from bot.services.residents.overdue import remind_overdue
from storage.db import Database
from storage.repos import residents as repo


@dataclass(frozen=True)
class Swept:
    escalated: int
    purged: int
    reminded: int = 0  # takers reminded, and secretaries told of requests still not done


async def sweep(db: Database, clock: Clock) -> Swept:
    now = clock.now()
    escalated = 0
    # A unit: a run with nothing due reads only and takes no write lock.
    async with db.unit() as session:
        for row, settings in await repo.unescalated(session):
            if rules.escalation_due(row.created_at, now, settings):
                view = await view_of(session, row)
                escalated += await escalate(session, row, view, now, why="late")
        reminded = await remind_overdue(session, now)
        shortest = timedelta(days=min(rules.RETENTION_CHOICES))
        found = await repo.finished_before(session, now - shortest)
        gone = [
            rid
            for rid, done_at, closed_at, settings in found
            if rules.forgotten(done_at or closed_at, now, settings)
        ]
        purged = await repo.delete_requests(session, gone)
    return Swept(escalated, purged, reminded)
