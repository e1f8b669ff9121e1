"""The one approval queue: every request that waits for an officer's decision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, Timestamped
from storage.types import UTCDateTime


class ApprovalRequest(Timestamped, Base):
    """A request (a leave, an application, a dues payment...) and its decision.

    `kind` and `subject_id` name the feature's own row; the feature keeps its details and the
    queue keeps who asked, who may decide, and what was decided.
    """

    __tablename__ = "approval_requests"
    __table_args__ = (
        UniqueConstraint("kind", "subject_id"),
        Index(None, "branch_id", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int] = mapped_column(BigInteger)
    requester_member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    permission: Mapped[str] = mapped_column(String(30))
    summary: Mapped[str] = mapped_column(String(200), default="")
    state: Mapped[str] = mapped_column(String(12), default="pending")
    decided_by_member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reason: Mapped[str | None] = mapped_column(Text)
