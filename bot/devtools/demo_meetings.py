"""Demo data for the meetings feature: a few past meetings with attendance, a few upcoming."""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from bot.devtools.world import World, seeds_once
from bot.domain.meetings import Audience, MeetingType, local_date, local_to_utc
from bot.domain.meetings.attendance import AttendanceState
from bot.domain.meetings.recurrence import Recurrence, parse_recurrence
from bot.services.meetings import reminders
from bot.services.meetings.access import in_audience
from bot.services.meetings.scheduling import materialise
from bot.services.meetings.settings import from_branch_settings
from storage.models.core import Branch, Member, PartyGroup
from storage.models.meetings import Meeting

log = logging.getLogger(__name__)

_PLACE = "社区党群服务中心"

_PAST = (
    # (months ago, day, hour, type, title, audience: "branch" / "committee" / "group")
    (3, 26, 9, MeetingType.THEME_DAY, "学习党的二十大精神", "branch"),
    (2, 26, 9, MeetingType.THEME_DAY, "社区环境整治志愿服务", "branch"),
    (2, 10, 15, MeetingType.COMMITTEE, "支委会：研究季度工作", "committee"),
    (1, 15, 9, MeetingType.LECTURE, "书记讲党课：党章第九条", "branch"),
    (1, 20, 14, MeetingType.GROUP_MEETING, "党小组学习交流", "group"),
    (1, 26, 9, MeetingType.THEME_DAY, "重温入党誓词", "branch"),
)
# A fixed pattern, so the demo looks the same every time: mostly present, some late,
# some on leave, a few absent of whom some made it up.
_PATTERN = (
    AttendanceState.PRESENT,
    AttendanceState.PRESENT,
    AttendanceState.LATE,
    AttendanceState.PRESENT,
    AttendanceState.LEAVE_APPROVED,
    AttendanceState.PRESENT,
    AttendanceState.ABSENT,
    AttendanceState.PRESENT,
)


@seeds_once(Meeting)
async def seed_demo_meetings(world: World, branch: Branch) -> int:
    """Add demo meetings to the branch (once: nothing if it already has meetings)."""
    session, now, branch_id = world.session, world.now, branch.id
    members = list(
        await session.scalars(
            select(Member)
            .where(Member.branch_id == branch_id, Member.status == "active")
            .order_by(Member.id)
        )
    )
    group = await session.scalar(
        select(PartyGroup.id).where(PartyGroup.branch_id == branch_id).order_by(PartyGroup.id)
    )
    secretary = next((m for m in members if m.role == "secretary"), None)
    by = secretary.id if secretary else None
    tz = branch.timezone
    today = local_date(now, tz)
    added = 0
    for months, day, hour, kind, title, who in _PAST:
        audience = _audience(who, group)
        if audience is None:
            continue
        first = today.replace(day=1) - relativedelta(months=months)
        start = local_to_utc(datetime.combine(_day(first, day), time(hour)), tz)
        meeting_id = await world.meeting(
            branch_id,
            title,
            start,
            type=kind.value,
            audience=audience.to_string(),
            place=_PLACE,
            ends_at=start + timedelta(minutes=90),
            announce_at=start - timedelta(days=7),
            announced_at=start - timedelta(days=7),
            closed_at=start + timedelta(hours=2),
            created_by_member_id=by,
            created=start - timedelta(days=7),
            updated=start,
        )
        invited = [
            m
            for m in members
            if in_audience(audience, category=m.category, role=m.role, group_id=m.group_id)
        ]
        for index, member in enumerate(invited):
            await _record(world, meeting_id, member.id, index + added, start)
        added += 1
    added += await _upcoming(world, branch, by)
    log.info("demo meetings: %d added to branch %s", added, branch_id)
    return added


def _day(first: date, day: int) -> date:
    return first + timedelta(days=min(day, 28) - 1)


def _audience(who: str, group: int | None) -> Audience | None:
    if who == "committee":
        return Audience.committee()
    if who == "group":
        return Audience.group(group) if group is not None else None
    return Audience.branch()


async def _record(
    world: World, meeting_id: int, member_id: int, index: int, start: datetime
) -> None:
    state = _PATTERN[index % len(_PATTERN)]
    attended = state in (AttendanceState.PRESENT, AttendanceState.LATE)
    late = timedelta(minutes=15) if state is AttendanceState.LATE else timedelta(minutes=-5)
    await world.attendance(
        meeting_id,
        member_id,
        state.value,
        method="code" if attended else None,
        by_proxy=False,
        checked_in_at=start + late if attended else None,
        made_up_at=start + timedelta(days=3)
        if state is AttendanceState.ABSENT and index % 2
        else None,
        created=start,
    )


async def _upcoming(world: World, branch: Branch, by: int | None) -> int:
    """A monthly 主题党日 series on the 26th, a 党课 next week and a meeting whose check-in is
    open now, announced quietly."""
    session, now, tz = world.session, world.now, branch.timezone
    rule = parse_recurrence("每月26日 09:00", tz)
    assert isinstance(rule, Recurrence)
    series = await world.series(
        branch.id,
        "主题党日",
        type=MeetingType.THEME_DAY.value,
        place=_PLACE,
        agenda="一、集中学习；二、志愿服务；三、交流发言",
        audience="branch",
        rrule=rule.to_rrule_string(),
        tz=tz,
        start_date=local_date(now, tz),
        duration_minutes=120,
        created_by_member_id=by,
    )
    lead = from_branch_settings(branch.settings).announce_lead
    ids = await materialise(session, series, now, lead)
    week = local_date(now, tz) + timedelta(days=7)
    lecture_at = local_to_utc(datetime.combine(week, time(19, 0)), tz)
    # Check-in open right now, so a newcomer can try 签到 at once (it opens 30 minutes before).
    soon = now.replace(second=0, microsecond=0) + timedelta(minutes=10)
    made = [
        await world.meeting(
            branch.id,
            title,
            starts_at,
            type=kind.value,
            place=_PLACE,
            place_lat=39.9087,
            place_lon=116.3975,
            agenda=agenda,
            ends_at=starts_at + timedelta(minutes=minutes),
            announce_at=now,
            announced_at=now,
            created_by_member_id=by,
        )
        for kind, title, agenda, starts_at, minutes in (
            (MeetingType.LECTURE, "党课：学习新修订的党章", "学习党章总纲和第一章", lecture_at, 90),
            (
                MeetingType.THEME_DAY,
                "签到体验：本周集中学习",
                "试一试签到：书记点「✅ 签到」看签到码，党员输入签到码或扫码",
                soon,
                60,
            ),
        )
    ]
    # Demo data is announced without notices (nobody real is messaged); reminders still come.
    upcoming = [m for m in [await session.get(Meeting, i) for i in made] if m is not None]
    for meeting_id in ids:
        meeting = await session.get(Meeting, meeting_id)
        if meeting is not None and meeting.announce_at <= now:
            meeting.announced_at = now
            upcoming.append(meeting)
    for meeting in upcoming:
        await reminders.reschedule(session, meeting)
    return len(ids) + 2
