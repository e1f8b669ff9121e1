"""Outbox queries: notices, delivery rows, the sender's claim, reports; never commits."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, any_, exists, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.delivery.priority import Priority
from storage.models.base import utcnow
from storage.models.core import Branch, Member, TgUser
from storage.models.delivery import Delivery, Notice

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


# --- notices ---------------------------------------------------------------------------------


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


# --- recipients ----------------------------------------------------------------------------


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
    for i in range(0, len(values), _CHUNK):
        await session.execute(
            _insert(session)(Notice)
            .values([dict(v) for v in values[i : i + _CHUNK]])
            .on_conflict_do_nothing(index_elements=[Notice.key])
        )
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


# --- the sender ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Claimed:
    """A row the sender holds: enough to send it without another query."""

    id: int
    notice_id: int
    member_id: int | None
    chat_id: int | None
    lang: str
    attempts: int


async def claim_due(
    session: AsyncSession, now: datetime, limit: int, token: str, lease_until: datetime
) -> list[Claimed]:
    """Take up to `limit` due queued rows, most urgent first (SKIP LOCKED on PostgreSQL).

    One statement per priority level, most urgent first, until `limit` rows are taken (usually
    the first fills it): `priority = p` makes the claim a range of ix_deliveries_queued_claim,
    read in order and only as far as the rows returned, whatever the statistics say about how
    many rows are queued (a burst of reminders outruns autovacuum's ANALYZE on a big table).
    On SQLite the transaction began IMMEDIATE, so nothing interleaves; FOR UPDATE is not
    rendered there.
    """
    claimed: list[Claimed] = []
    for level in _LEVELS:
        if len(claimed) >= limit:
            break
        claimed += await _claim_level(session, now, level, limit - len(claimed), token, lease_until)
    return claimed


async def _claim_level(
    session: AsyncSession,
    now: datetime,
    level: int,
    limit: int,
    token: str,
    lease_until: datetime,
) -> list[Claimed]:
    free = or_(Delivery.lease_until.is_(None), Delivery.lease_until < now)
    picked = (
        select(Delivery.id)
        # Literal, to match the partial index ix_deliveries_queued_claim (see _PENDING_SQL).
        .where(_QUEUED_SQL, Delivery.priority == level, Delivery.next_attempt_at <= now, free)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    postgres = session.get_bind().dialect.name == "postgresql"
    # `= ANY(ARRAY(...))` on PostgreSQL: the picked ids are computed first, then fetched by
    # primary key; `IN (subquery)` may be planned as a semi-join that reads the whole table.
    chosen = any_(func.array(picked.scalar_subquery())) if postgres else None
    stamp = (
        update(Delivery)
        .where(Delivery.id == chosen if postgres else Delivery.id.in_(picked.scalar_subquery()))
        .values(claim=token, lease_until=lease_until)
        .returning(*_CLAIMED, Delivery.next_attempt_at)
    )
    if postgres:
        stamped = stamp.cte("claimed")
        started = (
            update(Notice)
            .where(Notice.id.in_(select(stamped.c.notice_id)), Notice.status == "scheduled")
            # Python-side onupdate defaults are not applied inside a CTE: given here.
            .values(status="sending", updated_at=utcnow())
            .cte("started")
        )
        # One statement: the notices' update is a data-modifying CTE, run whether read or not.
        rows = list(await session.execute(select(stamped).add_cte(started)))
    else:
        rows = list(await session.execute(stamp))
        notice_ids = {row[1] for row in rows}
        if notice_ids:
            await session.execute(
                update(Notice)
                .where(Notice.id.in_(notice_ids), Notice.status == "scheduled")
                .values(status="sending")
            )
    rows.sort(key=lambda r: (r[-1], r[0]))  # RETURNING has no order
    return [Claimed(*row[: len(_CLAIMED)]) for row in rows]


# Every priority a row can have (bot.domain.delivery.priority), most urgent first.
_LEVELS = tuple(sorted(int(p) for p in Priority))
_CLAIMED = (
    Delivery.id,
    Delivery.notice_id,
    Delivery.member_id,
    Delivery.chat_id,
    Delivery.lang,
    Delivery.attempts,
)


async def mark_sending(
    session: AsyncSession, delivery_id: int, token: str, lease_until: datetime
) -> bool:
    """queued → sending for a row this claimer still holds; False if it was taken away."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == "queued", Delivery.claim == token)
        .values(state="sending", lease_until=lease_until, attempts=Delivery.attempts + 1)
    )
    return bool(getattr(result, "rowcount", 0))


async def mark_sending_many(
    session: AsyncSession, delivery_ids: Sequence[int], token: str, lease_until: datetime
) -> set[int]:
    """queued → sending for the rows this claimer still holds, each with its own lease; the ids
    that were marked (a row taken away meanwhile is left out)."""
    marked: set[int] = set()
    for chunk in _chunks(list(delivery_ids)):
        result = await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(chunk), Delivery.state == "queued", Delivery.claim == token)
            .values(state="sending", lease_until=lease_until, attempts=Delivery.attempts + 1)
            .returning(Delivery.id)
        )
        marked.update(result.scalars())
    return marked


async def extend_leases(
    session: AsyncSession, delivery_ids: Sequence[int], token: str, lease_until: datetime
) -> None:
    """Renew the leases of rows this claimer still holds (queued or sending)."""
    for chunk in _chunks(list(delivery_ids)):
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(chunk), Delivery.claim == token)
            .values(lease_until=lease_until)
        )


async def extend_lease(
    session: AsyncSession, delivery_id: int, token: str, lease_until: datetime
) -> None:
    await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.claim == token)
        .values(lease_until=lease_until)
    )


async def finish(session: AsyncSession, delivery_id: int, token: str, **values: Any) -> bool:
    """Record the outcome of the send this claimer made (sending → anything)."""
    result = await session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.state == "sending", Delivery.claim == token)
        .values(claim=None, lease_until=None, **values)
    )
    return bool(getattr(result, "rowcount", 0))


async def release_claims(session: AsyncSession, token: str) -> int:
    """Give back claimed rows not yet sending (graceful stop)."""
    result = await session.execute(
        update(Delivery)
        # Literal state: the claim's partial index (few rows), not the whole table.
        .where(Delivery.claim == token, _QUEUED_SQL)
        .values(claim=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0))


async def reclaim_orphans(session: AsyncSession, now: datetime, token: str) -> int:
    """Every row another claim holds goes back to the queue now, lease or not: called by the
    sender that holds the worker lock, the only one that sends, so those claims are a dead
    worker's. Rows it had sent but not yet marked may go twice (the in-flight window)."""
    other = or_(Delivery.claim.is_(None), Delivery.claim != token)
    sending = await session.execute(
        update(Delivery)
        .where(text("deliveries.state = 'sending'"), other)
        .values(state="queued", claim=None, lease_until=None, next_attempt_at=now)
    )
    claimed = await session.execute(
        update(Delivery)
        .where(_QUEUED_SQL, Delivery.claim.is_not(None), Delivery.claim != token)
        .values(claim=None, lease_until=None)
    )
    return int(getattr(sending, "rowcount", 0)) + int(getattr(claimed, "rowcount", 0))


async def requeue_expired(session: AsyncSession, now: datetime, keep: Collection[int]) -> int:
    """Rows left `sending` by a process that died (lease over) go back to the queue."""
    stmt = (
        update(Delivery)
        .where(
            # Literal, to match the partial index ix_deliveries_sending_lease_until.
            text("deliveries.state = 'sending'"),
            Delivery.lease_until < now,
            Delivery.id.not_in(tuple(keep)) if keep else Delivery.id.is_not(None),
        )
        .values(state="queued", claim=None, lease_until=None, next_attempt_at=now)
    )
    result = await session.execute(stmt)
    return int(getattr(result, "rowcount", 0))


async def move_group_chat(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> None:
    """A group became a supergroup: later copies and the branch follow the new id."""
    await session.execute(
        update(Branch).where(Branch.group_chat_id == old_chat_id).values(group_chat_id=new_chat_id)
    )
    await session.execute(
        update(Delivery)
        .where(Delivery.chat_id == old_chat_id, Delivery.state.in_(PENDING_STATES))
        .values(chat_id=new_chat_id)
    )


async def mark_member_blocked(session: AsyncSession, tg_user_id: int, now: datetime) -> None:
    await session.execute(update(TgUser).where(TgUser.id == tg_user_id).values(blocked_at=now))


async def unsettled_notices(session: AsyncSession, limit: int = 50) -> list[int]:
    """Notices still marked sending with nothing left to send (a process stopped before it
    could close them)."""
    # Literal states, matching the partial index ix_deliveries_pending_notice_id word for word:
    # a prepared statement's generic plan cannot prove a bound IN implies the index predicate.
    pending = exists().where(Delivery.notice_id == Notice.id, _PENDING_SQL)
    rows = await session.scalars(
        select(Notice.id)
        .where(Notice.status == "sending", ~pending)
        .order_by(Notice.id)
        .limit(limit)
    )
    return list(rows)


async def settle_if_done(session: AsyncSession, notice_id: int, now: datetime) -> bool:
    """Mark the notice done once nothing is pending; True only for the caller that did it."""
    # Waits for a transaction still adding recipients (it holds the notice row), so their
    # rows are seen as pending rather than the notice settled under them.
    await session.execute(select(Notice.id).where(Notice.id == notice_id).with_for_update())
    pending = await session.scalar(
        select(exists().where(Delivery.notice_id == notice_id, Delivery.state.in_(PENDING_STATES)))
    )
    if pending:
        return False
    return await set_notice_status_if(
        session, notice_id, ("sending", "scheduled"), "done", finished_at=now
    )


# --- reports and acknowledgements ----------------------------------------------------------


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
