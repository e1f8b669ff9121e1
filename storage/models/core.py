"""Organisation: branches, party groups, members, Telegram accounts, audit trail."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId, JSONType, Timestamped, utcnow
from storage.types import UTCDateTime


class Branch(Timestamped, Base):
    """党支部; `parent_id` points at a 党总支/社区党委 so one deployment serves many."""

    __tablename__ = "branches"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("branches.id", ondelete="SET NULL"), index=True
    )
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Shanghai")
    group_chat_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    # Branch settings (reminder offsets, check-in window, cadence); validated by domain rules.
    settings: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PartyGroup(Timestamped, Base):
    """党小组 inside a branch."""

    __tablename__ = "party_groups"
    __table_args__ = (UniqueConstraint("branch_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)


class TgUser(Timestamped, Base):
    """A Telegram account as the bot knows it: language, reachability, chosen branch."""

    __tablename__ = "tg_users"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str | None] = mapped_column(String(8))
    current_branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branches.id", ondelete="SET NULL")
    )
    # When the person last wrote to the bot; until then Telegram refuses our messages (403).
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    blocked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # When the person first accepted a privacy notice; until then their Telegram name and
    # username are not kept (storage.repos.core.refresh_tg_user).
    privacy_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Member(Timestamped, Base):
    """A roster record in one branch; bound to a Telegram account once the person joins."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("branch_id", "tg_user_id"),
        Index(None, "branch_id", "status", "group_id"),
        Index(None, "branch_id", "name"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("party_groups.id", ondelete="SET NULL"), index=True
    )
    tg_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("tg_users.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(String(50))
    phone: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(20), default="member")
    status: Mapped[str] = mapped_column(String(20), default="active")
    status_reason: Mapped[str | None] = mapped_column(Text)
    joined_party_on: Mapped[date | None] = mapped_column(Date)
    full_member_on: Mapped[date | None] = mapped_column(Date)
    work_unit: Mapped[str | None] = mapped_column(String(100))


class AuditEntry(Base):
    """Who changed what, when, with the values before and after."""

    __tablename__ = "audit_log"
    __table_args__ = (Index(None, "branch_id", "created_at"), Index(None, "target", "target_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    actor_tg_id: Mapped[int | None] = mapped_column(BigInteger)
    action: Mapped[str] = mapped_column(String(50))
    target: Mapped[str] = mapped_column(String(30))
    target_id: Mapped[int | None] = mapped_column(BigInteger)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AppState(Base):
    """Small process-wide values that must survive restarts (e.g. the generated secret)."""

    __tablename__ = "app_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
