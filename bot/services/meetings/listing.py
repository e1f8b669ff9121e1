"""/meetings: a member's upcoming and past meetings with their own status; the officer's list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience
from bot.domain.meetings.attendance import AttendanceState
from bot.domain.meetings.checkin import CheckinStatus
from bot.domain.members import Permission, can
from bot.services.identity import Actor, role_of
from bot.services.meetings.access import (
    Refusal,
    Refused,
    audience_group,
    audience_strings_for,
    may,
)
from bot.services.meetings.attendance import Report, report_for
from bot.services.meetings.changes import managed_meeting
from bot.services.meetings.checkin import settings_of, status_at
from bot.services.meetings.hosting import may_open_early
from bot.services.meetings.notices import View, view_of
from bot.services.meetings.views import MeetingInfo
from storage.models.meetings import Meeting
from storage.repos import meetings as repo

UPCOMING = 8
PAST = 6
MANAGED = 10
MANAGE_AHEAD = timedelta(days=90)
# A meeting stays in the officer's list while its check-in may still be open.
MANAGE_BEHIND = timedelta(hours=3)


@dataclass(frozen=True)
class Row:
    meeting: MeetingInfo
    state: AttendanceState | None
    going: bool
    made_up: bool
    # False for a meeting held before the member joined the branch: not theirs to count.
    counted: bool = True


@dataclass(frozen=True)
class Overview:
    tz: str
    upcoming: list[Row]
    past: list[Row]
    managed: list[MeetingInfo]
    may_schedule: bool
    may_report: bool


async def overview(session: AsyncSession, actor: Actor, now: datetime) -> Overview | Refused:
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    branch = await repo.get_branch(session, me.branch_id)
    assert branch is not None
    audiences = audience_strings_for(category=me.category, role=me.role, group_id=me.group_id)
    upcoming = await repo.member_meetings(
        session, me.branch_id, audiences, after=now, limit=UPCOMING
    )
    past = await repo.member_meetings(
        session, me.branch_id, audiences, before=now, newest_first=True, limit=PAST
    )
    ids = [m.id for m in [*upcoming, *past]]
    records = await repo.attendance_for_member(session, me.member_id, ids)
    going = {m.id for m in upcoming if me.member_id in await repo.rsvp_member_ids(session, m.id)}
    member = await repo.get_member(session, me.member_id)
    joined = member.created_at if member is not None else None

    def row(m: Meeting) -> Row:
        rec = records.get(m.id)
        return Row(
            MeetingInfo.of(m),
            AttendanceState(rec.state) if rec else None,
            m.id in going,
            bool(rec and rec.made_up_at),
            counted=rec is not None or joined is None or m.starts_at >= joined,
        )

    managed: list[MeetingInfo] = []
    role = role_of(me)
    if can(role, Permission.SCHEDULE_MEETING):
        for m in await repo.meetings_starting_between(
            session, now - MANAGE_BEHIND, now + MANAGE_AHEAD, branch_id=me.branch_id, limit=200
        ):
            group = audience_group(Audience.from_string(m.audience))
            if may(me, Permission.SCHEDULE_MEETING, group):
                managed.append(MeetingInfo.of(m))
            if len(managed) >= MANAGED:
                break
    return Overview(
        tz=branch.timezone,
        upcoming=[row(m) for m in upcoming],
        past=[row(m) for m in past],
        managed=managed,
        may_schedule=can(role, Permission.SCHEDULE_MEETING),
        may_report=can(role, Permission.VIEW_REPORTS),
    )


@dataclass(frozen=True)
class Manage:
    view: View
    report: Report
    started: bool
    checkin: CheckinStatus
    may_open_early: bool


async def manage(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Manage | Refused:
    """One meeting as its host sees it: details and attendance so far."""
    found = await managed_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting = found[0]
    status = status_at(meeting, await settings_of(session, meeting.branch_id), now)
    return Manage(
        await view_of(session, meeting),
        await report_for(session, meeting),
        meeting.starts_at <= now,
        status,
        meeting.status == "scheduled" and may_open_early(meeting, status, now),
    )
