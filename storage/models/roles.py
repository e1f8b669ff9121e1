"""What several bot processes share: updates already handled, and the bot's send budget."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Double, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, utcnow
from storage.types import UTCDateTime


class HandledUpdate(Base):
    """An update_id one process took: the same update delivered twice (a webhook retried, or
    sent to two processes) has one effect. Pruned after a day (Telegram keeps updates 24 h)."""

    __tablename__ = "handled_updates"
    __table_args__ = (Index(None, "handled_at"),)

    bot_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class SendBudget(Base):
    """The bot's send budget shared by its processes (PostgreSQL only, see bot.roles.budget):
    `next_at` is the earliest time (the database's clock, epoch seconds) the next call of that
    key may go. Keys: "g:<bot>" every counted call, "b:<bot>" bulk, "c:<bot>:<chat>" a chat."""

    __tablename__ = "send_budget"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    next_at: Mapped[float] = mapped_column(Double, default=0.0)
