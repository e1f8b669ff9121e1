"""The four cards and the assessment (一制度): feedback, feedback links, corrections, tallies."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, Timestamped
from storage.types import UTCDateTime


class FeedbackLink(Timestamped, Base):
    """A link the secretary gives a partner unit to give feedback on one member, once."""

    __tablename__ = "feedback_links"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"), index=True)
    partner_name: Mapped[str] = mapped_column(String(100), default="")
    created_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class FeedbackEntry(Timestamped, Base):
    """社区表现反馈: a rating 1-5 and a comment about a member for a term.

    `source`: secretary, leader (group leader), partner (through a feedback link). Residents'
    ratings stay on their requests (resident_requests.rating) and are read from there.
    """

    __tablename__ = "feedback_entries"
    __table_args__ = (Index(None, "member_id", "term"), Index(None, "branch_id", "term"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    term: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(12))
    author_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback_links.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(String(100), default="")
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class ScoreCorrection(Timestamped, Base):
    """A secretary's correction of one scoring item for a member and term, with the reason."""

    __tablename__ = "score_corrections"
    __table_args__ = (Index(None, "member_id", "term"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    term: Mapped[int] = mapped_column(Integer)
    item: Mapped[str] = mapped_column(String(20))
    # Points added (or taken, negative) to the item, in tenths of a point.
    delta_tenths: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    by_member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))


class TallyRun(Timestamped, Base):
    """A quarterly or year-end tally done for a branch; `period` is "2026-Q3" or "2026".

    The unique key makes the job's run once per period, whatever restarts happen.
    """

    __tablename__ = "tally_runs"
    __table_args__ = (UniqueConstraint("branch_id", "period"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The ranking as computed (member id, points in tenths), kept for the record.
    result: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
