"""Outbox queries: the delivery rows of a notice, one per recipient; never commits."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Select, and_, case, exists, literal, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Member, TgUser
from storage.models.delivery import Delivery, Notice
from storage.repos.delivery._common import _CHUNK, PENDING_STATES, _chunks, _insert


@dataclass(frozen=True)
class Recipient:
    """What enqueueing needs to know about one member and their Telegram account."""

    member_id: int
    tg_user_id: int | None
    language: str | None
    started: bool
    blocked: bool


async def recipients(
    session: AsyncSession, branch_id: int, member_ids: Sequence[int]
) -> list[Recipient]:
    """The given members of this branch (others are ignored) with their reachability."""
    found: list[Recipient] = []
    for chunk in _chunks(sorted(set(member_ids))):
        rows = await session.execute(
            select(
                Member.id, Member.tg_user_id, TgUser.language, TgUser.started_at, TgUser.blocked_at
            )
            .outerjoin(TgUser, TgUser.id == Member.tg_user_id)
            .where(Member.branch_id == branch_id, Member.id.in_(chunk))
        )
        found += [
            Recipient(mid, tg, lang, started is not None, blocked is not None)
            for mid, tg, lang, started, blocked in rows
        ]
    return found


async def add_notices_locked(
    session: AsyncSession, values: Sequence[Mapping[str, Any]]
) -> dict[str, Notice]:
    """Many notices, a statement per 500, each unless its key exists; key -> row, locked until
    commit (as `notice(lock=True)`), for every key asked for."""
    await _add_notices(session, values)
    keys = sorted({str(v["key"]) for v in values})
    # Locked and re-read: a notice another transaction made first is waited for, as is one
    # being added to.
    found: dict[str, Notice] = {}
    for i in range(0, len(keys), _CHUNK):
        rows = await session.scalars(
            select(Notice)
            .where(Notice.key.in_(keys[i : i + _CHUNK]))
            .order_by(Notice.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        found.update({n.key: n for n in rows})
    return found


async def add_notice_ids_locked(
    session: AsyncSession, values: Sequence[Mapping[str, Any]]
) -> dict[str, int]:
    """`add_notices_locked` giving ids, not rows: nothing of the notices is loaded."""
    await _add_notices(session, values)
    keys = sorted({str(v["key"]) for v in values})
    found: dict[str, int] = {}
    for i in range(0, len(keys), _CHUNK):
        rows = await session.execute(
            select(Notice.key, Notice.id)
            .where(Notice.key.in_(keys[i : i + _CHUNK]))
            .order_by(Notice.id)
            .with_for_update()
        )
        found.update({key: notice_id for key, notice_id in rows})
    return found


async def _add_notices(session: AsyncSession, values: Sequence[Mapping[str, Any]]) -> None:
    """Each notice unless its key exists; executemany, so the statement is compiled once
    (a VALUES list of a page of notices was compiled anew for every page: ~0.1 s each)."""
    stmt = _insert(session)(Notice).on_conflict_do_nothing(index_elements=[Notice.key])
    for i in range(0, len(values), _CHUNK):
        await session.execute(stmt, [dict(v) for v in values[i : i + _CHUNK]])


async def member_ids_by_notice(
    session: AsyncSession, notice_ids: Collection[int]
) -> dict[int, set[int]]:
    """notice -> members already under it."""
    found: dict[int, set[int]] = {n: set() for n in notice_ids}
    if not notice_ids:
        return found
    rows = await session.execute(
        select(Delivery.notice_id, Delivery.member_id).where(
            Delivery.notice_id.in_(sorted(notice_ids)), Delivery.member_id.is_not(None)
        )
    )
    for notice_id, member_id in rows:
        if member_id is not None:
            found[notice_id].add(member_id)
    return found


async def recipients_in_branches(
    session: AsyncSession, branch_ids: Collection[int]
) -> dict[int, tuple[int, Recipient]]:
    """member -> (branch, reachability) for every member of these branches: one read per
    batch, however many notices it serves."""
    if not branch_ids:
        return {}
    rows = await session.execute(
        select(
            Member.id,
            Member.branch_id,
            Member.tg_user_id,
            TgUser.language,
            TgUser.started_at,
            TgUser.blocked_at,
        )
        .outerjoin(TgUser, TgUser.id == Member.tg_user_id)
        .where(Member.branch_id.in_(sorted(branch_ids)))
    )
    return {
        mid: (bid, Recipient(mid, tg, lang, started is not None, blocked is not None))
        for mid, bid, tg, lang, started, blocked in rows
    }


async def notices_without_rows(session: AsyncSession, notice_ids: Collection[int]) -> set[int]:
    """The notices (of these) with no delivery row at all, not even a group copy."""
    if not notice_ids:
        return set()
    rows = await session.scalars(
        select(Delivery.notice_id).where(Delivery.notice_id.in_(sorted(notice_ids))).distinct()
    )
    return set(notice_ids) - set(rows)


async def mark_done(session: AsyncSession, notice_ids: Collection[int], now: datetime) -> None:
    """Notices the caller holds locked and knows have nothing pending: done."""
    if not notice_ids:
        return
    await session.execute(
        update(Notice)
        .where(Notice.id.in_(sorted(notice_ids)), Notice.status.in_(("sending", "scheduled")))
        .values(status="done", finished_at=now),
        execution_options={"synchronize_session": False},
    )


async def queued_member_ids(session: AsyncSession, notice_id: int) -> set[int]:
    rows = await session.scalars(
        select(Delivery.member_id).where(
            Delivery.notice_id == notice_id, Delivery.member_id.is_not(None)
        )
    )
    return {m for m in rows if m is not None}


# Columns add_deliveries writes, with their PostgreSQL array types (see _add_unnest).
_ADD_COLUMNS = (
    ("notice_id", "bigint"),
    ("member_id", "bigint"),
    ("chat_id", "bigint"),
    ("lang", "varchar"),
    ("state", "varchar"),
    ("reason", "varchar"),
    ("attempts", "integer"),
    ("next_attempt_at", "timestamptz"),
    ("priority", "smallint"),
    ("created_at", "timestamptz"),
)


_UNNEST = text(
    "INSERT INTO deliveries ("
    + ", ".join(c for c, _ in _ADD_COLUMNS)
    + ") SELECT * FROM unnest("
    + ", ".join(f"CAST(:{c} AS {kind}[])" for c, kind in _ADD_COLUMNS)
    + ") ON CONFLICT (notice_id, member_id) DO NOTHING"
)


async def add_deliveries(session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows, skipping recipients a concurrent call already queued (unique key)."""
    if session.get_bind().dialect.name == "postgresql":
        await _add_unnest(session, rows)
        return
    for i in range(0, len(rows), _CHUNK):
        stmt = (
            _insert(session)(Delivery)
            .on_conflict_do_nothing(index_elements=[Delivery.notice_id, Delivery.member_id])
            # Nulls as values: otherwise the ORM splits the rows into a statement per run of
            # rows with the same None columns (a queued row, then a not-started one ...).
            .execution_options(render_nulls=True)
        )
        await session.execute(stmt, list(rows[i : i + _CHUNK]))


async def _add_unnest(session: AsyncSession, rows: Sequence[Mapping[str, Any]]) -> None:
    """PostgreSQL: the rows as one array per column, in one statement however many (a page of
    a district's reminders is ~12,000 rows: a VALUES list that size is slow to build and
    to parse)."""
    for i in range(0, len(rows), 20_000):
        chunk = rows[i : i + 20_000]
        params: dict[str, list[Any]] = {c: [] for c, _ in _ADD_COLUMNS}
        for row in chunk:
            for column, _ in _ADD_COLUMNS:
                value = row.get(column)
                if isinstance(value, datetime):
                    value = value.astimezone(UTC)
                params[column].append(value)
        await session.execute(_UNNEST, params)


async def has_group_copy(session: AsyncSession, notice_id: int) -> bool:
    found = await session.scalar(
        select(exists().where(Delivery.notice_id == notice_id, Delivery.member_id.is_(None)))
    )
    return bool(found)


async def has_chat_copy(session: AsyncSession, notice_id: int, chat_id: int) -> bool:
    found = await session.scalar(
        select(exists().where(Delivery.notice_id == notice_id, Delivery.chat_id == chat_id))
    )
    return bool(found)


async def add_deliveries_from(
    session: AsyncSession,
    pairs: Select[int, int],
    *,
    langs: Collection[str],
    default_lang: str,
    priority: int,
    now: datetime,
) -> None:
    """A delivery row for every (notice_id, member_id) `pairs` selects, in one INSERT ... SELECT:
    the rows add_deliveries would get from the service's _row, made by the database (a
    district's reminder minute is ~300,000 of them). The member's language if the notices have
    it, else the default; not_started without a started Telegram account, unreachable when
    blocked, cancelled under a cancelled notice. Rows already there are left alone (the unique
    key), so a second call adds only newcomers."""
    chosen = pairs.subquery("chosen")
    started = and_(Member.tg_user_id.is_not(None), TgUser.started_at.is_not(None))
    cancelled = Notice.status == "cancelled"
    state = case(
        (cancelled, "cancelled"),
        (~started, "not_started"),
        (TgUser.blocked_at.is_not(None), "unreachable"),
        else_="queued",
    )
    reason = case(
        (cancelled, None),
        (~started, "not_started"),
        (TgUser.blocked_at.is_not(None), "blocked"),
        else_=None,
    )
    at = literal(now, Delivery.next_attempt_at.type)
    rows = (
        select(
            Notice.id,
            Member.id,
            Member.tg_user_id,
            case((TgUser.language.in_(sorted(langs)), TgUser.language), else_=default_lang),
            state,
            reason,
            literal(0),
            case((Notice.send_at > at, Notice.send_at), else_=at),
            literal(priority),
            at,
        )
        .select_from(chosen)
        .join(Notice, Notice.id == chosen.c.notice_id)
        .join(Member, Member.id == chosen.c.member_id)
        .outerjoin(TgUser, TgUser.id == Member.tg_user_id)
        # Ids in (notice, member) order, as the rows were queued one notice at a time; also a
        # WHERE for SQLite, whose parser needs one before ON CONFLICT after a join.
        .where(Notice.branch_id == Member.branch_id)
        .order_by(Notice.id, Member.id)
    )
    names = [c for c, _ in _ADD_COLUMNS]
    await session.execute(
        _insert(session)(Delivery)
        .from_select(names, rows, include_defaults=False)
        .on_conflict_do_nothing(index_elements=[Delivery.notice_id, Delivery.member_id])
    )


async def settle_notices(session: AsyncSession, notice_ids: Collection[int], now: datetime) -> None:
    """After rows were added to these notices (held locked by the caller): one with nothing
    pending is done, a done one with rows pending again is sending."""
    ids = sorted(set(notice_ids))
    pending: set[int] = set()
    # Which have rows pending, read from the (notice_id, state) index: a NOT EXISTS per notice
    # was planned, on statistics from before the rows were queued, as an anti-join reading
    # every pending row of the outbox for each notice (7 s a page of reminders).
    for chunk in _chunks(ids):
        pending.update(
            await session.scalars(
                select(Delivery.notice_id)
                .where(Delivery.notice_id.in_(chunk), Delivery.state.in_(PENDING_STATES))
                .distinct()
            )
        )
    for chunk in _chunks([i for i in ids if i not in pending]):
        await session.execute(
            update(Notice)
            .where(Notice.id.in_(chunk), Notice.status.in_(("sending", "scheduled")))
            .values(status="done", finished_at=now),
            execution_options={"synchronize_session": False},
        )
    for chunk in _chunks([i for i in ids if i in pending]):
        await session.execute(
            update(Notice)
            .where(Notice.id.in_(chunk), Notice.status == "done")
            .values(status="sending", finished_at=None),
            execution_options={"synchronize_session": False},
        )
