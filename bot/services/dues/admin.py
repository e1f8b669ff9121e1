"""Officer settings: a member named in a command, reminder pauses, the branch's dues settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.domain.dues.ledger import MAX_PREPAY_MONTHS, Settings
from bot.services.dues.common import Refusal, Refused, branch_settings, officer_of
from bot.services.identity import Actor
from storage.models.dues import DuesAccount
from storage.repos import core as core_repo
from storage.repos import dues as repo


async def member_named(session: AsyncSession, actor: Actor, name: str) -> int | Refused:
    """The one active member of the officer's branch with this name."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    found = await repo.members_named(session, me.branch_id, name.strip())
    if len(found) != 1:
        return Refused(Refusal.NOT_FOUND)
    return found[0].id


@dataclass(frozen=True)
class Paused:
    name: str
    paused: bool


async def set_pause(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    *,
    paused: bool,
    reason: str | None,
    now: datetime,
) -> Paused | Refused:
    """An approved pause (e.g. long illness): no reminders, the lines still open."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    member = await repo.member(session, member_id)
    if member is None or member.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    account = await repo.account(session, member_id)
    if account is None:
        account = DuesAccount(member_id=member_id, branch_id=member.branch_id)
        session.add(account)
    account.paused = paused
    account.pause_reason = (reason or "").strip() or None
    account.updated_at = now
    core_repo.audit(
        session,
        branch_id=member.branch_id,
        actor_tg_id=actor.tg_id,
        action="dues.pause" if paused else "dues.resume",
        target="member",
        target_id=member_id,
        now=now,
    )
    return Paused(member.name, paused)


async def current_settings(session: AsyncSession, actor: Actor) -> Settings | Refused:
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    branch = await repo.branch(session, me.branch_id)
    assert branch is not None
    return branch_settings(branch.settings)


async def set_settings(
    session: AsyncSession,
    actor: Actor,
    days: tuple[int, ...],
    prepay: int,
    now: datetime,
) -> Settings | Refused:
    """Reminder days (1-28) and how many months ahead members may pay."""
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    if not permits("dues.settings", subject(me.role, branch_id=me.branch_id)):
        return Refused(Refusal.NOT_ALLOWED)
    if not days or not all(1 <= d <= 28 for d in days) or not 0 <= prepay <= MAX_PREPAY_MONTHS:
        return Refused(Refusal.NOT_ALLOWED, "amount")
    branch = await repo.branch(session, me.branch_id)
    assert branch is not None
    settings = dict(branch.settings or {})
    stored = settings.get("dues")
    kept: dict[str, object] = dict(stored) if isinstance(stored, dict) else {}
    settings["dues"] = {**kept, "reminder_days": sorted(set(days)), "prepay_months": prepay}
    await repo.set_branch_settings(session, branch.id, settings)
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="dues.settings",
        target="branch",
        target_id=branch.id,
        after=settings["dues"],
        now=now,
    )
    return branch_settings(settings)


@dataclass(frozen=True)
class Treasurer:
    name: str | None  # None: nobody but the secretary handles dues


async def current_treasurer(session: AsyncSession, actor: Actor) -> Treasurer | Refused:
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    branch = await repo.branch(session, me.branch_id)
    treasurer_id = branch_settings(branch.settings if branch else None).treasurer_id
    member = await repo.member(session, treasurer_id) if treasurer_id else None
    return Treasurer(member.name if member is not None else None)


async def set_treasurer(
    session: AsyncSession, actor: Actor, name: str | None, now: datetime
) -> Treasurer | Refused:
    """The secretary puts one committee member in charge of dues (None: nobody but them).

    Only they and the secretary see incomes, confirm and record payments and get the ledger.
    """
    me = await officer_of(session, actor)
    if isinstance(me, Refused):
        return me
    if not permits("dues.treasurer", subject(me.role, branch_id=me.branch_id)):
        return Refused(Refusal.NOT_ALLOWED)
    chosen = None
    if name is not None:
        found = await repo.members_named(session, me.branch_id, name.strip())
        if len(found) != 1:
            return Refused(Refusal.NOT_FOUND)
        if found[0].role != "committee":
            return Refused(Refusal.NOT_ALLOWED, "treasurer_not_committee")
        chosen = found[0]
    branch = await repo.branch(session, me.branch_id)
    assert branch is not None
    settings = dict(branch.settings or {})
    stored = settings.get("dues")
    kept: dict[str, object] = dict(stored) if isinstance(stored, dict) else {}
    before = kept.get("treasurer_id")
    settings["dues"] = {**kept, "treasurer_id": chosen.id if chosen is not None else None}
    await repo.set_branch_settings(session, branch.id, settings)
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="dues.treasurer",
        target="branch",
        target_id=branch.id,
        before={"treasurer_id": before},
        after={"treasurer_id": chosen.id if chosen is not None else None},
        now=now,
    )
    return Treasurer(chosen.name if chosen is not None else None)
