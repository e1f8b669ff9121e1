"""/mydata: everything the bot holds about a member, as a spreadsheet and as JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.privacy import SUBJECT_COLUMNS, personal_file_name
from bot.domain.sheets import append_row, new_workbook, workbook_bytes
from bot.services.identity import Actor
from bot.services.privacy.common import Refused, member_of
from storage.models.core import TgUser
from storage.repos import core as core_repo
from storage.repos import members as members_repo
from storage.repos import privacy as repo

_PROFILE = (
    "id",
    "name",
    "phone",
    "category",
    "role",
    "status",
    "joined_party_on",
    "full_member_on",
    "work_unit",
    "created_at",
)


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


@dataclass(frozen=True)
class MyData:
    branch_name: str
    name: str
    sections: tuple[Section, ...]
    xlsx: bytes
    json: bytes
    xlsx_name: str
    json_name: str


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def build_xlsx(sections: tuple[Section, ...]) -> bytes:
    """One sheet per section; every value a person typed is written inert."""
    wb, first = new_workbook()
    for index, section in enumerate(sections):
        ws = first if index == 0 else wb.create_sheet()
        ws.title = section.title[:31]
        append_row(ws, section.columns)
        for row in section.rows:
            append_row(ws, [_plain(v) for v in row])
    return workbook_bytes(wb)


def _json(branch: str, sections: tuple[Section, ...]) -> bytes:
    doc = {
        "branch": branch,
        "sections": {
            s.title: [dict(zip(s.columns, (_plain(v) for v in row), strict=True)) for row in s.rows]
            for s in sections
        },
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, default=str).encode()


async def collect(session: AsyncSession, actor: Actor, now: datetime) -> MyData | Refused:
    """The member's own data in the current branch: their record, their account, what they
    accepted, every row of every table about them, and the audit trail of their record."""
    me = member_of(actor)
    if isinstance(me, Refused):
        return me
    record = await members_repo.member(session, me.member_id)
    assert record is not None
    group = await members_repo.group_in_branch(session, record.branch_id, record.group_id or 0)
    profile = [getattr(record, c) for c in _PROFILE]
    sections = [
        Section("member", (*_PROFILE, "group"), ((*profile, group.name if group else None),)),
    ]
    account = await session.get(TgUser, actor.tg_id)
    if account is not None:
        cols: tuple[str, ...] = (
            "tg_id",
            "first_name",
            "username",
            "language",
            "started_at",
            "privacy_accepted_at",
        )
        values = (
            account.id,
            account.first_name,
            account.username,
            account.language,
            account.started_at,
            account.privacy_accepted_at,
        )
        sections.append(Section("telegram_account", cols, (values,)))
    consents = [
        (c.branch_id, c.version, c.via, c.accepted_at)
        for c in await repo.consents(session, actor.tg_id)
    ]
    if consents:
        cols = ("branch_id", "version", "via", "accepted_at")
        sections.append(Section("privacy_consents", cols, tuple(consents)))
    for table in await repo.subject_rows(session, record.id, SUBJECT_COLUMNS):
        sections.append(Section(table.table, table.columns, table.rows))
    history = await members_repo.history(session, record.id, 500)
    if history:
        cols = ("created_at", "action", "by", "before", "after")
        rows = tuple((e.created_at, e.action, who, e.before, e.after) for e, who in history)
        sections.append(Section("record_history", cols, rows))
    branch = me.branch_name
    frozen = tuple(sections)
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="privacy.export_own",
        target="member",
        target_id=record.id,
        after={"sections": [s.title for s in frozen]},
        now=now,
    )
    day = now.date()
    return MyData(
        branch_name=branch,
        name=record.name,
        sections=frozen,
        xlsx=build_xlsx(frozen),
        json=_json(branch, frozen),
        xlsx_name=personal_file_name("我的数据", branch, day),
        json_name=personal_file_name("我的数据", branch, day, "json"),
    )
