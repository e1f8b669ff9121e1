"""What the outbox query modules share: states, chunks, the dialect's insert."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

# Rows still waiting for Telegram; a notice with none left is finished.
PENDING_STATES = ("queued", "sending")


# With "notice_id IS NOT NULL", as ix_deliveries_pending_notice_id's predicate: the claim
# (state = 'queued', no notice) cannot prove it, so that index is never the claim's choice.
_PENDING_SQL = text(
    "deliveries.state IN ('queued', 'sending') AND deliveries.notice_id IS NOT NULL"
)


_QUEUED_SQL = text("deliveries.state = 'queued'")


# SQLite caps bound parameters per statement; PostgreSQL is happier with moderate IN lists too.
_CHUNK = 500


def _insert(session: AsyncSession) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _chunks(items: Sequence[int]) -> list[Sequence[int]]:
    return [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
