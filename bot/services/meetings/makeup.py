"""补学: the meeting's materials for those who missed it, and marking it done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience
from bot.domain.meetings.attendance import mark_made_up
from bot.services.identity import Actor
from bot.services.meetings.access import Refusal, Refused, membership_in, membership_in_audience
from bot.services.meetings.attendance import to_record
from bot.services.meetings.views import FileInfo, MeetingInfo
from storage.repos import meetings as repo


@dataclass(frozen=True)
class MadeUp:
    meeting_id: int
    title: str
    already: bool


@dataclass(frozen=True)
class Materials:
    meeting: MeetingInfo
    files: tuple[FileInfo, ...]


async def materials(session: AsyncSession, actor: Actor, meeting_id: int) -> Materials | Refused:
    """Agenda and files, for anyone invited (before the meeting or for 补学 after it)."""
    meeting = await repo.get_meeting(session, meeting_id)
    me = membership_in(actor, meeting.branch_id) if meeting else None
    if meeting is None or me is None:
        return Refused(Refusal.NOT_FOUND)
    if not membership_in_audience(me, Audience.from_string(meeting.audience)):
        return Refused(Refusal.NOT_INVITED)
    files = await repo.meeting_files(session, meeting.id)
    return Materials(
        MeetingInfo.of(meeting), tuple(FileInfo(f.kind, f.file_id, f.filename) for f in files)
    )


async def made_up(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> MadeUp | Refused:
    """「已补学」: only someone recorded as having missed the meeting; once."""
    meeting = await repo.get_meeting(session, meeting_id)
    me = membership_in(actor, meeting.branch_id) if meeting else None
    if meeting is None or me is None:
        return Refused(Refusal.NOT_FOUND)
    row = await repo.attendance_of(session, meeting.id, me.member_id)
    if row is None or meeting.closed_at is None:
        return Refused(Refusal.NOT_MISSED)
    record = to_record(row)
    if record.made_up:
        return MadeUp(meeting.id, meeting.title, already=True)
    if mark_made_up(record) is None:
        return Refused(Refusal.NOT_MISSED)
    changed = await repo.update_attendance_if(
        session, meeting.id, me.member_id, row.state, {"made_up_at": now, "updated_at": now}
    )
    return MadeUp(meeting.id, meeting.title, already=not changed)
