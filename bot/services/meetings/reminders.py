"""Reminders before a meeting: planned by the domain, claimed in the DB, queued once."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.attendance import AttendanceState
from bot.domain.meetings import (
    ReminderStatus,
    next_decision_at,
    plan_reminders,
)
from bot.services.meetings import notices
from bot.services.meetings.audience import audience_ids
from bot.services.meetings.settings import MeetingSettings, from_branch_settings
from storage.models.meetings import Meeting
from storage.repos import meetings as repo

log = logging.getLogger(__name__)

# Nobody to remind: on leave, or already checked in (the reminder says "please check in").
_NOT_EXPECTED = frozenset(
    {
        AttendanceState.LEAVE_PENDING.value,
        AttendanceState.LEAVE_APPROVED.value,
        AttendanceState.PRESENT.value,
        AttendanceState.LATE.value,
    }
)


@dataclass(frozen=True)
class ReminderOutcome:
    sent: int = 0
    skipped: int = 0


def _decided(logs: Collection[int]) -> list[timedelta]:
    return [timedelta(seconds=s) for s in logs]


# One page of the scan; the tick reads page after page until none is left.
PAGE = 200


async def due(
    session: AsyncSession, now: datetime, after: tuple[datetime, int] | None = None
) -> Sequence[tuple[datetime, int]]:
    """(remind_at, meeting id) of meetings with a reminder to decide, one page after `after`."""
    return await repo.reminders_to_decide(session, now, after=after, limit=PAGE)


async def reschedule(
    session: AsyncSession, meeting: Meeting, cfg: MeetingSettings | None = None
) -> None:
    """Store when this meeting version next needs a reminder decision (after any change)."""
    if meeting.status != "scheduled" or meeting.announced_at is None:
        meeting.remind_at = None
        return
    cfg = cfg or await _settings(session, meeting)
    logs = await repo.reminder_logs(session, [meeting.id])
    meeting.remind_at = next_decision_at(
        meeting.starts_at,
        cfg.reminders,
        meeting.announced_at,
        _decided(logs.get((meeting.id, meeting.version), set())),
    )


async def branch_offsets_changed(session: AsyncSession, branch_id: int, now: datetime) -> int:
    """After the branch's reminder offsets changed: the tick decides them all again."""
    return await repo.mark_reminders_due(session, branch_id, now)


async def rebuild_page(session: AsyncSession, now: datetime, after_id: int) -> list[int]:
    """remind_at recomputed for one page of upcoming meetings (a safety net run at start:
    rows written by an older version of the bot, or by a path that forgot to keep it)."""
    ids = list(await repo.upcoming_announced_ids(session, now, after_id=after_id, limit=PAGE))
    for meeting_id in ids:
        meeting = await repo.get_meeting(session, meeting_id, lock=True)
        if meeting is not None:
            await reschedule(session, meeting)
    return ids


async def recipients(session: AsyncSession, meeting: Meeting) -> list[int]:
    """The audience minus members on leave (pending or approved) or already checked in."""
    skip = {
        r.member_id
        for r in await repo.attendance_rows(session, meeting.id)
        if r.state in _NOT_EXPECTED
    }
    return [
        m for m in await audience_ids(session, meeting.branch_id, meeting.audience) if m not in skip
    ]


async def process(session: AsyncSession, meeting_id: int, now: datetime) -> ReminderOutcome:
    """Decide every reminder of one meeting at `now`; each (meeting, version, offset) once."""
    # Locked so an edit waits for (and then withdraws) a reminder queued for this version.
    meeting = await repo.get_meeting(session, meeting_id, lock=True)
    if meeting is None:
        return ReminderOutcome()
    if meeting.status != "scheduled" or meeting.announced_at is None:
        meeting.remind_at = None
        return ReminderOutcome()
    cfg = await _settings(session, meeting)
    logs = await repo.reminder_logs(session, [meeting.id])
    decided = _decided(logs.get((meeting.id, meeting.version), set()))
    sent = skipped = 0
    for plan in plan_reminders(
        meeting.starts_at, cfg.reminders, now, meeting.announced_at, decided
    ):
        status = plan.status
        if status not in (ReminderStatus.DUE, ReminderStatus.SUPERSEDED, ReminderStatus.SKIPPED):
            continue
        stored = "sent" if status is ReminderStatus.DUE else status.value
        claimed = await repo.claim_reminder(
            session,
            meeting_id=meeting.id,
            version=meeting.version,
            offset_seconds=int(plan.offset.total_seconds()),
            status=stored,
            send_at=plan.send_at,
            now=now,
        )
        if not claimed:
            continue
        if status is ReminderStatus.DUE:
            await notices.remind(
                session, meeting, plan.offset, await recipients(session, meeting), now
            )
            sent += 1
        else:
            skipped += 1
            log.warning(
                "meeting %s: reminder %s before the start (due %s) %s: the bot was not running",
                meeting.id,
                plan.offset,
                plan.send_at.isoformat(),
                status.value,
            )
    await reschedule(session, meeting, cfg)  # the settings just read, not read again
    return ReminderOutcome(sent, skipped)


async def next_wake(session: AsyncSession) -> datetime | None:
    """The earliest moment a reminder becomes due (past if one keeps failing)."""
    return await repo.earliest_remind_at(session)


async def _settings(session: AsyncSession, meeting: Meeting) -> MeetingSettings:
    branch = await repo.get_branch(session, meeting.branch_id, fresh=True)
    return from_branch_settings(branch.settings if branch else None)
