"""Conversation state in the database: which flow and step each person is in, with its draft.

A flow's draft lives in a row, not in process memory, so a restart (even kill -9) or a second
process on the same database loses nothing: the person's next message goes on where they were.
One row per person and chat; starting a flow replaces whatever flow was there.

How a feature uses it:
- when a step asks for typed input (or a photo, a file, a location), its service or handler
  calls `save(...)` with the flow's name, the step and a JSON-able draft;
- its handlers module exposes `flow_routes() -> dict[str, StepHandler]` mapping the flow name to
  the function that takes the next message (see handlers/flows.py, which builds the one router
  from every feature's routes in handlers/__init__.py);
- the step handler reads `state.step` and `state.data`, saves the next step or `clear`s at the end.
Commands (other than /help and /language) and main-menu buttons leave a flow in one place, the
router, so no feature has to.

Most people are in no flow, yet the router looks on every private message and press. Where
the database is written by this process alone (SQLite, `Database.process_memo`), `load`
remembers who had no row and answers them without a query until `save` gives them one; on
PostgreSQL every `load` reads, so a flow started by one process goes on in another.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from storage.db import PROCESS_MEMO
from storage.repos import conversations as repo

__all__ = ["DEFAULT_TTL", "FlowState", "clear", "known_none", "load", "purge_expired", "save"]

# Long enough for an older member to fetch their glasses and a receipt; a draft older than
# this is more likely to confuse than to help.
DEFAULT_TTL = timedelta(hours=24)


# Past this many remembered people the memory starts again (a district runs on PostgreSQL).
_REMEMBERED = 100_000


@dataclass
class _NoFlow:
    """(user, chat) known to have no row, and how many saves this process has begun or
    committed: a load that overlapped a save does not remember its answer."""

    keys: set[tuple[int, int]] = field(default_factory=set)
    saves: int = 0

    def forget(self, key: tuple[int, int]) -> None:
        self.keys.discard(key)
        self.saves += 1


def _no_flow_in(memo: object) -> _NoFlow | None:
    if not isinstance(memo, dict):
        return None
    found = memo.get(__name__)
    if not isinstance(found, _NoFlow):
        found = memo[__name__] = _NoFlow()
    return found


def _no_flow(session: AsyncSession) -> _NoFlow | None:
    return _no_flow_in(session.info.get(PROCESS_MEMO))


def known_none(process_memo: dict[str, object] | None, user_id: int, chat_id: int) -> bool:
    """True when this process knows, without a transaction, that the person is in no flow in
    that chat (`Database.process_memo`: SQLite only); False means "load to find out"."""
    known = _no_flow_in(process_memo)
    return known is not None and (user_id, chat_id) in known.keys


@dataclass(frozen=True)
class FlowState:
    user_id: int
    chat_id: int
    flow: str
    step: str
    data: Mapping[str, Any] = field(default_factory=dict)
    message_id: int | None = None
    expires_at: datetime | None = None


async def load(
    session: AsyncSession, user_id: int, chat_id: int, now: datetime
) -> FlowState | None:
    """The person's current flow in that chat, or None (none, or lapsed)."""
    known = _no_flow(session)
    key = (user_id, chat_id)
    if known is not None and key in known.keys:
        return None
    saves = known.saves if known is not None else 0
    row = await repo.get(session, user_id, chat_id)
    if row is None and known is not None and known.saves == saves:
        if len(known.keys) >= _REMEMBERED:
            known.keys.clear()
        known.keys.add(key)
    if row is None or row.expires_at <= now:
        return None
    return FlowState(
        user_id=row.user_id,
        chat_id=row.chat_id,
        flow=row.flow,
        step=row.step,
        data=dict(row.data or {}),
        message_id=row.message_id,
        expires_at=row.expires_at,
    )


async def save(
    session: AsyncSession,
    *,
    user_id: int,
    chat_id: int,
    flow: str,
    step: str,
    data: Mapping[str, Any] | None = None,
    message_id: int | None = None,
    ttl: timedelta = DEFAULT_TTL,
    now: datetime,
) -> FlowState:
    """Enter (or move on in) a flow; the draft must be JSON-able (dates as ISO strings)."""
    draft = dict(data or {})
    expires_at = now + ttl
    known = _no_flow(session)
    if known is not None:
        key = (user_id, chat_id)
        known.forget(key)
        # Again at commit: a load that read before the commit and ended after it is not
        # remembered (its `saves` no longer match), one that ended before is forgotten here.
        event.listen(session.sync_session, "after_commit", lambda _s: known.forget(key), once=True)
    await repo.upsert(
        session,
        user_id=user_id,
        chat_id=chat_id,
        flow=flow,
        step=step,
        data=draft,
        message_id=message_id,
        expires_at=expires_at,
        now=now,
    )
    return FlowState(user_id, chat_id, flow, step, draft, message_id, expires_at)


async def clear(session: AsyncSession, user_id: int, chat_id: int, flow: str | None = None) -> bool:
    """Leave the flow (only if it is `flow`, when given); whether there was one."""
    return await repo.remove(session, user_id, chat_id, flow) > 0


async def purge_expired(session: AsyncSession, now: datetime) -> int:
    """Delete lapsed drafts (a housekeeping job; load already ignores them)."""
    return await repo.remove_expired(session, now)
