"""Queries for privacy notices, members' own data and the audit log; never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, Table, and_, false, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.base import Base
from storage.models.core import AuditEntry, Member, TgUser
from storage.models.privacy import DataRequest, PrivacyConsent
from storage.repos import core as core_repo

# Rows of one table read for a person's own export: far more than anyone has, a bound all the
# same so one request cannot read a whole table.
MAX_ROWS = 5000
# Secrets and routing data that are not about the person: never exported.
_NEVER_EXPORTED = frozenset({"token"})


async def has_consent(session: AsyncSession, tg_id: int, branch_id: int) -> bool:
    found = await session.scalar(
        select(PrivacyConsent.id)
        .where(PrivacyConsent.tg_user_id == tg_id, PrivacyConsent.branch_id == branch_id)
        .limit(1)
    )
    return found is not None


def add_consent(
    session: AsyncSession, tg_id: int, branch_id: int, version: str, via: str, now: datetime
) -> None:
    session.add(
        PrivacyConsent(
            tg_user_id=tg_id, branch_id=branch_id, version=version, via=via, accepted_at=now
        )
    )


async def consents(session: AsyncSession, tg_id: int) -> Sequence[PrivacyConsent]:
    rows = await session.scalars(
        select(PrivacyConsent).where(PrivacyConsent.tg_user_id == tg_id).order_by(PrivacyConsent.id)
    )
    return list(rows)


# --- a person's own data --------------------------------------------------------------------


@dataclass(frozen=True)
class TableRows:
    table: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def subject_tables(subject_columns: Collection[str]) -> list[tuple[Table, list[str]]]:
    """Every table with a column naming the member a row is about, found from the models, so a
    table a new feature adds is exported (and scrubbed) without anyone remembering to."""
    found: list[tuple[Table, list[str]]] = []
    for table in Base.metadata.sorted_tables:
        if table.name == "members":
            continue
        cols = [
            c.name
            for c in table.columns
            if c.name in subject_columns
            and any(fk.column.table.name == "members" for fk in c.foreign_keys)
        ]
        if cols:
            found.append((table, cols))
    return found


async def subject_rows(
    session: AsyncSession, member_id: int, subject_columns: Collection[str]
) -> list[TableRows]:
    out: list[TableRows] = []
    for table, cols in subject_tables(subject_columns):
        shown = [c for c in table.columns if c.name not in _NEVER_EXPORTED]
        where = or_(*(table.c[c] == member_id for c in cols))
        result = await session.execute(
            select(*shown).where(where).order_by(*table.primary_key.columns).limit(MAX_ROWS)
        )
        rows = tuple(tuple(r) for r in result)
        if rows:
            out.append(TableRows(table.name, tuple(c.name for c in shown), rows))
    return out


async def scrub_subject_rows(
    session: AsyncSession,
    member_id: int,
    subject_columns: Collection[str],
    scrubbed: Collection[str],
) -> int:
    """Clear the person's free text and photos in the rows the branch keeps; returns rows hit."""
    touched = 0
    for table, cols in subject_tables(subject_columns):
        values: dict[str, object] = {}
        for column in table.columns:
            if column.name not in scrubbed:
                continue
            if column.nullable:
                values[column.name] = None
            elif isinstance(column.type, JSON):
                values[column.name] = []  # photo lists
            elif column.type.python_type is str:
                values[column.name] = ""
        if not values:
            continue
        result = await session.execute(
            update(table).where(or_(*(table.c[c] == member_id for c in cols))).values(**values)
        )
        touched += int(result.rowcount or 0)  # type: ignore[attr-defined]
    return touched


async def audit_about(session: AsyncSession, branch_id: int, member_id: int) -> list[AuditEntry]:
    """The branch's audit rows about one member (their record's changes), for a deletion."""
    rows = await session.scalars(
        select(AuditEntry).where(
            AuditEntry.branch_id == branch_id,
            AuditEntry.target == "member",
            AuditEntry.target_id == member_id,
        )
    )
    return list(rows)


async def audit_with_values(
    session: AsyncSession, branch_id: int, after_id: int, limit: int
) -> list[AuditEntry]:
    """A page of the branch's audit rows that carry before/after values, by id."""
    rows = await session.scalars(
        select(AuditEntry)
        .where(
            AuditEntry.branch_id == branch_id,
            AuditEntry.id > after_id,
            or_(AuditEntry.before.is_not(None), AuditEntry.after.is_not(None)),
        )
        .order_by(AuditEntry.id)
        .limit(limit)
    )
    return list(rows)


async def forget_account(session: AsyncSession, tg_id: int, now: datetime) -> None:
    """The account's Telegram name goes, and is not kept again until a notice is accepted."""
    await session.execute(
        update(TgUser)
        .where(TgUser.id == tg_id)
        .values(first_name="", username=None, privacy_accepted_at=None, updated_at=now)
    )


async def request(session: AsyncSession, request_id: int) -> DataRequest | None:
    return await session.get(DataRequest, request_id, populate_existing=True)


def add_request(session: AsyncSession, row: DataRequest) -> None:
    session.add(row)


async def requests_of(session: AsyncSession, member_id: int) -> Sequence[DataRequest]:
    rows = await session.scalars(
        select(DataRequest).where(DataRequest.member_id == member_id).order_by(DataRequest.id)
    )
    return list(rows)


# --- the audit log --------------------------------------------------------------------------


def _audit_filter(branch_id: int, person: Member | None, family: str | None) -> ColumnElement[bool]:
    cond: ColumnElement[bool] = AuditEntry.branch_id == branch_id
    if person is not None:
        by = AuditEntry.actor_tg_id == person.tg_user_id if person.tg_user_id else false()
        about = and_(AuditEntry.target == "member", AuditEntry.target_id == person.id)
        cond = and_(cond, or_(by, about))
    if family:
        cond = and_(cond, or_(AuditEntry.action == family, AuditEntry.action.like(f"{family}.%")))
    return cond


async def audit_count(
    session: AsyncSession, branch_id: int, person: Member | None, family: str | None
) -> int:
    total = await session.scalar(
        select(func.count()).select_from(AuditEntry).where(_audit_filter(branch_id, person, family))
    )
    return int(total or 0)


async def audit_rows(
    session: AsyncSession,
    branch_id: int,
    person: Member | None,
    family: str | None,
    *,
    offset: int,
    limit: int,
) -> list[tuple[AuditEntry, str | None]]:
    """Newest first, with the acting person's name in the branch (or their Telegram name)."""
    rows = await session.execute(
        core_repo.audit_named()
        .where(_audit_filter(branch_id, person, family))
        .offset(offset)
        .limit(limit)
    )
    return [(entry, name) for entry, name in rows]


async def audit_families(session: AsyncSession, branch_id: int) -> list[str]:
    """The kinds of action the branch's log holds ("member", "dues", ...), for filter buttons."""
    rows = await session.scalars(
        select(AuditEntry.action).where(AuditEntry.branch_id == branch_id).distinct().limit(500)
    )
    return sorted({a.split(".", 1)[0] for a in rows if a})


async def audit_people(session: AsyncSession, branch_id: int, limit: int) -> list[Member]:
    """The branch's officers and anyone who acted in its log, for the person filter."""
    acted = select(AuditEntry.actor_tg_id).where(AuditEntry.branch_id == branch_id).distinct()
    rows = await session.scalars(
        select(Member)
        .where(
            Member.branch_id == branch_id,
            or_(Member.role != "member", Member.tg_user_id.in_(acted)),
        )
        .order_by(Member.name)
        .limit(limit)
    )
    return list(rows)
