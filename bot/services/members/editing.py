"""Officers edit a record's fields, category and party group; every change is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import (
    Category,
    FieldChange,
    MemberError,
    Permission,
    Role,
    RoleChangeError,
    audit_values,
    diff_member,
    normalize_phone,
    parse_date,
    validate_membership_dates,
    validate_name,
    validate_work_unit,
)
from bot.services.identity import Actor
from bot.services.members.access import Refusal, Refused
from bot.services.members.common import audit_member, load_target, local_today
from storage.models.core import Member
from storage.repos import members as repo


class EditField(StrEnum):
    """A field typed by the officer; the value travels in callback data."""

    NAME = "name"
    PHONE = "phone"
    JOINED = "joined"
    FULL = "full"
    WORK_UNIT = "work_unit"


_COLUMNS = {
    EditField.NAME: "name",
    EditField.PHONE: "phone",
    EditField.JOINED: "joined_party_on",
    EditField.FULL: "full_member_on",
    EditField.WORK_UNIT: "work_unit",
}


@dataclass(frozen=True)
class Edited:
    member_id: int
    name: str
    changes: list[FieldChange]


def snapshot(record: Member) -> dict[str, object]:
    """The audited fields of a record."""
    return {
        "name": record.name,
        "phone": record.phone,
        "category": record.category,
        "group_id": record.group_id,
        "joined_party_on": record.joined_party_on,
        "full_member_on": record.full_member_on,
        "work_unit": record.work_unit,
        "role": record.role,
        "status": record.status,
        "status_reason": record.status_reason,
    }


def _record_changes(
    session: AsyncSession,
    record: Member,
    before: dict[str, object],
    actor: Actor,
    action: str,
    now: datetime,
) -> Edited:
    changes = diff_member(before, snapshot(record))
    if changes:
        record.updated_at = now
        old, new = audit_values(changes)
        audit_member(
            session, record, actor_tg_id=actor.tg_id, action=action, before=old, after=new, now=now
        )
    return Edited(record.id, record.name, changes)


def _date_value(field: EditField, raw: str | None) -> date | MemberError | None:
    if raw is None:
        return None
    parsed = parse_date(raw)
    if parsed is None:
        invalid = MemberError.JOINED_DATE_INVALID
        return invalid if field is EditField.JOINED else MemberError.FULL_DATE_INVALID
    return parsed


async def _field_value(
    session: AsyncSession, record: Member, field: EditField, raw: str | None
) -> object | MemberError:
    """The new stored value of field from what was typed (None: clear it)."""
    if field is EditField.NAME:
        return validate_name(raw or "")
    if field is EditField.WORK_UNIT:
        return None if raw is None else validate_work_unit(raw)
    if field is EditField.PHONE:
        phone = None if raw is None else normalize_phone(raw)
        if isinstance(phone, str):
            for other_id, _, other_phone in await repo.roster_identities(session, record.branch_id):
                if other_id != record.id and other_phone == phone:
                    return MemberError.PHONE_TAKEN
        return phone
    return _date_value(field, raw)


async def edit_field(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    field: EditField,
    raw: str | None,
    now: datetime,
) -> Edited | MemberError | Refused:
    """Set one typed field (raw None clears an optional field), validated by the domain rules."""
    found = await load_target(session, actor, member_id, Permission.EDIT_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    value = await _field_value(session, record, field, raw)
    if isinstance(value, MemberError):
        return value
    if field in (EditField.JOINED, EditField.FULL):
        branch = await repo.branch(session, record.branch_id)
        today = local_today(branch.timezone if branch else "Asia/Shanghai", now)
        joined = value if field is EditField.JOINED else record.joined_party_on
        full = value if field is EditField.FULL else record.full_member_on
        assert joined is None or isinstance(joined, date)
        assert full is None or isinstance(full, date)
        problems = validate_membership_dates(joined, full, Category(record.category), today)
        if problems:
            return problems[0]
    before = snapshot(record)
    setattr(record, _COLUMNS[field], value)
    return _record_changes(session, record, before, actor, "member.edit", now)


async def set_category(
    session: AsyncSession, actor: Actor, member_id: int, category: Category, now: datetime
) -> Edited | MemberError | Refused:
    """Change the category if the membership dates still make sense for it."""
    found = await load_target(session, actor, member_id, Permission.EDIT_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    branch = await repo.branch(session, record.branch_id)
    today = local_today(branch.timezone if branch else "Asia/Shanghai", now)
    problems = validate_membership_dates(
        record.joined_party_on, record.full_member_on, category, today
    )
    if problems:
        return problems[0]
    before = snapshot(record)
    record.category = category.value
    return _record_changes(session, record, before, actor, "member.edit", now)


async def set_group(
    session: AsyncSession, actor: Actor, member_id: int, group_id: int | None, now: datetime
) -> Edited | RoleChangeError | Refused:
    """Move a record to another party group of its own branch (None: no group)."""
    found = await load_target(session, actor, member_id, Permission.EDIT_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    if (
        group_id is not None
        and await repo.group_in_branch(session, record.branch_id, group_id) is None
    ):
        return Refused(Refusal.NOT_FOUND)
    if group_id is None and record.role == Role.GROUP_LEADER:
        return RoleChangeError.GROUP_LEADER_WITHOUT_GROUP
    before = snapshot(record)
    record.group_id = group_id
    return _record_changes(session, record, before, actor, "member.group", now)
