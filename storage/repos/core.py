"""Queries for Telegram accounts, branches and memberships; never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, func, join, literal, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.models.core import AppState, AuditEntry, Branch, Member, TgUser
from storage.types import UTCDateTime

__all__ = ["TgUser"]


def _is_pg(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@dataclass(frozen=True)
class Account:
    """What every update needs of its sender's account row (a plain row, not an ORM object)."""

    first_name: str
    username: str | None
    language: str | None
    current_branch_id: int | None
    started_at: datetime | None
    blocked_at: datetime | None
    privacy_accepted_at: datetime | None


@dataclass(frozen=True)
class Enrolment:
    """One of the person's roster records with its branch, as the actor needs it."""

    member_id: int
    group_id: int | None
    name: str
    category: str
    role: str
    status: str
    branch_id: int
    branch_name: str
    branch_tz: str


_ACCOUNT = tuple(getattr(TgUser, f.name) for f in fields(Account))
_ENROLMENT = (
    Member.id,
    Member.group_id,
    Member.name,
    Member.category,
    Member.role,
    Member.status,
    Branch.id,
    Branch.name,
    Branch.timezone,
)


async def account_with_roster(
    session: AsyncSession, tg_id: int
) -> tuple[Account | None, list[Enrolment]]:
    """The account row and the person's live roster records (as `memberships`) in one
    statement of plain columns: every update reads both (issue 10), and building ORM objects
    for three tables cost more than the query."""
    roster = join(Member, Branch, and_(Branch.id == Member.branch_id, Branch.archived_at.is_(None)))
    rows = (
        await session.execute(
            select(*_ACCOUNT, *_ENROLMENT)
            .select_from(TgUser)
            .outerjoin(
                roster,
                and_(Member.tg_user_id == TgUser.id, Member.status.in_(("active", "pending"))),
            )
            .where(TgUser.id == tg_id)
            .order_by(Member.id)
        )
    ).all()
    if not rows:
        return None, []
    cut = len(_ACCOUNT)
    account = Account(*rows[0][:cut])
    return account, [Enrolment(*r[cut:]) for r in rows if r[cut] is not None]


async def refresh_tg_user(
    session: AsyncSession,
    tg_id: int,
    account: Account | None,
    first_name: str,
    username: str | None,
    now: datetime,
    *,
    started: bool,
) -> Account:
    """Create the account row, or change only what differs from what Telegram now says.

    `account` is the row as just read (account_with_roster), None when there is none.
    An update that changes nothing writes nothing, so it takes no write lock on SQLite (most
    presses come from people whose name has not changed since the last one). A private message
    means the person started the bot: recorded the first time and after they had blocked it.
    The Telegram name and username are personal data: kept only once the person accepted a
    privacy notice (`privacy_accepted_at`); until then the row holds the id for routing only.
    """
    if account is None:
        user = await _insert_tg_user(session, tg_id, now, started=started)
        return Account(*(getattr(user, f.name) for f in fields(Account)))
    changes: dict[str, Any] = {}
    if account.privacy_accepted_at is not None:
        if account.first_name != first_name[:128]:
            changes["first_name"] = first_name[:128]
        if account.username != username:
            changes["username"] = username
    if started and (account.started_at is None or account.blocked_at is not None):
        changes |= {"started_at": now, "blocked_at": None}
    if not changes:
        return account
    await session.execute(
        update(TgUser).where(TgUser.id == tg_id).values(**changes, updated_at=now)
    )
    return replace(account, **changes)


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


def audit_named() -> Select[AuditEntry, str]:
    """Audit entries, newest first, each with the name of who acted: their name on the branch's
    roster, or their Telegram name if they are not on it. The caller adds its filter and limit."""
    actor = aliased(Member)
    return (
        select(AuditEntry, func.coalesce(actor.name, TgUser.first_name))
        .outerjoin(
            actor,
            (actor.tg_user_id == AuditEntry.actor_tg_id)
            & (actor.branch_id == AuditEntry.branch_id),
        )
        .outerjoin(TgUser, TgUser.id == AuditEntry.actor_tg_id)
        .order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    )
