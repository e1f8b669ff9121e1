"""Queries for Telegram accounts, branches and memberships; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import and_, func, join, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import AppState, AuditEntry, Branch, Member, TgUser
from storage.types import UTCDateTime

__all__ = ["TgUser"]


def _is_pg(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


async def refresh_tg_user(
    session: AsyncSession,
    tg_id: int,
    first_name: str,
    username: str | None,
    now: datetime,
    *,
    started: bool,
) -> TgUser:
    """Create the account row, or change only what differs from what Telegram now says.

    An update that changes nothing writes nothing, so it takes no write lock on SQLite (most
    presses come from people whose name has not changed since the last one). A private message
    means the person started the bot: recorded the first time and after they had blocked it.
    The Telegram name and username are personal data: kept only once the person accepted a
    privacy notice (`privacy_accepted_at`); until then the row holds the id for routing only.
    """
    user = await session.get(TgUser, tg_id)
    if user is None:
        return await _insert_tg_user(session, tg_id, now, started=started)
    changes: dict[str, object] = {}
    if user.privacy_accepted_at is not None:
        if user.first_name != first_name[:128]:
            changes["first_name"] = first_name[:128]
        if user.username != username:
            changes["username"] = username
    if started and (user.started_at is None or user.blocked_at is not None):
        changes |= {"started_at": now, "blocked_at": None}
    if not changes:
        return user
    await session.execute(
        update(TgUser).where(TgUser.id == tg_id).values(**changes, updated_at=now)
    )
    refreshed = await session.get(TgUser, tg_id, populate_existing=True)
    assert refreshed is not None
    return refreshed


async def _insert_tg_user(
    session: AsyncSession, tg_id: int, now: datetime, *, started: bool
) -> TgUser:
    # A new account has accepted no privacy notice yet: no name, no username.
    values: dict[str, object] = {
        "id": tg_id,
        "first_name": "",
        "created_at": now,
        "updated_at": now,
    }
    # Another process may have created the row since we looked: then refresh it instead.
    changes: dict[str, object] = {"updated_at": now}
    if started:
        values |= {"started_at": now, "blocked_at": None}
        changes |= {"started_at": now, "blocked_at": None}
    insert = pg_insert if _is_pg(session) else sqlite_insert
    stmt = (
        insert(TgUser)
        .values(**values)
        .on_conflict_do_update(index_elements=[TgUser.id], set_=changes)
    )
    await session.execute(stmt)
    user = await session.get(TgUser, tg_id, populate_existing=True)
    assert user is not None
    return user


async def memberships(session: AsyncSession, tg_id: int) -> Sequence[tuple[Member, Branch]]:
    """The person's roster records (any status but archived) with their branches."""
    rows = await session.execute(
        select(Member, Branch)
        .join(Branch, Branch.id == Member.branch_id)
        .where(
            Member.tg_user_id == tg_id,
            Member.status.in_(("active", "pending")),
            Branch.archived_at.is_(None),
        )
        .order_by(Member.id)
    )
    return [(m, b) for m, b in rows]


async def account_with_memberships(
    session: AsyncSession, tg_id: int
) -> tuple[TgUser | None, Sequence[tuple[Member, Branch]]]:
    """The account row and `memberships(tg_id)` in one statement (every update reads both).

    The row lands in the session's identity map, so refresh_tg_user's lookup that follows
    costs no second query."""
    roster = join(Member, Branch, and_(Branch.id == Member.branch_id, Branch.archived_at.is_(None)))
    rows = await session.execute(
        select(TgUser, Member, Branch)
        .select_from(TgUser)
        .outerjoin(
            roster,
            and_(Member.tg_user_id == TgUser.id, Member.status.in_(("active", "pending"))),
        )
        .where(TgUser.id == tg_id)
        .order_by(Member.id)
    )
    found = rows.all()
    user = found[0][0] if found else None
    return user, [(m, b) for _, m, b in found if m is not None and b is not None]


async def set_language(session: AsyncSession, tg_id: int, lang: str) -> None:
    await session.execute(update(TgUser).where(TgUser.id == tg_id).values(language=lang))


async def set_current_branch(session: AsyncSession, tg_id: int, branch_id: int) -> None:
    await session.execute(
        update(TgUser).where(TgUser.id == tg_id).values(current_branch_id=branch_id)
    )


async def accept_privacy(session: AsyncSession, tg_id: int, first_name: str, now: datetime) -> None:
    """The person accepted a privacy notice: from now on their Telegram name is kept."""
    await session.execute(
        update(TgUser)
        .where(TgUser.id == tg_id)
        .values(
            privacy_accepted_at=func.coalesce(
                TgUser.privacy_accepted_at, literal(now, UTCDateTime())
            ),
            first_name=first_name[:128],
            updated_at=now,
        )
    )


async def mark_blocked(session: AsyncSession, tg_id: int, when: datetime) -> None:
    await session.execute(update(TgUser).where(TgUser.id == tg_id).values(blocked_at=when))


def audit(
    session: AsyncSession,
    *,
    branch_id: int | None,
    actor_tg_id: int | None,
    action: str,
    target: str,
    target_id: int | None,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
    now: datetime,
) -> None:
    session.add(
        AuditEntry(
            branch_id=branch_id,
            actor_tg_id=actor_tg_id,
            action=action,
            target=target,
            target_id=target_id,
            before=before,
            after=after,
            created_at=now,
        )
    )


async def get_state(session: AsyncSession, key: str) -> str | None:
    row = await session.get(AppState, key)
    return row.value if row else None


async def set_state_if_absent(session: AsyncSession, key: str, value: str) -> str:
    """Store `value` unless another process stored one first; return the stored value."""
    insert = pg_insert if _is_pg(session) else sqlite_insert
    await session.execute(
        insert(AppState)
        .values(key=key, value=value)
        .on_conflict_do_nothing(index_elements=[AppState.key])
    )
    stored = await get_state(session, key)
    assert stored is not None
    return stored
