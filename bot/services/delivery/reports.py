"""What became of a broadcast: its delivery report, who was not reached, and the officer's list
of recent notices (「📋 最近的通知」)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.delivery.broadcast import KIND, Refused, load_notice, officer
from bot.services.identity import Actor
from storage.models.core import Branch
from storage.repos import delivery as repo

# The list behind 「📋 最近的通知」: enough to find last week's notice, short enough to read.
LIST_SIZE = 8


NAMES_SHOWN = 20  # a report stays one screen; the re-send reaches all of them


@dataclass(frozen=True)
class Report:
    """Delivery figures of one notice."""

    notice_id: int
    title: str
    status: str
    ack: bool
    total: int
    sent: int
    acked: int
    blocked: int
    not_started: int
    pending: int
    cancelled: int
    failed: dict[str, int] = field(default_factory=dict)
    unreachable_reasons: dict[str, int] = field(default_factory=dict)
    group_copy: str | None = None
    send_at: datetime | None = None
    tz: str = "Asia/Shanghai"
    # Names, not only counts: who received it and has not pressed 「收到」 (the first few).
    unacked_names: tuple[str, ...] = ()

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())


@dataclass(frozen=True)
class Listed:
    """One line of the officer's list of notices."""

    notice_id: int
    title: str
    status: str
    send_at: datetime | None
    created_at: datetime


async def listed(session: AsyncSession, actor: Actor) -> tuple[list[Listed], str] | Refused:
    """The newest notices this officer may see (a group leader: their own), and the branch tz."""
    who = officer(actor)
    if isinstance(who, Refused):
        return who
    mine_only = who.member.member_id if who.own_group is not None else None
    rows = await repo.listed_notices(session, who.member.branch_id, KIND, mine_only, LIST_SIZE)
    return [
        Listed(n.id, str(n.meta.get("title", "")), n.status, n.send_at, n.created_at) for n in rows
    ], who.member.branch_tz


async def report(session: AsyncSession, actor: Actor, notice_id: int) -> Report | Refused:
    loaded = await load_notice(session, actor, notice_id, draft=False)
    if isinstance(loaded, Refused):
        return loaded
    return await report_of(session, loaded[1].id)


async def report_of(session: AsyncSession, notice_id: int) -> Report:
    """The figures of any notice (the sender's progress and final report use this)."""
    notice = await repo.notice(session, notice_id)
    assert notice is not None
    counts = await repo.state_counts(session, notice_id)
    branch = await session.get(Branch, notice.branch_id)
    return Report(
        notice_id=notice_id,
        title=str(notice.meta.get("title", "")),
        status=notice.status,
        ack=notice.ack,
        total=sum(counts.values()),
        sent=counts.get("sent", 0),
        acked=await repo.acked_count(session, notice_id),
        blocked=counts.get("unreachable", 0),
        not_started=counts.get("not_started", 0),
        pending=counts.get("queued", 0) + counts.get("sending", 0),
        cancelled=counts.get("cancelled", 0),
        failed=await repo.reason_counts(session, notice_id, "failed")
        if counts.get("failed")
        else {},
        unreachable_reasons=(
            await repo.reason_counts(session, notice_id, "unreachable")
            if counts.get("unreachable")
            else {}
        ),
        group_copy=await repo.group_copy_state(session, notice_id),
        send_at=notice.send_at,
        tz=branch.timezone if branch else "Asia/Shanghai",
        unacked_names=tuple(await repo.unacked_names(session, notice_id, NAMES_SHOWN + 1))
        if notice.ack
        else (),
    )


async def unreached(
    session: AsyncSession, actor: Actor, notice_id: int, limit: int = 200
) -> list[tuple[str, str | None, str, str | None]] | Refused:
    """Who Telegram could not reach (never started the bot, blocked it): name, phone, why."""
    loaded = await load_notice(session, actor, notice_id, draft=False)
    if isinstance(loaded, Refused):
        return loaded
    return await repo.unreached_people(session, notice_id, limit)
