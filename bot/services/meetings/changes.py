"""Moving, re-placing and cancelling a meeting (one occurrence or a whole series)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import (
    Audience,
    MeetingError,
    local_to_utc,
    normalize_text,
    validate_details,
    validate_schedule,
)
from bot.domain.members import Permission
from bot.services.identity import Actor, Membership
from bot.services.meetings import notices, reminders
from bot.services.meetings.access import Refusal, Refused, audience_group, may, membership_in
from bot.services.meetings.scheduling import Invalid
from bot.services.meetings.settings import from_branch_settings
from storage.models.meetings import Meeting
from storage.repos import core as core_repo
from storage.repos import meetings as repo


@dataclass(frozen=True)
class Changed:
    meeting_id: int
    notified: int  # how many people the change (or cancellation) notice is for


async def managed_meeting(
    session: AsyncSession, actor: Actor, meeting_id: int, *, lock: bool = False
) -> tuple[Meeting, Membership] | Refused:
    """The meeting if the actor may manage it (its branch, their group or branch-wide)."""
    meeting = await repo.get_meeting(session, meeting_id, lock=lock)
    if meeting is None:
        return Refused(Refusal.NOT_FOUND)
    me = membership_in(actor, meeting.branch_id)
    if me is None:
        return Refused(Refusal.NOT_FOUND)
    group = audience_group(Audience.from_string(meeting.audience))
    if not may(me, Permission.SCHEDULE_MEETING, group):
        return Refused(Refusal.NOT_ALLOWED)
    return meeting, me


async def _editable(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime, *, lock: bool = True
) -> tuple[Meeting, Membership] | Refused:
    # Locked: a concurrent tick or edit must not render or bump a stale version.
    found = await managed_meeting(session, actor, meeting_id, lock=lock)
    if isinstance(found, Refused):
        return found
    meeting = found[0]
    if meeting.status != "scheduled":
        return Refused(Refusal.CANCELLED)
    if meeting.starts_at <= now:
        return Refused(Refusal.STARTED)
    return found


async def _publish_change(session: AsyncSession, meeting: Meeting, now: datetime) -> int:
    """New version; people already told hear of it, queued old notices are withdrawn."""
    if meeting.announced_at is None:
        # Nobody has heard of it yet: the announcement will carry the new details.
        meeting.version += 1
        return 0
    told = await notices.told_before(session, meeting)
    await notices.withdraw_queued(session, meeting, now)
    meeting.version += 1
    # Reminders are planned from when members were told this version.
    meeting.announced_at = now
    await reminders.reschedule(session, meeting)
    await session.flush()
    return await notices.announce_change(session, meeting, told, now)


async def move_meeting(
    session: AsyncSession, actor: Actor, meeting_id: int, start_local: datetime, now: datetime
) -> Changed | Refused | Invalid:
    """Move one meeting (or one occurrence; the rest of its series stays) to a new start."""
    found = await _editable(session, actor, meeting_id, now)
    if isinstance(found, Refused):
        return found
    meeting, _ = found
    branch = await repo.get_branch(session, meeting.branch_id)
    assert branch is not None
    starts_at = local_to_utc(start_local, branch.timezone)
    duration = meeting.ends_at - meeting.starts_at if meeting.ends_at else None
    ends_at = starts_at + duration if duration else None
    errors: list[MeetingError] = validate_schedule(starts_at, ends_at, now)
    if errors:
        return Invalid(tuple(e.value for e in errors))
    if starts_at == meeting.starts_at:
        return Changed(meeting.id, 0)
    before: dict[str, object] = {"starts_at": meeting.starts_at.isoformat()}
    meeting.starts_at, meeting.ends_at, meeting.updated_at = starts_at, ends_at, now
    if meeting.announced_at is None:
        # Not announced yet (a later occurrence): announce as far ahead as the branch wants,
        # and never after the new start.
        lead = from_branch_settings(branch.settings).announce_lead
        meeting.announce_at = max(now, starts_at - lead)
    notified = await _publish_change(session, meeting, now)
    _audit(
        session, actor, meeting, "meeting.move", before, {"starts_at": starts_at.isoformat()}, now
    )
    return Changed(meeting.id, notified)


async def change_place(
    session: AsyncSession,
    actor: Actor,
    meeting_id: int,
    place: str | None,
    location: tuple[float, float] | None,
    now: datetime,
) -> Changed | Refused | Invalid:
    """A new place (and optionally its map point) for one meeting."""
    found = await _editable(session, actor, meeting_id, now)
    if isinstance(found, Refused):
        return found
    meeting, _ = found
    errors = validate_details(meeting.title, place, None)
    if errors:
        return Invalid(tuple(e.value for e in errors))
    before: dict[str, object] = {"place": meeting.place}
    meeting.place = normalize_text(place)
    meeting.place_lat, meeting.place_lon = location if location else (None, None)
    meeting.updated_at = now
    notified = await _publish_change(session, meeting, now)
    _audit(session, actor, meeting, "meeting.place", before, {"place": meeting.place}, now)
    return Changed(meeting.id, notified)


async def cancel_meeting(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Changed | Refused:
    """Cancel one meeting (one occurrence); everyone told of it hears of the cancellation."""
    found = await _editable(session, actor, meeting_id, now)
    if isinstance(found, Refused):
        return found
    meeting, _ = found
    notified = await _cancel(session, meeting, now)
    _audit(session, actor, meeting, "meeting.cancel", None, None, now)
    return Changed(meeting.id, notified)


async def _cancel(session: AsyncSession, meeting: Meeting, now: datetime) -> int:
    meeting.status, meeting.cancelled_at, meeting.updated_at = "cancelled", now, now
    meeting.remind_at = None
    if meeting.announced_at is None:
        return 0
    told = await notices.told_before(session, meeting)
    await notices.withdraw_queued(session, meeting, now)
    await session.flush()
    return await notices.announce_cancel(session, meeting, told, now)


async def cancel_series(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Changed | Refused:
    """Cancel the series of this occurrence: every future occurrence and no new ones."""
    # Checked unlocked, then locked series first and occurrences in start order: the order
    # every multi-meeting lock takes (see repo.mark_reminders_due), so none can deadlock.
    found = await _editable(session, actor, meeting_id, now, lock=False)
    if isinstance(found, Refused):
        return found
    meeting, _ = found
    if meeting.series_id is None:
        return await cancel_meeting(session, actor, meeting_id, now)
    # Locked: a tick extending the series waits, then sees it cancelled.
    series = await repo.get_series(session, meeting.series_id, lock=True)
    assert series is not None
    occurrences = await repo.future_occurrences(session, series.id, now)
    if meeting_id not in {o.id for o in occurrences}:
        return Refused(Refusal.CANCELLED)  # cancelled or moved into the past meanwhile
    series.cancelled_at, series.updated_at = now, now
    notified = 0
    for occurrence in occurrences:
        notified = max(notified, await _cancel(session, occurrence, now))
    core_repo.audit(
        session,
        branch_id=series.branch_id,
        actor_tg_id=actor.tg_id,
        action="meeting.cancel_series",
        target="meeting_series",
        target_id=series.id,
        now=now,
    )
    return Changed(meeting.id, notified)


def _audit(
    session: AsyncSession,
    actor: Actor,
    meeting: Meeting,
    action: str,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
    now: datetime,
) -> None:
    core_repo.audit(
        session,
        branch_id=meeting.branch_id,
        actor_tg_id=actor.tg_id,
        action=action,
        target="meeting",
        target_id=meeting.id,
        before=before,
        after=after,
        now=now,
    )


async def retired_copies(
    session: AsyncSession, meeting_id: int, now: datetime
) -> list[tuple[int, int, str]]:
    """The notices already in people's chats about what was just cancelled (this meeting, or
    its series' occurrences cancelled at `now`): their buttons are to say 已取消."""
    meeting = await repo.get_meeting(session, meeting_id)
    if meeting is None or meeting.status != "cancelled":
        return []
    ids = [meeting.id]
    if meeting.series_id is not None:
        ids += [
            m.id
            for m in await repo.cancelled_occurrences(session, meeting.series_id, now)
            if m.id != meeting.id
        ]
    return await repo.sent_notice_copies(session, ids)
