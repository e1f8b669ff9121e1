"""/audit: the branch's audit log for its secretary, paged, filtered, exported."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.privacy import AUDIT_PAGE, page_count, personal_file_name, safe_page
from bot.domain.sheets import append_row, new_workbook, workbook_bytes
from bot.services.identity import Actor, Membership
from bot.services.privacy.common import Refusal, Refused, secretary_of
from storage.models.core import AuditEntry, Member
from storage.repos import core as core_repo
from storage.repos import members as members_repo
from storage.repos import privacy as repo

PEOPLE_SHOWN = 12  # person filter buttons
MAX_EXPORT = 20_000  # entries in one export: years of a branch's log


@dataclass(frozen=True)
class Line:
    when: str  # in the branch's time zone
    who: str
    action: str
    target: str
    target_id: int | None
    detail: str


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str


@dataclass(frozen=True)
class AuditPage:
    branch_name: str
    lines: tuple[Line, ...]
    page: int
    pages: int
    total: int
    person: Person | None
    family: str | None
    families: tuple[str, ...]
    people: tuple[Person, ...]


@dataclass(frozen=True)
class AuditExport:
    data: bytes
    file_name: str
    rows: int


def _detail(entry: AuditEntry) -> str:
    parts = []
    if entry.before:
        parts.append(json.dumps(entry.before, ensure_ascii=False, default=str))
    if entry.after:
        parts.append(json.dumps(entry.after, ensure_ascii=False, default=str))
    return " → ".join(parts)


def _line(entry: AuditEntry, who: str | None, tz: ZoneInfo) -> Line:
    when = entry.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    who_text = who or (str(entry.actor_tg_id) if entry.actor_tg_id else "—")
    return Line(when, who_text, entry.action, entry.target, entry.target_id, _detail(entry))


async def _filters(
    session: AsyncSession, me: Membership, person_id: int | None, family: str | None
) -> tuple[Member | None, str | None]:
    person = None
    if person_id:
        found = await members_repo.member(session, person_id)
        # Another branch's id (forged) is simply no filter: nothing about it is shown.
        person = found if found is not None and found.branch_id == me.branch_id else None
    families = await repo.audit_families(session, me.branch_id)
    return person, family if family in families else None


async def page(
    session: AsyncSession,
    actor: Actor,
    page_no: int,
    person_id: int | None = None,
    family: str | None = None,
) -> AuditPage | Refused:
    me = secretary_of(actor, "privacy.audit")
    if isinstance(me, Refused):
        return me
    person, fam = await _filters(session, me, person_id, family)
    total = await repo.audit_count(session, me.branch_id, person, fam)
    shown = safe_page(page_no, total)
    rows = await repo.audit_rows(
        session, me.branch_id, person, fam, offset=shown * AUDIT_PAGE, limit=AUDIT_PAGE
    )
    tz = ZoneInfo(me.branch_tz)
    people = await repo.audit_people(session, me.branch_id, PEOPLE_SHOWN)
    return AuditPage(
        branch_name=me.branch_name,
        lines=tuple(_line(e, who, tz) for e, who in rows),
        page=shown,
        pages=page_count(total),
        total=total,
        person=Person(person.id, person.name) if person else None,
        family=fam,
        families=tuple(await repo.audit_families(session, me.branch_id)),
        people=tuple(Person(p.id, p.name) for p in people),
    )


_HEAD = ("时间 time", "操作人 by", "操作 action", "对象 target", "编号 id", "内容 detail")


def build_xlsx(lines: Sequence[Line]) -> bytes:
    """The log as a sheet; actions' details hold people's text, written inert."""
    wb, ws = new_workbook()
    ws.title = "audit"
    append_row(ws, _HEAD)
    for line in lines:
        append_row(ws, (line.when, line.who, line.action, line.target, line.target_id, line.detail))
    return workbook_bytes(wb)


async def export(
    session: AsyncSession,
    actor: Actor,
    now: datetime,
    person_id: int | None = None,
    family: str | None = None,
) -> AuditExport | Refused:
    """The (filtered) log as .xlsx; it names people, so its export is itself audited."""
    me = secretary_of(actor, "privacy.audit")
    if isinstance(me, Refused):
        return me
    person, fam = await _filters(session, me, person_id, family)
    rows = await repo.audit_rows(session, me.branch_id, person, fam, offset=0, limit=MAX_EXPORT)
    tz = ZoneInfo(me.branch_tz)
    data = build_xlsx([_line(entry, who, tz) for entry, who in rows])
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="privacy.audit_export",
        target="branch",
        target_id=me.branch_id,
        after={"rows": len(rows), "person_id": person.id if person else None, "family": fam},
        now=now,
    )
    name = personal_file_name("审计日志", me.branch_name, now.astimezone(tz).date())
    return AuditExport(data, name, len(rows))


__all__ = [
    "AuditExport",
    "AuditPage",
    "Line",
    "Person",
    "Refusal",
    "build_xlsx",
    "export",
    "page",
]
