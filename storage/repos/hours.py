"""Volunteer hours queries; never commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.approvals import ApprovalRequest
from storage.models.core import Branch, Member
from storage.models.hours import (
    HoursCertificate,
    HoursPrefs,
    HoursRecord,
    TeamMember,
    VolunteerActivity,
    VolunteerTeam,
)

HOURS_KINDS = ("hours_report",)


def add(session: AsyncSession, row: object) -> None:
    session.add(row)


async def branch(session: AsyncSession, branch_id: int) -> Branch | None:
    return await session.get(Branch, branch_id)


async def member(session: AsyncSession, member_id: int) -> Member | None:
    return await session.get(Member, member_id)


async def members(session: AsyncSession, ids: Collection[int]) -> dict[int, Member]:
    if not ids:
        return {}
    rows = await session.scalars(select(Member).where(Member.id.in_(ids)))
    return {m.id: m for m in rows}


async def active_members(session: AsyncSession, branch_id: int) -> Sequence[Member]:
    rows = await session.scalars(
        select(Member)
        .where(Member.branch_id == branch_id, Member.status == "active")
        .order_by(Member.name, Member.id)
    )
    return list(rows)


# --- teams ----------------------------------------------------------------------------


async def teams(session: AsyncSession, branch_id: int) -> Sequence[VolunteerTeam]:
    rows = await session.scalars(
        select(VolunteerTeam)
        .where(VolunteerTeam.branch_id == branch_id, VolunteerTeam.archived_at.is_(None))
        .order_by(VolunteerTeam.id)
    )
    return list(rows)


async def team(session: AsyncSession, team_id: int) -> VolunteerTeam | None:
    return await session.get(VolunteerTeam, team_id)


async def team_by_name(session: AsyncSession, branch_id: int, name: str) -> VolunteerTeam | None:
    rows = await session.scalars(
        select(VolunteerTeam).where(
            VolunteerTeam.branch_id == branch_id, VolunteerTeam.name == name
        )
    )
    return rows.first()


async def membership(session: AsyncSession, team_id: int, member_id: int) -> TeamMember | None:
    rows = await session.scalars(
        select(TeamMember).where(TeamMember.team_id == team_id, TeamMember.member_id == member_id)
    )
    return rows.first()


async def memberships_of(session: AsyncSession, member_id: int) -> Sequence[TeamMember]:
    """The teams a member is in now."""
    rows = await session.scalars(
        select(TeamMember).where(TeamMember.member_id == member_id, TeamMember.left_at.is_(None))
    )
    return list(rows)


async def team_people(session: AsyncSession, team_id: int) -> Sequence[tuple[TeamMember, Member]]:
    """Who is in the team now (active members), by name."""
    rows = await session.execute(
        select(TeamMember, Member)
        .join(Member, Member.id == TeamMember.member_id)
        .where(
            TeamMember.team_id == team_id,
            TeamMember.left_at.is_(None),
            Member.status == "active",
        )
        .order_by(Member.name, Member.id)
    )
    return [(tm, m) for tm, m in rows]


async def team_sizes(session: AsyncSession, team_ids: Collection[int]) -> dict[int, int]:
    if not team_ids:
        return {}
    rows = await session.execute(
        select(TeamMember.team_id, func.count())
        .where(TeamMember.team_id.in_(team_ids), TeamMember.left_at.is_(None))
        .group_by(TeamMember.team_id)
    )
    return {tid: int(n) for tid, n in rows}


# --- activities -------------------------------------------------------------------------


async def activity(session: AsyncSession, activity_id: int) -> VolunteerActivity | None:
    return await session.get(VolunteerActivity, activity_id)


async def activities_around(
    session: AsyncSession, team_ids: Collection[int], since: datetime, until: datetime
) -> Sequence[VolunteerActivity]:
    """Activities of these teams that end after `since` and start before `until`."""
    if not team_ids:
        return []
    rows = await session.scalars(
        select(VolunteerActivity)
        .where(
            VolunteerActivity.team_id.in_(team_ids),
            VolunteerActivity.ends_at > since,
            VolunteerActivity.starts_at < until,
        )
        .order_by(VolunteerActivity.starts_at)
    )
    return list(rows)


async def ended_unclosed(session: AsyncSession, now: datetime) -> Sequence[VolunteerActivity]:
    rows = await session.scalars(
        select(VolunteerActivity)
        .where(VolunteerActivity.ends_at <= now, VolunteerActivity.closed_at.is_(None))
        .order_by(VolunteerActivity.ends_at)
        .limit(200)
    )
    return list(rows)


# --- records ------------------------------------------------------------------------------


async def record(session: AsyncSession, record_id: int) -> HoursRecord | None:
    return await session.get(HoursRecord, record_id, populate_existing=True)


async def record_for_update(session: AsyncSession, record_id: int) -> HoursRecord | None:
    rows = await session.scalars(
        select(HoursRecord)
        .where(HoursRecord.id == record_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return rows.first()


async def activity_record(
    session: AsyncSession, activity_id: int, member_id: int
) -> HoursRecord | None:
    rows = await session.scalars(
        select(HoursRecord).where(
            HoursRecord.activity_id == activity_id, HoursRecord.member_id == member_id
        )
    )
    return rows.first()


async def activity_records(session: AsyncSession, activity_id: int) -> Sequence[HoursRecord]:
    rows = await session.scalars(
        select(HoursRecord).where(HoursRecord.activity_id == activity_id).order_by(HoursRecord.id)
    )
    return list(rows)


async def open_checkins(session: AsyncSession, member_id: int) -> Sequence[HoursRecord]:
    rows = await session.scalars(
        select(HoursRecord).where(HoursRecord.member_id == member_id, HoursRecord.state == "open")
    )
    return list(rows)


async def day_records(
    session: AsyncSession, member_id: int, day: date, *, exclude: int | None = None
) -> Sequence[HoursRecord]:
    """The member's records of that day that count or may count (pending or approved)."""
    query = select(HoursRecord).where(
        HoursRecord.member_id == member_id,
        HoursRecord.day == day,
        HoursRecord.state.in_(("pending", "approved")),
    )
    if exclude is not None:
        query = query.where(HoursRecord.id != exclude)
    return list(await session.scalars(query))


async def drafts_of(session: AsyncSession, member_id: int) -> Sequence[HoursRecord]:
    rows = await session.scalars(
        select(HoursRecord).where(HoursRecord.member_id == member_id, HoursRecord.state == "draft")
    )
    return list(rows)


async def member_records(
    session: AsyncSession, member_id: int, states: Collection[str], limit: int = 50
) -> Sequence[HoursRecord]:
    rows = await session.scalars(
        select(HoursRecord)
        .where(HoursRecord.member_id == member_id, HoursRecord.state.in_(states))
        .order_by(HoursRecord.day.desc(), HoursRecord.id.desc())
        .limit(limit)
    )
    return list(rows)


async def approved(
    session: AsyncSession,
    branch_id: int,
    *,
    member_id: int | None = None,
    team_id: int | None = None,
    first: date | None = None,
    last: date | None = None,
) -> Sequence[HoursRecord]:
    """Approved records, oldest first; the only rows that count in totals and exports."""
    query = select(HoursRecord).where(
        HoursRecord.branch_id == branch_id, HoursRecord.state == "approved"
    )
    if member_id is not None:
        query = query.where(HoursRecord.member_id == member_id)
    if team_id is not None:
        query = query.where(HoursRecord.team_id == team_id)
    if first is not None:
        query = query.where(HoursRecord.day >= first)
    if last is not None:
        query = query.where(HoursRecord.day <= last)
    return list(await session.scalars(query.order_by(HoursRecord.day, HoursRecord.id)))


async def old_drafts(session: AsyncSession, before: datetime) -> Sequence[HoursRecord]:
    rows = await session.scalars(
        select(HoursRecord)
        .where(HoursRecord.state == "draft", HoursRecord.updated_at < before)
        .limit(500)
    )
    return list(rows)


# --- the approval queue's rows for hours ---------------------------------------------------


async def approval_of(session: AsyncSession, record_id: int) -> ApprovalRequest | None:
    rows = await session.scalars(
        select(ApprovalRequest).where(
            ApprovalRequest.kind.in_(HOURS_KINDS), ApprovalRequest.subject_id == record_id
        )
    )
    return rows.first()


async def approval(session: AsyncSession, approval_id: int) -> ApprovalRequest | None:
    found = await session.get(ApprovalRequest, approval_id, populate_existing=True)
    return found if found is not None and found.kind in HOURS_KINDS else None


async def pending_of_teams(
    session: AsyncSession, branch_id: int, team_ids: Collection[int], limit: int = 200
) -> Sequence[ApprovalRequest]:
    """Pending hours requests whose record belongs to one of these teams."""
    if not team_ids:
        return []
    rows = await session.scalars(
        select(ApprovalRequest)
        .join(
            HoursRecord,
            and_(
                HoursRecord.id == ApprovalRequest.subject_id,
                ApprovalRequest.kind.in_(HOURS_KINDS),
            ),
        )
        .where(
            ApprovalRequest.branch_id == branch_id,
            ApprovalRequest.state == "pending",
            HoursRecord.team_id.in_(team_ids),
        )
        .order_by(ApprovalRequest.created_at, ApprovalRequest.id)
        .limit(limit)
    )
    return list(rows)


async def records(session: AsyncSession, ids: Collection[int]) -> dict[int, HoursRecord]:
    if not ids:
        return {}
    rows = await session.scalars(select(HoursRecord).where(HoursRecord.id.in_(ids)))
    return {r.id: r for r in rows}


# --- prefs and certificates -----------------------------------------------------------------


async def prefs(session: AsyncSession, member_id: int) -> HoursPrefs | None:
    return await session.get(HoursPrefs, member_id)


async def hidden_members(session: AsyncSession, member_ids: Collection[int]) -> frozenset[int]:
    if not member_ids:
        return frozenset()
    rows = await session.scalars(
        select(HoursPrefs.member_id).where(
            HoursPrefs.member_id.in_(member_ids), HoursPrefs.hide_name.is_(True)
        )
    )
    return frozenset(rows)


async def certificate(session: AsyncSession, cert_id: int) -> HoursCertificate | None:
    return await session.get(HoursCertificate, cert_id)


async def drafts_of_recorder(
    session: AsyncSession, recorder_id: int, team_id: int, day: date, halves: int
) -> Sequence[HoursRecord]:
    """The rows a leader has ticked so far on one team list (one team, day and hours)."""
    rows = await session.scalars(
        select(HoursRecord).where(
            HoursRecord.recorded_by_member_id == recorder_id,
            HoursRecord.source == "recorded",
            HoursRecord.state == "draft",
            HoursRecord.team_id == team_id,
            HoursRecord.day == day,
            HoursRecord.halves == halves,
        )
    )
    return list(rows)
