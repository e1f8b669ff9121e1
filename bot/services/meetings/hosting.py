"""Check-in by the host's hand: open it early, close it now (the summary goes out at once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings.checkin import CheckinStatus
from bot.services.identity import Actor
from bot.services.meetings import attendance
from bot.services.meetings.access import Refusal, Refused
from bot.services.meetings.changes import managed_meeting
from bot.services.meetings.checkin import OPEN_EARLY_LIMIT, settings_of, status_at
from bot.services.meetings.views import MeetingInfo
from storage.models.meetings import Meeting
from storage.repos import core as core_repo


@dataclass(frozen=True)
class Done:
    meeting: MeetingInfo
    summary_queued: bool = False


def may_open_early(meeting: Meeting, status: CheckinStatus, now: datetime) -> bool:
    """Not open yet and starting soon (the same day's session, not next week's)."""
    return status is CheckinStatus.TOO_EARLY and meeting.starts_at - now <= OPEN_EARLY_LIMIT


async def open_now(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Done | Refused:
    found = await managed_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting = found[0]
    if meeting.status != "scheduled":
        return Refused(Refusal.CANCELLED)
    status = status_at(meeting, await settings_of(session, meeting.branch_id), now)
    if status in (CheckinStatus.ON_TIME, CheckinStatus.LATE):
        return Done(MeetingInfo.of(meeting))  # open already: the button was pressed twice
    if status is CheckinStatus.CLOSED:
        return Refused(Refusal.CLOSED)
    if not may_open_early(meeting, status, now):
        return Refused(Refusal.NOT_OPEN)
    meeting.checkin_opened_at = now
    meeting.updated_at = now
    core_repo.audit(
        session,
        branch_id=meeting.branch_id,
        actor_tg_id=actor.tg_id,
        action="meeting.checkin_open",
        target="meeting",
        target_id=meeting.id,
        after={"opened_at": now.isoformat()},
        now=now,
    )
    return Done(MeetingInfo.of(meeting))


async def closable(session: AsyncSession, actor: Actor, meeting_id: int) -> MeetingInfo | Refused:
    """The meeting whose check-in the actor asks to close, if they run it."""
    found = await managed_meeting(session, actor, meeting_id)
    return found if isinstance(found, Refused) else MeetingInfo.of(found[0])


async def close_now(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Done | Refused:
    """Close check-in now: absentees recorded, summary and 补学 notices queued at once."""
    found = await managed_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting = found[0]
    if meeting.status != "scheduled":
        return Refused(Refusal.CANCELLED)
    if meeting.closed_at is not None:
        return Refused(Refusal.CLOSED)
    status = status_at(meeting, await settings_of(session, meeting.branch_id), now)
    if status is CheckinStatus.TOO_EARLY:
        return Refused(Refusal.NOT_OPEN)
    meeting.checkin_closed_at = now
    meeting.updated_at = now
    await session.flush()
    core_repo.audit(
        session,
        branch_id=meeting.branch_id,
        actor_tg_id=actor.tg_id,
        action="meeting.checkin_close",
        target="meeting",
        target_id=meeting.id,
        after={"closed_at": now.isoformat()},
        now=now,
    )
    queued = await attendance.close_if_due(session, meeting.id, now)
    return Done(MeetingInfo.of(meeting), queued)
