"""Posts (一岗): categories, public-interest posts, who holds them, duty records, reporting.

Shared by three slices: `posts` owns these tables; `residents` reads post holders by
category and files done requests as duty records; `cards` reads everything for the cards.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, Timestamped
from storage.types import UTCDateTime


class PostCategory(Timestamped, Base):
    """公益岗位类别 of a branch (宣传教育, 维权服务 ...); seven defaults are seeded per branch."""

    __tablename__ = "post_categories"
    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(30))
    position: Mapped[int] = mapped_column(Integer, default=0)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Post(Timestamped, Base):
    """A public-interest post (公益岗位) for one term (usually a calendar year)."""

    __tablename__ = "posts"
    __table_args__ = (Index(None, "branch_id", "term", "category_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("post_categories.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(50))
    description: Mapped[str] = mapped_column(Text, default="")
    duties: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    # The term is a year: claims, limits and the cards are counted per term.
    term: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )


class PostClaim(Timestamped, Base):
    """A member holding a post; `released_at` set when they let go (the row stays as history).

    `end_reason`: released (by the member), reassigned / removed (by the secretary), left (the
    member left the branch), closed (the post was closed).
    """

    __tablename__ = "post_claims"
    __table_args__ = (
        Index(None, "post_id", "released_at"),
        Index(None, "member_id", "term", "released_at"),
        Index(None, "branch_id", "term"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    term: Mapped[int] = mapped_column(Integer)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Set when the secretary assigned the post instead of the member claiming it.
    assigned_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(12))
    # The month ("2026-12") the holder was last nudged for recording no duty, so once a month.
    nudged_month: Mapped[str | None] = mapped_column(String(7))


class DutyRecord(Timestamped, Base):
    """Duty done on a post or for a resident's request; confirmed through the approval queue.

    `source`: "post" (recorded by the member on a claimed post) or "request" (a resident's
    request the member took and finished; `request_id` set, confirmed on completion).
    `state`: pending, confirmed, rejected, withdrawn.
    """

    __tablename__ = "duty_records"
    __table_args__ = (
        Index(None, "member_id", "day"),
        Index(None, "branch_id", "state", "day"),
        UniqueConstraint("request_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"))
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("resident_requests.id", ondelete="SET NULL")
    )
    source: Mapped[str] = mapped_column(String(12), default="post")
    state: Mapped[str] = mapped_column(String(12), default="pending")
    day: Mapped[date] = mapped_column(Date)
    what: Mapped[str] = mapped_column(Text, default="")
    # Optional hours, in half hours (as volunteer hours count them).
    halves: Mapped[int] = mapped_column(Integer, default=0)
    photos: Mapped[list[Any]] = mapped_column(JSONType, default=list)
    decided_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)


class CommunityReport(Timestamped, Base):
    """在职党员到社区报到: the member's employer unit and its Party branch (双重管理)."""

    __tablename__ = "community_reports"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )
    unit_name: Mapped[str] = mapped_column(String(100))
    unit_party_branch: Mapped[str] = mapped_column(String(100), default="")
    contact_name: Mapped[str] = mapped_column(String(50), default="")
    contact_phone: Mapped[str | None] = mapped_column(String(20))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())
