"""Dues (党费) tables: each member's basis, one line per member and month, payments, reports,
remittances. Money is Decimal in yuan to the fen (Numeric(12,2); whole fen on SQLite)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

from storage.models.base import Base, BigId, JSONType, utcnow
from storage.types import UTCDateTime

_FEN = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Numeric(12,2) on PostgreSQL; whole fen in an INTEGER on SQLite, which has no decimal
    type and would otherwise hand amounts back through a float."""

    impl = Numeric(12, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Integer())
        return dialect.type_descriptor(Numeric(12, 2, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError("money must be a Decimal")
        exact = value.quantize(_FEN)
        if exact != value:
            raise ValueError("money has more than two decimals")
        return int(exact * 100) if dialect.name == "sqlite" else exact

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(int(value)) / 100).quantize(_FEN)
        return Decimal(value).quantize(_FEN)


class DuesBasis(Base):
    """What a member's dues are computed from, from a month on; a member may report one
    (state "pending") that the secretary confirms."""

    __tablename__ = "dues_bases"
    __table_args__ = (Index(None, "member_id", "state", "effective_month"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    # bot.domain.dues.brackets.BasisKind value.
    kind: Mapped[str] = mapped_column(String(12))
    # The base (income, pension) for rated kinds; the fixed amount otherwise.
    value: Mapped[Decimal | None] = mapped_column(Money())
    reason: Mapped[str | None] = mapped_column(Text)
    effective_month: Mapped[int] = mapped_column(Integer)
    # confirmed / pending / declined / withdrawn
    state: Mapped[str] = mapped_column(String(12), default="confirmed")
    reported_by_member_id: Mapped[int | None] = mapped_column(BigId)
    decided_by_member_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DuesAccount(Base):
    """Per-member dues state that is not a month: an approved pause of reminders."""

    __tablename__ = "dues_accounts"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    pause_reason: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DuesLine(Base):
    """One member, one month: what is due and what was recorded paid. Unique, so the monthly
    opening happens once whatever restarts."""

    __tablename__ = "dues_lines"
    __table_args__ = (
        UniqueConstraint("member_id", "month"),
        Index(None, "branch_id", "month"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    month: Mapped[int] = mapped_column(Integer)
    # None until the member has a basis (待核定).
    due: Mapped[Decimal | None] = mapped_column(Money())
    paid: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    paid_on: Mapped[date | None] = mapped_column(Date)
    payment_id: Mapped[int | None] = mapped_column(BigId)
    # A member's 「我已缴纳」 waiting for confirmation covers this month.
    claim_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class DuesPayment(Base):
    """A payment for one or several months: claimed by the member or recorded by an officer."""

    __tablename__ = "dues_payments"
    __table_args__ = (Index(None, "branch_id", "state"), Index(None, "member_id", "state"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    months: Mapped[list[int]] = mapped_column(JSONType, default=list)
    amount: Mapped[Decimal] = mapped_column(Money())
    # Paid beyond what the months owe: a voluntary extra (自愿多交).
    extra: Mapped[Decimal] = mapped_column(Money(), default=Decimal("0.00"))
    paid_on: Mapped[date] = mapped_column(Date)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    # member (a claim to confirm) / officer (recorded directly)
    source: Mapped[str] = mapped_column(String(10))
    # pending / confirmed / questioned / withdrawn
    state: Mapped[str] = mapped_column(String(12))
    recorded_by_member_id: Mapped[int | None] = mapped_column(BigId)
    # The kernel approval queue's item for a member's claim.
    approval_id: Mapped[int | None] = mapped_column(BigId)
    reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DuesReport(Base):
    """A collection report (公示) for a month ("2026-03") or a year ("2026"); counts and totals
    only. Published to the branch once, on the secretary's confirmation."""

    __tablename__ = "dues_reports"
    __table_args__ = (UniqueConstraint("branch_id", "period"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))
    stats: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    created_by_member_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_by_member_id: Mapped[int | None] = mapped_column(BigId)


class DuesRemittance(Base):
    """What the branch handed to the upper Party committee (上缴) for a run of months."""

    __tablename__ = "dues_remittances"

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branches.id", ondelete="CASCADE"), index=True
    )
    first_month: Mapped[int] = mapped_column(Integer)
    last_month: Mapped[int] = mapped_column(Integer)
    amount: Mapped[Decimal] = mapped_column(Money())
    remitted_on: Mapped[date] = mapped_column(Date)
    photo_file_id: Mapped[str | None] = mapped_column(String(255))
    recorded_by_member_id: Mapped[int | None] = mapped_column(BigId)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
