"""Member rules: who is a member, who votes, party age, date consistency, duplicates, audit diffs.

Also the one import point for the member vocabulary: categories, roles and permissions,
field validators (re-exported from members_fields and members_roles).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Generic, TypeVar

from bot.domain.members.fields import (
    NAME_MAX_CHARS,
    WORK_UNIT_MAX_CHARS,
    Category,
    MemberError,
    name_key,
    normalize_phone,
    parse_category,
    parse_date,
    validate_name,
    validate_work_unit,
)
from bot.domain.members.roles import (
    ROLE_ORDER,
    Permission,
    Role,
    RoleChangeError,
    Scope,
    at_least,
    binding_link_opens,
    binding_reported,
    can,
    can_act_on_group,
    can_act_on_member,
    can_branchwide,
    check_role_change,
    may_get_binding_link,
    parse_role,
    role_rank,
    scope,
)

__all__ = [
    "EARLIEST_PARTY_DATE",
    "NAME_MAX_CHARS",
    "ROLE_ORDER",
    "STATUS_TRANSITIONS",
    "WORK_UNIT_MAX_CHARS",
    "Category",
    "Duplicate",
    "DuplicateIndex",
    "DuplicateKind",
    "ExistingMember",
    "FieldChange",
    "MemberError",
    "MemberStatus",
    "Permission",
    "Role",
    "RoleChangeError",
    "Scope",
    "add_years",
    "at_least",
    "audit_values",
    "binding_link_opens",
    "binding_reported",
    "can",
    "can_act_on_group",
    "can_act_on_member",
    "can_branchwide",
    "can_change_status",
    "check_role_change",
    "diff_member",
    "find_duplicate",
    "has_vote",
    "is_party_member",
    "is_voting_member",
    "may_get_binding_link",
    "member_party_age",
    "name_key",
    "normalize_phone",
    "parse_category",
    "parse_date",
    "parse_role",
    "party_age",
    "party_age_or_none",
    "pays_dues",
    "probation_due",
    "probation_ends_on",
    "role_rank",
    "scope",
    "status_change_permission",
    "validate_membership_dates",
    "validate_name",
    "validate_work_unit",
]

R = TypeVar("R")

# 中国共产党 founding; an earlier membership date is a typo.
EARLIEST_PARTY_DATE = date(1921, 7, 1)

_FULL_MEMBERS = frozenset({Category.DIRECT, Category.EMPLOYED, Category.MOBILE, Category.RETIRED})


class MemberStatus(StrEnum):
    """Lifecycle of a roster record; values are stored in the DB."""

    PENDING = "pending"  # applied through an invite, waiting for approval
    ACTIVE = "active"
    TRANSFERRED = "transferred"  # membership moved to another branch (转出)
    ARCHIVED = "archived"  # left the roster (deceased, left the Party, entered by mistake)
    REJECTED = "rejected"  # application refused


STATUS_TRANSITIONS: Mapping[MemberStatus, frozenset[MemberStatus]] = {
    MemberStatus.PENDING: frozenset({MemberStatus.ACTIVE, MemberStatus.REJECTED}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.TRANSFERRED, MemberStatus.ARCHIVED}),
    MemberStatus.TRANSFERRED: frozenset({MemberStatus.ACTIVE, MemberStatus.ARCHIVED}),
    MemberStatus.ARCHIVED: frozenset({MemberStatus.ACTIVE}),
    MemberStatus.REJECTED: frozenset({MemberStatus.PENDING}),
}


def can_change_status(before: MemberStatus, after: MemberStatus) -> bool:
    """Whether a record may move from before to after."""
    return after in STATUS_TRANSITIONS[before]


def status_change_permission(before: MemberStatus, after: MemberStatus) -> Permission | None:
    """The permission an officer needs for the change; None: the person re-applies themself."""
    if not can_change_status(before, after):
        raise ValueError(f"status change {before} -> {after} is not allowed")
    if before is MemberStatus.PENDING:
        return Permission.APPROVE_MEMBER
    if before is MemberStatus.REJECTED:
        return None
    return Permission.ARCHIVE_MEMBER


def is_party_member(category: Category) -> bool:
    """Party members, probationary included; activists are not members."""
    return category is not Category.ACTIVIST


def has_vote(category: Category) -> bool:
    """Full members vote at a general meeting; probationary members and activists do not."""
    return category in _FULL_MEMBERS


def pays_dues(category: Category) -> bool:
    """Every member pays dues, a probationary one from the day of admission."""
    return is_party_member(category)


def is_voting_member(category: Category, status: MemberStatus) -> bool:
    """Counts towards a general meeting's quorum."""
    return status is MemberStatus.ACTIVE and has_vote(category)


def add_years(day: date, years: int) -> date:
    """The same calendar day years later; 29 February falls back to 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def party_age(since: date, today: date) -> int:
    """Whole years from since to today (0 if since is in the future); see add_years for 29 Feb."""
    years = today.year - since.year
    if add_years(since, years) > today:
        years -= 1
    return max(years, 0)


def party_age_or_none(since: date | None, today: date) -> int | None:
    """party_age, passing None through."""
    return None if since is None else party_age(since, today)


def probation_ends_on(joined_on: date) -> date:
    """Normal end of the one-year probation, the day 转正 is due."""
    return add_years(joined_on, 1)


def probation_due(joined_on: date | None, today: date) -> bool:
    """Whether a probationary member's year is up and the branch should decide on 转正."""
    return joined_on is not None and today >= probation_ends_on(joined_on)


def member_party_age(
    category: Category, joined_on: date | None, full_on: date | None, today: date
) -> int | None:
    """党龄: counted from 转正 (Constitution art. 7); None for probationary members and activists.

    Old records often lack the 转正 date: then it is estimated as joined_on plus one year.
    """
    if not has_vote(category):
        return None
    if full_on is not None:
        return party_age(full_on, today)
    if joined_on is not None:
        return party_age(probation_ends_on(joined_on), today)
    return None


def validate_membership_dates(
    joined_on: date | None, full_on: date | None, category: Category | None, today: date
) -> list[MemberError]:
    """Problems with the membership dates; an empty list means they are consistent.

    Both dates are optional for full members (old paper records often lack them); a
    probationary member has no 转正 date yet and an activist has neither.
    """
    problems: list[MemberError] = []
    if joined_on is not None:
        if joined_on > today:
            problems.append(MemberError.JOINED_IN_FUTURE)
        elif joined_on < EARLIEST_PARTY_DATE:
            problems.append(MemberError.JOINED_TOO_EARLY)
    if full_on is not None:
        if full_on > today:
            problems.append(MemberError.FULL_IN_FUTURE)
        elif full_on < EARLIEST_PARTY_DATE:
            problems.append(MemberError.FULL_TOO_EARLY)
    if joined_on is not None and full_on is not None and full_on < joined_on:
        problems.append(MemberError.FULL_BEFORE_JOINED)
    if category is Category.PROBATIONARY and full_on is not None:
        problems.append(MemberError.PROBATIONARY_HAS_FULL_DATE)
    if category is Category.ACTIVIST and (joined_on is not None or full_on is not None):
        problems.append(MemberError.ACTIVIST_HAS_DATES)
    return problems


@dataclass(frozen=True)
class ExistingMember:
    """A member already on the roster, as duplicate checks need it."""

    name: str
    phone: str | None = None
    member_id: int | None = None


class DuplicateKind(Enum):
    SAME_PERSON = "same_person"
    SAME_PHONE = "same_phone"  # another name with this phone


@dataclass(frozen=True)
class Duplicate:
    code: MemberError  # DUPLICATE_EXISTING or PHONE_TAKEN
    member: ExistingMember


def _phone_or_none(raw: str | None) -> str | None:
    if raw is None:
        return None
    phone = normalize_phone(raw)
    return phone if isinstance(phone, str) else None


class DuplicateIndex(Generic[R]):
    """Finds records that are the same person, each added with a reference (an id, a line).

    Same person: equal names (name_key) unless both have phones and they differ, since two
    people may share a common name (张伟) but a record without a phone cannot be told apart.
    Same phone under a different name is reported separately (SAME_PHONE).
    """

    def __init__(self) -> None:
        self._by_name: dict[str, list[tuple[str | None, R]]] = {}
        self._by_phone: dict[str, R] = {}

    def add(self, name: str, phone: str | None, ref: R) -> None:
        """Remember a record; phone may be raw, it is normalised here."""
        phone = _phone_or_none(phone)
        self._by_name.setdefault(name_key(name), []).append((phone, ref))
        if phone is not None:
            self._by_phone.setdefault(phone, ref)

    def find(self, name: str, phone: str | None) -> tuple[DuplicateKind, R] | None:
        """The first remembered record that is the same person, else one with the same phone."""
        phone = _phone_or_none(phone)
        for other_phone, ref in self._by_name.get(name_key(name), []):
            if phone is None or other_phone is None or phone == other_phone:
                return DuplicateKind.SAME_PERSON, ref
        if phone is not None and phone in self._by_phone:
            return DuplicateKind.SAME_PHONE, self._by_phone[phone]
        return None


def find_duplicate(
    name: str, phone: str | None, existing: Iterable[ExistingMember]
) -> Duplicate | None:
    """Whether a new record duplicates an existing member (see DuplicateIndex for the rule)."""
    index: DuplicateIndex[ExistingMember] = DuplicateIndex()
    for member in existing:
        index.add(member.name, member.phone, member)
    found = index.find(name, phone)
    if found is None:
        return None
    kind, member = found
    if kind is DuplicateKind.SAME_PERSON:
        return Duplicate(MemberError.DUPLICATE_EXISTING, member)
    return Duplicate(MemberError.PHONE_TAKEN, member)


@dataclass(frozen=True)
class FieldChange:
    """One field's old and new value, for the audit log."""

    field: str
    before: object
    after: object


def _blank(value: object) -> object:
    return None if value == "" else value


def diff_member(
    before: Mapping[str, object],
    after: Mapping[str, object],
    *,
    ignore: Iterable[str] = ("updated_at", "created_at"),
) -> list[FieldChange]:
    """Changed fields in before's key order, then new keys; "" equals None.

    A key missing from after means unchanged, so after may be a partial update.
    """
    skipped = set(ignore)
    keys = [k for k in before if k in after] + [k for k in after if k not in before]
    changes: list[FieldChange] = []
    for key in keys:
        if key in skipped:
            continue
        old, new = _blank(before.get(key)), _blank(after[key])
        if old != new:
            changes.append(FieldChange(key, old, new))
    return changes


def _json_value(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def audit_values(changes: Iterable[FieldChange]) -> tuple[dict[str, object], dict[str, object]]:
    """JSON-safe before/after dicts (enums as values, dates ISO, Decimal as str) for audit_log."""
    changes = list(changes)
    before = {c.field: _json_value(c.before) for c in changes}
    after = {c.field: _json_value(c.after) for c in changes}
    return before, after
