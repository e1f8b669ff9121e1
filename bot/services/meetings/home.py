"""A member's home after /start: the next meeting, with 请假 and 签到 when they can work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings.attendance import AttendanceEvent, AttendanceState, next_state
from bot.services.identity import Actor
from bot.services.meetings.access import Refused
from bot.services.meetings.checkin import open_meetings
from bot.services.meetings.listing import overview
from bot.services.meetings.views import MeetingInfo


@dataclass(frozen=True)
class NextMeeting:
    meeting: MeetingInfo
    tz: str
    state: AttendanceState | None
    may_leave: bool
    checkin_open: bool


async def next_meeting(session: AsyncSession, actor: Actor, now: datetime) -> NextMeeting | None:
    """The meeting checking in now, else the next one the member is invited to."""
    found = await overview(session, actor, now)
    if isinstance(found, Refused):
        return None
    open_now = await open_meetings(session, actor, now)
    if open_now:
        meeting = open_now[0]
        records = {r.meeting.id: r for r in [*found.upcoming, *found.past]}
        row = records.get(meeting.id)
        state = row.state if row is not None else None
        return NextMeeting(meeting, found.tz, state, False, state not in _ATTENDED)
    if not found.upcoming:
        return None
    first = found.upcoming[0]
    may_leave = next_state(first.state, AttendanceEvent.REQUEST_LEAVE) is not None
    return NextMeeting(first.meeting, found.tz, first.state, may_leave, False)


_ATTENDED = (AttendanceState.PRESENT, AttendanceState.LATE)
