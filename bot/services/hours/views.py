"""Plain views of hours records for handlers (never ORM rows)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from storage.models.hours import HoursRecord
from storage.repos import hours as repo


@dataclass(frozen=True)
class RecordView:
    id: int
    branch_id: int
    member_id: int
    member_name: str
    team_id: int | None
    team_name: str | None
    activity_type: str | None
    activity_id: int | None
    activity_title: str | None
    source: str
    state: str
    day: date | None
    halves: int
    what: str | None
    photos: tuple[str, ...]
    flagged: bool
    disputed: bool
    dispute_note: str | None
    recorded_by_name: str | None
    reason: str | None


async def record_view(session: AsyncSession, row: HoursRecord) -> RecordView:
    people = await repo.members(
        session,
        {row.member_id} | ({row.recorded_by_member_id} - {None}),  # type: ignore[operator]
    )
    team = await repo.team(session, row.team_id) if row.team_id else None
    activity = await repo.activity(session, row.activity_id) if row.activity_id else None
    member = people.get(row.member_id)
    recorder = people.get(row.recorded_by_member_id) if row.recorded_by_member_id else None
    return RecordView(
        id=row.id,
        branch_id=row.branch_id,
        member_id=row.member_id,
        member_name=member.name if member else "",
        team_id=row.team_id,
        team_name=team.name if team else None,
        activity_type=row.activity_type,
        activity_id=row.activity_id,
        activity_title=activity.title if activity else None,
        source=row.source,
        state=row.state,
        day=row.day,
        halves=row.halves,
        what=row.what,
        photos=tuple(str(p) for p in row.photos or ()),
        flagged=row.flagged,
        disputed=row.disputed_at is not None,
        dispute_note=row.dispute_note,
        recorded_by_name=recorder.name if recorder else None,
        reason=row.reason,
    )
