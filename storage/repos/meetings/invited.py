"""Meetings queries: who a page of reminders is for, as one query the outbox inserts from.

A district's reminder minute is thousands of meetings of ~60 members each: reading every member
and deciding in Python cost most of the minute (issue 16). Here the audience rule of
bot.services.meetings.access.in_audience is one SQL condition over the roster, given what the
service's rule makes of the stored categories (AudienceRule), so no member row leaves the
database. Never commits.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    BigInteger,
    BindParameter,
    ColumnElement,
    Select,
    String,
    Subquery,
    and_,
    bindparam,
    case,
    column,
    func,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.core import Member
from storage.models.meetings import Attendance
from storage.repos.meetings._common import ACTIVE


@dataclass(frozen=True)
class ReminderTarget:
    """One reminder notice and the audience of its meeting, parsed: kind is 'branch',
    'committee', 'group' (with group_id) or 'category' (with category)."""

    notice_id: int
    meeting_id: int
    branch_id: int
    kind: str
    group_id: int | None = None
    category: str | None = None


@dataclass(frozen=True)
class AudienceRule:
    """The audience rule's verdicts on the roster's values, for the SQL to compare with."""

    party: Collection[str]  # stored categories of Party members (only a category audience
    # reaches the others)
    committee_roles: Collection[str]
    # stored category -> the value a category audience names, where the two differ
    canonical: Mapping[str, str] = field(default_factory=dict)


async def categories_in(session: AsyncSession, branch_ids: Collection[int]) -> list[str]:
    """The distinct categories stored for the active members of these branches."""
    if not branch_ids:
        return []
    rows = await session.scalars(
        select(Member.category)
        .where(Member.branch_id.in_(sorted(branch_ids)), Member.status == ACTIVE)
        .distinct()
    )
    return sorted(rows)


def expected_members(
    session: AsyncSession,
    targets: Sequence[ReminderTarget],
    rule: AudienceRule,
    not_expected: Collection[str],
) -> Select[int, int]:
    """(notice_id, member_id) for each target: the active members of its branch its audience
    invites, less those whose attendance at its meeting is in one of `not_expected`."""
    t = _targets(session, targets)
    category: ColumnElement[str] = Member.__table__.c.category
    if rule.canonical:
        category = case(dict(rule.canonical), value=Member.category, else_=Member.category)
    invited = or_(
        and_(t.c.kind == "category", category == t.c.category),
        and_(
            t.c.kind != "category",
            Member.category.in_(sorted(rule.party)),
            or_(
                t.c.kind == "branch",
                and_(t.c.kind == "group", Member.group_id == t.c.group_id),
                and_(t.c.kind == "committee", Member.role.in_(sorted(rule.committee_roles))),
            ),
        ),
    )
    # NOT IN, not NOT EXISTS: PostgreSQL turns NOT EXISTS into an anti-join, which it planned
    # (on statistics from before the minute's notices existed) through (member_id, state),
    # reading every member's attendance at all meetings; NOT IN stays a look-up of the
    # meeting's few records by the unique key. member_id is never null, so the two agree.
    excused = (
        select(Attendance.member_id)
        .where(
            Attendance.meeting_id == t.c.meeting_id,
            Attendance.state.in_(sorted(not_expected)),
        )
        .correlate(t)
    )
    return (
        select(t.c.notice_id, Member.id.label("member_id"))
        .select_from(t)
        .join(Member, and_(Member.branch_id == t.c.branch_id, Member.status == ACTIVE))
        .where(invited, Member.id.not_in(excused))
    )


_COLUMNS = (
    ("notice_id", BigInteger),
    ("meeting_id", BigInteger),
    ("branch_id", BigInteger),
    ("kind", String),
    ("group_id", BigInteger),
    ("category", String),
)


def _targets(session: AsyncSession, targets: Sequence[ReminderTarget]) -> Subquery:
    """The targets as a table in the statement: one array per column unnested on PostgreSQL,
    a JSON array on SQLite (no VALUES list: its size would change the statement each page)."""
    rows = [
        (t.notice_id, t.meeting_id, t.branch_id, t.kind, t.group_id, t.category) for t in targets
    ]
    if session.get_bind().dialect.name == "postgresql":
        arrays: list[BindParameter[Any]] = [
            bindparam(f"targets_{name}", [r[i] for r in rows], type_=ARRAY(kind))
            for i, (name, kind) in enumerate(_COLUMNS)
        ]
        table = (
            func.unnest(*arrays)
            .table_valued(*(column(name, kind) for name, kind in _COLUMNS))
            .render_derived(with_types=False)
        )
        return select(*(table.c[name] for name, _ in _COLUMNS)).subquery("targets")
    each = func.json_each(bindparam("targets", json.dumps(rows), type_=String)).table_valued(
        "value"
    )
    return select(
        *(
            func.json_extract(each.c.value, f"$[{i}]").label(name)
            for i, (name, _) in enumerate(_COLUMNS)
        )
    ).subquery("targets")
