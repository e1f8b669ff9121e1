"""Roster import: validate an upload into a stored preview, then import it on confirmation."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import (
    Category,
    DuplicateIndex,
    ExistingMember,
    MemberStatus,
    Permission,
    Role,
)
from bot.domain.members.roster import (
    RosterParse,
    RosterRow,
    RowError,
    parse_roster,
    validate_roster,
)
from bot.services.identity import Actor, Membership, role_of
from bot.services.members.access import Refusal, Refused, officer, officer_in
from bot.services.members.binding import Issuer, LinkUse, MemberLink, issue_links
from bot.services.members.common import audit_member, local_today
from storage.models.core import Member
from storage.models.members import RosterImport
from storage.repos import core as core_repo
from storage.repos import members as repo

PREVIEW_TTL = timedelta(hours=2)


class ImportProblem(StrEnum):
    """Why a confirmation did nothing; rendered as "members.import.<value>"."""

    GONE = "gone"  # expired and forgotten, or never existed
    EXPIRED = "expired"
    DONE = "done"  # confirmed before
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Preview:
    key: str | None  # None when nothing can be imported
    branch_name: str
    good: int
    bad: list[RowError]


@dataclass(frozen=True)
class Imported:
    branch_name: str
    links: list[MemberLink]
    skipped: list[str]  # names that became duplicates between preview and confirmation


async def read_upload(filename: str, content: bytes) -> RosterParse:
    """Parse off the event loop: a large workbook takes a noticeable moment of CPU."""
    return await asyncio.to_thread(parse_roster, filename, content)


def can_import(actor: Actor) -> Membership | Refused:
    """The importing officer's membership (checked before anything is downloaded)."""
    return officer(actor, Permission.IMPORT_ROSTER)


def _row_json(row: RosterRow) -> dict[str, Any]:
    return {
        "line": row.line,
        "name": row.name,
        "phone": row.phone,
        "category": row.category.value,
        "group_id": row.group_id,
        "joined_on": row.joined_on.isoformat() if row.joined_on else None,
        "full_on": row.full_on.isoformat() if row.full_on else None,
        "work_unit": row.work_unit,
    }


def _day(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


async def preview(
    session: AsyncSession,
    actor: Actor,
    parsed: RosterParse,
    *,
    filename: str,
    now: datetime,
) -> Preview | Refused:
    """Validate every row; keep the good ones server-side under a short key until confirmed."""
    me = can_import(actor)
    if isinstance(me, Refused):
        return me
    await repo.purge_imports(session, now)
    # A newer upload replaces any earlier preview: confirming the old one would import an
    # outdated file (or nothing, its rows now "already entered") without saying why.
    await repo.drop_open_imports(session, me.branch_id)
    known = {g.name: g.id for g in await repo.groups(session, me.branch_id)}
    existing = [
        ExistingMember(name, phone, member_id)
        for member_id, name, phone in await repo.roster_identities(session, me.branch_id)
    ]
    today = local_today(me.branch_tz, now)
    checked = validate_roster(parsed.rows, known_groups=known, existing=existing, today=today)
    key = None
    if checked.good:
        key = secrets.token_urlsafe(9)
        await repo.add_import(
            session,
            RosterImport(
                key=key,
                branch_id=me.branch_id,
                created_by=actor.tg_id,
                filename=filename[:255],
                rows=[_row_json(r) for r in checked.good],
                bad_count=len(checked.bad),
                created_at=now,
                expires_at=now + PREVIEW_TTL,
            ),
        )
    return Preview(key, me.branch_name, len(checked.good), checked.bad)


async def _open_import(
    session: AsyncSession, actor: Actor, key: str, now: datetime
) -> tuple[RosterImport, Membership] | ImportProblem | Refused:
    record = await repo.import_by_key(session, key)
    if record is None:
        return ImportProblem.GONE
    me = officer_in(actor, record.branch_id, Permission.IMPORT_ROSTER)
    if me is None:
        return Refused(Refusal.NOT_FOUND)
    if record.confirmed_at is not None:
        return ImportProblem.DONE
    if record.cancelled_at is not None:
        return ImportProblem.CANCELLED
    if record.expires_at <= now:
        return ImportProblem.EXPIRED
    return record, me


async def confirm(
    session: AsyncSession, actor: Actor, key: str, now: datetime
) -> Imported | ImportProblem | Refused:
    """Import all stored rows in this one transaction and make each a binding link."""
    opened = await _open_import(session, actor, key, now)
    if not isinstance(opened, tuple):
        return opened
    record, me = opened
    if not await repo.close_import(session, record.id, now, confirmed=True):
        return ImportProblem.DONE
    branch = await repo.branch(session, record.branch_id)
    assert branch is not None
    groups = {g.id: g.name for g in await repo.groups(session, branch.id)}
    # Someone may have been added since the preview: check duplicates again.
    index: DuplicateIndex[int] = DuplicateIndex()
    for member_id, name, phone in await repo.roster_identities(session, branch.id):
        index.add(name, phone, member_id)
    added: list[tuple[Member, str | None]] = []
    skipped: list[str] = []
    for row in record.rows:
        name, phone = str(row["name"]), row.get("phone")
        if index.find(name, phone) is not None:
            skipped.append(name)
            continue
        index.add(name, phone, 0)
        group_id = row.get("group_id") if row.get("group_id") in groups else None
        member = Member(
            branch_id=branch.id,
            name=name,
            phone=phone,
            category=Category(row["category"]).value,
            role=Role.MEMBER.value,
            status=MemberStatus.ACTIVE.value,
            group_id=group_id,
            joined_party_on=_day(row.get("joined_on")),
            full_member_on=_day(row.get("full_on")),
            work_unit=row.get("work_unit"),
            created_at=now,
            updated_at=now,
        )
        added.append((member, groups.get(group_id) if group_id else None))
    session.add_all(m for m, _ in added)
    await session.flush()
    for member, _ in added:
        audit_member(
            session,
            member,
            actor_tg_id=actor.tg_id,
            action="member.import",
            after={"import_id": record.id, "name": member.name},
            now=now,
        )
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="roster.import",
        target="roster_import",
        target_id=record.id,
        after={"imported": len(added), "skipped": len(skipped), "file": record.filename},
        now=now,
    )
    # The copy of personal data is not needed once the records exist.
    record.rows = []
    issuer = Issuer(actor.tg_id, branch.id, role_of(me), actor.is_operator)
    links = await issue_links(session, added, issuer, now, LinkUse.IMPORT)
    return Imported(branch.name, links, skipped)


async def cancel(
    session: AsyncSession, actor: Actor, key: str, now: datetime
) -> bool | ImportProblem | Refused:
    """Drop a preview; True if it was open."""
    opened = await _open_import(session, actor, key, now)
    if not isinstance(opened, tuple):
        return opened
    record = opened[0]
    done = await repo.close_import(session, record.id, now, confirmed=False)
    if done:
        record.rows = []
    return done


async def template_groups(session: AsyncSession, actor: Actor) -> list[str] | Refused:
    """The branch's group names, for the template's dropdown."""
    me = can_import(actor)
    if isinstance(me, Refused):
        return me
    return [g.name for g in await repo.groups(session, me.branch_id)]
