"""Roster import: parse_roster reads an uploaded file, validate_roster checks its rows.

Pure: the caller passes the uploaded bytes, the branch's groups and members, and today.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from bot.domain.members import (
    Category,
    DuplicateIndex,
    DuplicateKind,
    ExistingMember,
    MemberError,
    normalize_phone,
    parse_category,
    parse_date,
    validate_membership_dates,
    validate_name,
    validate_work_unit,
)
from bot.domain.members.roster_read import (
    HEADER_SEARCH_ROWS,
    MAX_BYTES,
    MAX_ROWS,
    Column,
    RawRow,
    RosterError,
    RosterParse,
    parse_roster,
)
from bot.domain.members.sheets import (
    TEMPLATE_HEADERS,
    binding_links_xlsx,
    roster_template_csv,
    roster_template_xlsx,
)

__all__ = [
    "HEADER_SEARCH_ROWS",
    "MAX_BYTES",
    "MAX_ROWS",
    "TEMPLATE_HEADERS",
    "Column",
    "ExistingMember",
    "RawRow",
    "RosterError",
    "RosterParse",
    "RosterPreview",
    "RosterRow",
    "RowError",
    "binding_links_xlsx",
    "parse_roster",
    "roster_template_csv",
    "roster_template_xlsx",
    "validate_roster",
]


@dataclass(frozen=True)
class RosterRow:
    """A row that can be imported."""

    line: int
    name: str
    phone: str | None
    category: Category
    group_id: int | None
    group_name: str | None
    joined_on: date | None
    full_on: date | None
    work_unit: str | None


@dataclass(frozen=True)
class RowError:
    """A row that cannot be imported and why; duplicate_of_* say what it duplicates."""

    line_number: int
    name: str
    reasons: list[MemberError]
    duplicate_of_line: int | None = None
    duplicate_of_member: int | None = None


@dataclass(frozen=True)
class RosterPreview:
    good: list[RosterRow]
    bad: list[RowError]


def _group_key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def _date_field(value: str | date, invalid: MemberError) -> date | MemberError | None:
    if isinstance(value, date):
        return value
    if not value.strip():
        return None
    parsed = parse_date(value)
    return invalid if parsed is None else parsed


@dataclass
class _Checked:
    name: str | None = None
    phone: str | None = None
    category: Category | None = None
    group: tuple[int, str] | None = None
    joined: date | None = None
    full: date | None = None
    work_unit: str | None = None
    reasons: list[MemberError] = field(default_factory=list)


def _check_fields(
    raw: RawRow,
    groups: Mapping[str, tuple[int, str]],
    today: date,
    default_category: Category | None,
) -> _Checked:
    out = _Checked()
    reasons = out.reasons
    name = validate_name(raw.name)
    if isinstance(name, MemberError):
        reasons.append(name)
    else:
        out.name = name
    phone = normalize_phone(raw.phone)
    if isinstance(phone, MemberError):
        reasons.append(phone)
    else:
        out.phone = phone
    if not raw.category.strip():
        out.category = default_category
        if default_category is None:
            reasons.append(MemberError.CATEGORY_MISSING)
    else:
        out.category = parse_category(raw.category)
        if out.category is None:
            reasons.append(MemberError.CATEGORY_UNKNOWN)
    if raw.group.strip():
        out.group = groups.get(_group_key(raw.group))
        if out.group is None:
            reasons.append(MemberError.GROUP_UNKNOWN)
    joined = _date_field(raw.joined, MemberError.JOINED_DATE_INVALID)
    full = _date_field(raw.full, MemberError.FULL_DATE_INVALID)
    for value in (joined, full):
        if isinstance(value, MemberError):
            reasons.append(value)
    out.joined = joined if isinstance(joined, date) else None
    out.full = full if isinstance(full, date) else None
    reasons.extend(validate_membership_dates(out.joined, out.full, out.category, today))
    work_unit = validate_work_unit(raw.work_unit)
    if isinstance(work_unit, MemberError):
        reasons.append(work_unit)
    else:
        out.work_unit = work_unit
    return out


def validate_roster(
    rows: Iterable[RawRow],
    *,
    known_groups: Mapping[str, int],
    existing: Iterable[ExistingMember],
    today: date,
    default_category: Category | None = Category.DIRECT,
) -> RosterPreview:
    """Split rows into importable ones and errors with reasons.

    Group names match after removing spaces (and width/case); an empty category means
    default_category (None: an error). Duplicates follow members.DuplicateIndex: against
    existing members (DUPLICATE_EXISTING, or PHONE_TAKEN for the same phone under another
    name) and against earlier rows of the file (DUPLICATE_IN_FILE; the first row stays good).
    """
    groups = {_group_key(name): (gid, name) for name, gid in known_groups.items()}
    members: DuplicateIndex[ExistingMember] = DuplicateIndex()
    for member in existing:
        members.add(member.name, member.phone, member)
    in_file: DuplicateIndex[int] = DuplicateIndex()
    good: list[RosterRow] = []
    bad: list[RowError] = []
    for raw in rows:
        checked = _check_fields(raw, groups, today, default_category)
        dup_line: int | None = None
        dup_member: int | None = None
        if checked.name is not None:
            if found := members.find(checked.name, checked.phone):
                kind, member = found
                same = kind is DuplicateKind.SAME_PERSON
                checked.reasons.append(
                    MemberError.DUPLICATE_EXISTING if same else MemberError.PHONE_TAKEN
                )
                dup_member = member.member_id
            if earlier := in_file.find(checked.name, checked.phone):
                checked.reasons.append(MemberError.DUPLICATE_IN_FILE)
                dup_line = earlier[1]
            in_file.add(checked.name, checked.phone, raw.line)
        if checked.reasons or checked.name is None or checked.category is None:
            name = checked.name or raw.name.strip()
            bad.append(RowError(raw.line, name, checked.reasons, dup_line, dup_member))
            continue
        group_id, group_name = checked.group if checked.group else (None, None)
        good.append(
            RosterRow(
                line=raw.line,
                name=checked.name,
                phone=checked.phone,
                category=checked.category,
                group_id=group_id,
                group_name=group_name,
                joined_on=checked.joined,
                full_on=checked.full,
                work_unit=checked.work_unit,
            )
        )
    return RosterPreview(good, bad)
