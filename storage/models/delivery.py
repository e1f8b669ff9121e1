"""The outbox: notices (what to say, to whom, when) and one delivery row per recipient."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, Timestamped, utcnow
from storage.types import UTCDateTime


class Notice(Timestamped, Base):
    """One outgoing notice (a broadcast, a meeting reminder ...), unique by its key.

    `content` maps a language code to a rendered Content (see bot.services.delivery.notices);
    `audience` describes how recipients were chosen, for the report and for drafts still being
    composed.
    """

    __tablename__ = "notices"
    __table_args__ = (Index(None, "branch_id", "kind", "created_at"), Index(None, "status"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    key: Mapped[str] = mapped_column(String(200), unique=True)
    content: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    ack: Mapped[bool] = mapped_column(Boolean, default=False)
    audience: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # draft / scheduled / sending / done / cancelled
    status: Mapped[str] = mapped_column(String(12), default="sending")
    send_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="SET NULL"))
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # The secretary's live progress message, edited in place and finally replaced by the report.
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(Integer)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Delivery(Base):
    """One recipient of one notice; `member_id` is None only for the branch group chat's copy.

    States: queued → sending → sent / failed, or unreachable / not_started (never sent), or
    cancelled. A row is marked `sending` (with a lease) and committed before Telegram is called,
    so after a hard kill only that row can be sent twice.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("notice_id", "member_id"),
        # The reaper: rows in flight whose lease ran out (a few dozen, however long the
        # history). Nothing else indexes state first, so the claim has one index to choose.
        Index(
            "ix_deliveries_sending_lease_until",
            "lease_until",
            postgresql_where=text("state = 'sending'"),
            sqlite_where=text("state = 'sending'"),
        ),
        # The claim, in its order (urgent before bulk, then oldest first) over queued rows
        # only: it reads the first rows and stops, however long the history grows.
        Index(
            "ix_deliveries_queued_claim",
            "priority",
            "next_attempt_at",
            "id",
            postgresql_where=text("state = 'queued'"),
            sqlite_where=text("state = 'queued'"),
        ),
        # "Which notices still have something to send": small however long the history grows.
        # (notice_id IS NOT NULL always holds: it keeps the claim off this index, see 0020.)
        Index(
            "ix_deliveries_pending_notice_id",
            "notice_id",
            postgresql_where=text("state IN ('queued', 'sending') AND notice_id IS NOT NULL"),
            sqlite_where=text("state IN ('queued', 'sending') AND notice_id IS NOT NULL"),
        ),
        Index(None, "notice_id", "state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("notices.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    chat_id: Mapped[int | None] = mapped_column(BigInteger)
    lang: Mapped[str] = mapped_column(String(8), default="zh")
    state: Mapped[str] = mapped_column(String(12), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # bot.domain.delivery.priority.Priority of the notice's kind (copied here for the index).
    priority: Mapped[int] = mapped_column(SmallInteger, default=1, server_default="1")
    # Who holds the row (a claim token) and until when; an expired lease may be taken over.
    claim: Mapped[str | None] = mapped_column(String(16))
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    message_id: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(40))
    error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
