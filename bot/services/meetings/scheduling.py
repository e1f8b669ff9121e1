"""Creating meetings and series, materialising occurrences, announcing them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import (
    Audience,
    AudienceKind,
    MeetingError,
    MeetingType,
    local_to_utc,
    normalize_text,
    normalize_title,
    validate_meeting,
)
from bot.domain.meetings.recurrence import Recurrence, next_occurrences, occurrences
from bot.domain.members import Permission
from bot.services.identity import Actor, Membership
from bot.services.meetings import notices, reminders
from bot.services.meetings.access import Refusal, Refused, audience_group, may
from bot.services.meetings.audience import group_names
from bot.services.meetings.settings import from_branch_settings
from storage.models.meetings import Meeting, MeetingFile, MeetingSeries
from storage.repos import core as core_repo
from storage.repos import meetings as repo

log = logging.getLogger(__name__)

HORIZON = timedelta(days=60)
# Extend a series' rows a day before its horizon runs out, not on every tick.
EXTEND_MARGIN = timedelta(days=1)
NO_OCCURRENCE = "no_occurrence"
BAD_GROUP = "bad_group"


@dataclass(frozen=True)
class FileRef:
    """A Telegram file attached as agenda material."""

    kind: str  # document / photo
    file_id: str
    filename: str | None = None


@dataclass(frozen=True)
class NewMeeting:
    """A meeting as the secretary described it; times are the branch's wall time."""

    type: MeetingType
    title: str
    start_local: datetime  # naive; for a series only its date matters (the series start)
    audience: Audience
    duration: timedelta | None = None
    place: str | None = None
    location: tuple[float, float] | None = None
    agenda: str | None = None
    recurrence: Recurrence | None = None
    files: tuple[FileRef, ...] = ()


@dataclass(frozen=True)
class Created:
    meeting_id: int  # the first (or only) occurrence
    series_id: int | None
    starts_at: datetime
    occurrences: int
    notified: int


@dataclass(frozen=True)
class Invalid:
    """Validation codes (MeetingError values, or NO_OCCURRENCE / BAD_GROUP)."""

    errors: tuple[str, ...]


def _first_start(draft: NewMeeting, tz: str, now: datetime) -> datetime | None:
    if draft.recurrence is None:
        return local_to_utc(draft.start_local, tz)
    # Starting exactly now is allowed, as for one-off meetings.
    found = next_occurrences(
        draft.recurrence, draft.start_local.date(), now - timedelta(microseconds=1), 1
    )
    return found[0] if found else None


def _columns(draft: NewMeeting) -> dict[str, object]:
    lat, lon = draft.location if draft.location else (None, None)
    return {
        "type": draft.type.value,
        "title": normalize_title(draft.title),
        "place": normalize_text(draft.place),
        "place_lat": lat,
        "place_lon": lon,
        "agenda": normalize_text(draft.agenda),
        "audience": draft.audience.to_string(),
    }


async def create_meeting(
    session: AsyncSession, actor: Actor, draft: NewMeeting, now: datetime
) -> Created | Refused | Invalid:
    """Validate, store, materialise and announce a new meeting or series."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    if not may(me, Permission.SCHEDULE_MEETING, audience_group(draft.audience)):
        return Refused(Refusal.NOT_ALLOWED)
    if draft.audience.kind is AudienceKind.GROUP and draft.audience.group_id not in (
        await group_names(session, me.branch_id)
    ):
        return Invalid((BAD_GROUP,))
    branch = await repo.get_branch(session, me.branch_id)
    assert branch is not None
    starts_at = _first_start(draft, branch.timezone, now)
    if starts_at is None:
        return Invalid((NO_OCCURRENCE,))
    ends_at = starts_at + draft.duration if draft.duration else None
    errors: list[MeetingError] = validate_meeting(
        meeting_type=draft.type,
        title=draft.title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=draft.place,
        agenda=draft.agenda,
        audience=draft.audience,
        now=now,
    )
    if errors:
        return Invalid(tuple(e.value for e in errors))
    if draft.recurrence is not None:
        lead = from_branch_settings(branch.settings).announce_lead
        return await _create_series(session, actor, draft, me, starts_at, lead, now)
    meeting = Meeting(
        branch_id=me.branch_id,
        **_columns(draft),
        starts_at=starts_at,
        ends_at=ends_at,
        announce_at=now,
        created_by_member_id=me.member_id,
        created_at=now,
        updated_at=now,
    )
    session.add(meeting)
    await session.flush()
    for position, ref in enumerate(draft.files):
        session.add(_file(ref, position, meeting_id=meeting.id))
    await session.flush()
    notified = await announce_if_due(session, meeting.id, now)
    _audit(actor, meeting.branch_id, "meeting.create", "meeting", meeting.id, now, session)
    return Created(meeting.id, None, starts_at, 1, notified)


async def _create_series(
    session: AsyncSession,
    actor: Actor,
    draft: NewMeeting,
    me: Membership,
    first_start: datetime,
    lead: timedelta,
    now: datetime,
) -> Created | Invalid:
    rec = draft.recurrence
    assert rec is not None
    series = MeetingSeries(
        branch_id=me.branch_id,
        **_columns(draft),
        rrule=rec.to_rrule_string(),
        tz=rec.tz,
        start_date=draft.start_local.date(),
        duration_minutes=int(draft.duration / timedelta(minutes=1)) if draft.duration else None,
        created_by_member_id=me.member_id,
        created_at=now,
        updated_at=now,
    )
    session.add(series)
    await session.flush()
    for position, ref in enumerate(draft.files):
        session.add(_file(ref, position, series_id=series.id))
    await session.flush()
    # A first occurrence beyond the usual horizon (a quarterly series) still gets its row.
    ids = await materialise(
        session, series, now, lead, first_now=True, at_least=first_start + timedelta(minutes=1)
    )
    if not ids:
        return Invalid((NO_OCCURRENCE,))
    first = await repo.get_meeting(session, ids[0])
    assert first is not None
    notified = await announce_if_due(session, first.id, now)
    for other in ids[1:]:
        await announce_if_due(session, other, now)
    _audit(
        actor, series.branch_id, "meeting.create_series", "meeting_series", series.id, now, session
    )
    return Created(first.id, series.id, first.starts_at, len(ids), notified)


def _file(
    ref: FileRef, position: int, *, meeting_id: int | None = None, series_id: int | None = None
) -> MeetingFile:
    return MeetingFile(
        meeting_id=meeting_id,
        series_id=series_id,
        kind=ref.kind,
        file_id=ref.file_id,
        filename=ref.filename,
        position=position,
    )


def _audit(
    actor: Actor,
    branch_id: int,
    action: str,
    target: str,
    target_id: int,
    now: datetime,
    session: AsyncSession,
) -> None:
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor.tg_id,
        action=action,
        target=target,
        target_id=target_id,
        now=now,
    )


async def materialise(
    session: AsyncSession,
    series: MeetingSeries,
    now: datetime,
    lead: timedelta,
    *,
    first_now: bool = False,
    at_least: datetime | None = None,
) -> list[int]:
    """Rows for the series' occurrences in [now, now + HORIZON); returns the new ids in order.

    Idempotent through the unique (series_id, original_start_utc): a moved or cancelled
    occurrence keeps its row, so it is never recreated.
    """
    rec = Recurrence.from_rrule_string(series.rrule, series.tz)
    until = max(now + HORIZON, at_least or now)
    starts = occurrences(rec, series.start_date, now, until)
    files = await repo.series_files(session, series.id)
    duration = timedelta(minutes=series.duration_minutes) if series.duration_minutes else None
    created: list[int] = []
    for index, start in enumerate(starts):
        announce_at = now if first_now and index == 0 else max(now, start - lead)
        new_id = await repo.insert_occurrence(
            session,
            {
                "branch_id": series.branch_id,
                "series_id": series.id,
                "original_start_utc": start,
                "type": series.type,
                "title": series.title,
                "place": series.place,
                "place_lat": series.place_lat,
                "place_lon": series.place_lon,
                "agenda": series.agenda,
                "audience": series.audience,
                "starts_at": start,
                "ends_at": start + duration if duration else None,
                "status": "scheduled",
                "version": 1,
                "announce_at": announce_at,
                "created_by_member_id": series.created_by_member_id,
                "created_at": now,
                "updated_at": now,
            },
        )
        if new_id is None:
            continue
        created.append(new_id)
        for f in files:
            session.add(
                MeetingFile(
                    meeting_id=new_id,
                    kind=f.kind,
                    file_id=f.file_id,
                    filename=f.filename,
                    position=f.position,
                )
            )
    series.materialized_until = until
    await session.flush()
    return created


async def announce_if_due(session: AsyncSession, meeting_id: int, now: datetime) -> int:
    """Send the first notice once (claimed by announced_at); returns the recipients count."""
    # Locked so a concurrent edit cannot change the row between rendering and commit.
    meeting = await repo.get_meeting(session, meeting_id, lock=True)
    if meeting is None or meeting.announce_at > now or meeting.starts_at <= now:
        return 0
    if not await repo.claim_announcement(session, meeting_id, now):
        return 0
    meeting.announced_at = now
    await reminders.reschedule(session, meeting)
    return await notices.announce(session, meeting, now)


async def extend_series(session: AsyncSession, series_id: int, now: datetime) -> list[int]:
    """Tick step: materialise one series further if its horizon is running out."""
    series = await repo.get_series(session, series_id, lock=True)
    if series is None or series.cancelled_at is not None:
        return []
    branch = await repo.get_branch(session, series.branch_id)
    lead = from_branch_settings(branch.settings if branch else None).announce_lead
    return await materialise(session, series, now, lead)
