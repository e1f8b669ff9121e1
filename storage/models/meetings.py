"""Meetings feature tables: series, occurrences, attendance, leave, reminder log, files."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, Timestamped, utcnow
from storage.types import UTCDateTime


class MeetingSeries(Timestamped, Base):
    """A recurring meeting: an RRULE in the branch's local wall time, from `start_date` on.

    Occurrences are materialised as `meetings` rows over a rolling horizon; a moved or
    cancelled occurrence is that row changed (its `original_start_utc` keeps it identified),
    so the row itself is the override and re-materialising never recreates it.
    """

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(60))
    place: Mapped[str | None] = mapped_column(String(100))
    place_lat: Mapped[float | None] = mapped_column(Float)
    place_lon: Mapped[float | None] = mapped_column(Float)
    agenda: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(50))
    rrule: Mapped[str] = mapped_column(String(300))
    tz: Mapped[str] = mapped_column(String(64))
    start_date: Mapped[date] = mapped_column(Date)
    duration_minutes: Mapped[int | None] = mapped_column()
    created_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    # Occurrences with an original start before this instant exist as rows.
    materialized_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Meeting(Timestamped, Base):
    """One meeting (a one-off, or one occurrence of a series); all times UTC."""

    __tablename__ = "meetings"
    __table_args__ = (
        UniqueConstraint("series_id", "original_start_utc"),
        Index(None, "branch_id", "starts_at"),
        Index(None, "status", "starts_at"),
        Index(None, "closed_at", "starts_at"),
        # The tick's "started, check-in not closed yet": only open meetings, not all history.
        Index(
            "ix_meetings_unclosed_status_starts_at",
            "status",
            "starts_at",
            postgresql_where=text("closed_at IS NULL"),
            sqlite_where=text("closed_at IS NULL"),
        ),
        Index(None, "announced_at", "announce_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="CASCADE")
    )
    original_start_utc: Mapped[datetime | None] = mapped_column(UTCDateTime())
    type: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(60))
    place: Mapped[str | None] = mapped_column(String(100))
    place_lat: Mapped[float | None] = mapped_column(Float)
    place_lon: Mapped[float | None] = mapped_column(Float)
    agenda: Mapped[str | None] = mapped_column(Text)
    audience: Mapped[str] = mapped_column(String(50))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # "scheduled" or "cancelled".
    status: Mapped[str] = mapped_column(String(20), default="scheduled")
    # Bumped whenever members are told a new time or place; part of the notice keys.
    version: Mapped[int] = mapped_column(default=1)
    # When members are to hear of it, and when they did (the reminders' "created_at").
    announce_at: Mapped[datetime] = mapped_column(UTCDateTime())
    announced_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The host opened check-in early / closed it before its time (None: the branch's window).
    checkin_opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checkin_closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Check-in closed: absentees recorded, summary and make-up notices queued.
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When a reminder of this version is next to be decided (sent, superseded or skipped);
    # None when nothing is left. Kept by bot.services.meetings.reminders so the tick reads
    # only the meetings that need it, however many a district schedules.
    remind_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)


class MeetingRsvp(Base):
    """A member pressed 「参加」."""

    __tablename__ = "meeting_rsvps"
    __table_args__ = (UniqueConstraint("meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Attendance(Timestamped, Base):
    """One member at one meeting (bot.domain.meetings.attendance.AttendanceState in `state`)."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "member_id"),
        Index(None, "member_id", "state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    state: Mapped[str] = mapped_column(String(20))
    # code / qr / location / proxy / host
    method: Mapped[str | None] = mapped_column(String(20))
    by_proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    proxy_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    made_up_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LeaveRequest(Base):
    """请假: the reason and who decided; the attendance row carries the current state."""

    __tablename__ = "meeting_leave_requests"
    __table_args__ = (Index(None, "meeting_id", "member_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(200))
    # pending / approved / declined
    status: Mapped[str] = mapped_column(String(20), default="pending")
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )


class ReminderLog(Base):
    """What became of each configured reminder of one meeting version (the plan's memory).

    The unique key is the claim: the process that inserts the row is the one that enqueues.
    """

    __tablename__ = "meeting_reminders"
    __table_args__ = (UniqueConstraint("meeting_id", "version", "offset_seconds"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column()
    offset_seconds: Mapped[int] = mapped_column()
    # sent / superseded / skipped
    status: Mapped[str] = mapped_column(String(20))
    send_at: Mapped[datetime] = mapped_column(UTCDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime())


class MeetingFile(Base):
    """Agenda material (a Telegram file) of a meeting or of a series' every occurrence."""

    __tablename__ = "meeting_files"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting_series.id", ondelete="CASCADE"), index=True
    )
    # document / photo
    kind: Mapped[str] = mapped_column(String(10))
    file_id: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str | None] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(default=0)


class CheckinAttempt(Base):
    """A wrong check-in code, kept to stop guessing (a few per member per meeting per 10 min)."""

    __tablename__ = "meeting_checkin_attempts"
    __table_args__ = (Index(None, "meeting_id", "member_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class MeetingRun(Base):
    """A once-per-period job for a branch (monthly digest): inserting the row claims it."""

    __tablename__ = "meeting_runs"
    __table_args__ = (UniqueConstraint("branch_id", "kind", "period"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    period: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
