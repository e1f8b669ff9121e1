"""Members feature tables: invite and binding links, roster imports waiting for confirmation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, utcnow
from storage.types import UTCDateTime


class Invite(Base):
    """A deep-link token: branch invite, secretary invite, or one member's binding link.

    `used` counts completed uses (a submitted registration, a binding), not link openings, so
    someone who opens an invite and walks away does not use up a place.
    """

    __tablename__ = "invites"
    __table_args__ = (Index(None, "branch_id", "kind", "revoked_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # bot.domain.links.LinkKind value ("i", "s", "b").
    kind: Mapped[str] = mapped_column(String(2))
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    # The role the person gets (bot.domain.members.Role value).
    role: Mapped[str] = mapped_column(String(20), default="member")
    # Binding links: the roster record the opener is bound to.
    member_id: Mapped[int | None] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), index=True
    )
    # Why the link exists beyond its kind, e.g. "group" for the group chat's start button.
    label: Mapped[str | None] = mapped_column(String(20))
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    max_uses: Mapped[int | None] = mapped_column()
    used: Mapped[int] = mapped_column(default=0)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class RosterImport(Base):
    """A validated roster upload between the preview and the secretary's confirmation.

    The good rows are kept server-side (the confirm button only carries `key`), and expire.
    """

    __tablename__ = "roster_imports"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    key: Mapped[str] = mapped_column(String(16), unique=True)
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )
    created_by: Mapped[int] = mapped_column(BigInteger)
    filename: Mapped[str] = mapped_column(String(255), default="")
    rows: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    bad_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MemberListView(Base):
    """The roster list an officer drew last (filters, page, search term): its paging and
    「返回列表」 find it after a restart or in another process. One row per person."""

    __tablename__ = "member_list_views"

    user_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    query: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
