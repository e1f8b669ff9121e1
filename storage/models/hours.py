"""Volunteer hours: teams and who is in them, activities, hours records, certificates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, Timestamped
from storage.types import UTCDateTime


class VolunteerTeam(Timestamped, Base):
    """义工队 / 志愿服务队 of a branch (文艺宣传队, 社区治安巡逻队 ...)."""

    __tablename__ = "volunteer_teams"
    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TeamMember(Timestamped, Base):
    """A member in a team; `left_at` set when they leave (the row stays for the history)."""

    __tablename__ = "volunteer_team_members"
    __table_args__ = (UniqueConstraint("team_id", "member_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("volunteer_teams.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    leader: Mapped[bool] = mapped_column(Boolean, default=False)
    left_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class VolunteerActivity(Timestamped, Base):
    """An activity opened in the bot, with check-in and check-out."""

    __tablename__ = "volunteer_activities"
    __table_args__ = (Index(None, "branch_id", "ends_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    team_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_teams.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(100))
    place: Mapped[str] = mapped_column(String(100), default="")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    opened_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    # Set once open check-ins were closed after the end (the job's mark of work done).
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class HoursRecord(Timestamped, Base):
    """Hours of one member on one day: reported, recorded by a leader, or from a check-in."""

    __tablename__ = "hours_records"
    __table_args__ = (
        Index(None, "branch_id", "state", "day"),
        Index(None, "member_id", "day"),
        UniqueConstraint("activity_id", "member_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    team_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer_teams.id", ondelete="SET NULL")
    )
    activity_type: Mapped[str | None] = mapped_column(String(20))
    activity_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer_activities.id", ondelete="SET NULL")
    )
    source: Mapped[str] = mapped_column(String(12))
    state: Mapped[str] = mapped_column(String(12))
    day: Mapped[date | None] = mapped_column(Date)
    halves: Mapped[int] = mapped_column(Integer, default=0)
    what: Mapped[str | None] = mapped_column(Text)
    photos: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Closed by the bot at the activity's end, not by a check-out: an officer must look.
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    dispute_note: Mapped[str | None] = mapped_column(Text)
    recorded_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    decided_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)


class HoursPrefs(Base):
    """A member's choices about hours: whether the leaderboard shows their name."""

    __tablename__ = "hours_prefs"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    hide_name: Mapped[bool] = mapped_column(Boolean, default=False)


class HoursCertificate(Base):
    """A certificate of volunteer service as issued; its code is an HMAC over these facts."""

    __tablename__ = "hours_certificates"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(50))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    halves: Mapped[int] = mapped_column(Integer)
    issued_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
