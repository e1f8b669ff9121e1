"""Privacy: who accepted which privacy notice, and members' requests about their own data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, BigId
from storage.types import UTCDateTime


class PrivacyConsent(Base):
    """One acceptance of a branch's privacy notice: by whom, when, which version of the text.

    Kept after a deletion request too: it is the record that the person agreed at the time.
    """

    __tablename__ = "privacy_consents"
    __table_args__ = (Index(None, "tg_user_id", "branch_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    # No foreign key: the acceptance outlives the account row it was given from.
    tg_user_id: Mapped[int] = mapped_column(BigInteger)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    version: Mapped[str] = mapped_column(String(40))
    via: Mapped[str] = mapped_column(String(12))  # invite, bind, secretary, existing
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DataRequest(Base):
    """A member's request to correct or delete what the branch holds about them (/mydata).

    The decision goes through the approval queue (kind "data_request", subject this row).
    """

    __tablename__ = "data_requests"
    __table_args__ = (Index(None, "branch_id", "member_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branches.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(10))  # correct, delete
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
