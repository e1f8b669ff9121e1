"""What a meetings service hands out about a meeting: a frozen copy, never the ORM row.

A handler holding the row could change it, or read a lazy relation after the transaction that
loaded it has ended; a frozen copy can do neither, and handlers need not import storage.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime

from storage.models.meetings import Meeting


@dataclass(frozen=True)
class MeetingInfo:
    id: int
    branch_id: int
    series_id: int | None
    original_start_utc: datetime | None
    type: str
    title: str
    place: str | None
    place_lat: float | None
    place_lon: float | None
    agenda: str | None
    audience: str
    starts_at: datetime
    ends_at: datetime | None
    status: str
    version: int
    announce_at: datetime
    announced_at: datetime | None
    created_by_member_id: int | None
    cancelled_at: datetime | None
    checkin_opened_at: datetime | None
    checkin_closed_at: datetime | None
    closed_at: datetime | None

    @classmethod
    def of(cls, meeting: Meeting) -> MeetingInfo:
        return cls(**{f.name: getattr(meeting, f.name) for f in fields(cls)})


@dataclass(frozen=True)
class FileInfo:
    """A meeting file as Telegram resends it."""

    kind: str  # "photo" or "document"
    file_id: str
    filename: str | None
