"""Residents' requests (居民点单, 党员接单): asked through a public link, taken by a member."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, Timestamped
from storage.types import UTCDateTime


class ResidentRequest(Timestamped, Base):
    """One resident's request for help in a post category.

    `state`: open (waiting for a taker), taken, done, closed (by the secretary or withdrawn by
    the resident). `escalated_at` is set when nobody took it in the branch's time and the
    secretary was told.
    """

    __tablename__ = "resident_requests"
    __table_args__ = (
        Index(None, "branch_id", "state", "created_at"),
        Index(None, "resident_tg_id", "created_at"),
        Index(None, "taken_by_member_id", "state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("post_categories.id", ondelete="SET NULL")
    )
    # A resident is a Telegram account, not a member: never a foreign key to members.
    resident_tg_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str | None] = mapped_column(String(20))
    photos: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    state: Mapped[str] = mapped_column(String(12), default="open")
    taken_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    taken_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    done_note: Mapped[str | None] = mapped_column(Text)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    close_reason: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_comment: Mapped[str | None] = mapped_column(Text)
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class ResidentBlock(Timestamped, Base):
    """A Telegram account the secretary blocked from the branch's request link."""

    __tablename__ = "resident_blocks"
    __table_args__ = (UniqueConstraint("branch_id", "resident_tg_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    resident_tg_id: Mapped[int] = mapped_column(BigInteger)
    blocked_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    reason: Mapped[str] = mapped_column(Text, default="")
