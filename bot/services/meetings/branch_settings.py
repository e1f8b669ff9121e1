"""The secretary's /settings for meetings: read, change one value, change the time zone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import is_valid_tz
from bot.domain.members import Permission
from bot.services.identity import Actor
from bot.services.meetings import reminders
from bot.services.meetings.access import Refusal, Refused, may_branchwide
from bot.services.meetings.settings import MeetingSettings, from_branch_settings, merged
from storage.repos import core as core_repo
from storage.repos import meetings as repo


@dataclass(frozen=True)
class BranchSettings:
    branch_id: int
    branch_name: str
    tz: str
    meetings: MeetingSettings


async def load(session: AsyncSession, actor: Actor) -> BranchSettings | Refused:
    """Only the secretary manages branch settings."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    if not may_branchwide(me, Permission.MANAGE_SETTINGS):
        # Not "the secretary or a responsible officer": no other officer may, say so.
        return Refused(Refusal.SECRETARY_ONLY)
    branch = await repo.get_branch(session, me.branch_id)
    assert branch is not None
    return BranchSettings(
        branch.id, branch.name, branch.timezone, from_branch_settings(branch.settings)
    )


async def change(
    session: AsyncSession,
    actor: Actor,
    edit: Callable[[MeetingSettings], MeetingSettings],
    now: datetime,
) -> BranchSettings | Refused:
    """Apply one edit to the stored settings (validated again on the way back in)."""
    current = await load(session, actor)
    if isinstance(current, Refused):
        return current
    branch = await repo.get_branch(session, current.branch_id)
    assert branch is not None
    before = current.meetings.to_json()
    updated = edit(current.meetings)
    # A new dict, so the ORM sees the JSON column change.
    branch.settings = merged(branch.settings, updated)
    branch.updated_at = now
    if updated.reminders != current.meetings.reminders:
        await session.flush()
        await reminders.branch_offsets_changed(session, branch.id, now)
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="settings.meetings",
        target="branch",
        target_id=branch.id,
        before=dict(before),
        after=updated.to_json(),
        now=now,
    )
    return BranchSettings(
        branch.id, branch.name, branch.timezone, from_branch_settings(branch.settings)
    )


async def set_timezone(
    session: AsyncSession, actor: Actor, tz: str, now: datetime
) -> BranchSettings | Refused | None:
    """None if tz is not an IANA zone name; new series use it, stored times stay UTC."""
    current = await load(session, actor)
    if isinstance(current, Refused):
        return current
    name = tz.strip()
    if not is_valid_tz(name) or ("/" not in name and name != "UTC"):
        return None
    branch = await repo.get_branch(session, current.branch_id)
    assert branch is not None
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="settings.timezone",
        target="branch",
        target_id=branch.id,
        before={"timezone": branch.timezone},
        after={"timezone": name},
        now=now,
    )
    branch.timezone, branch.updated_at = name, now
    return BranchSettings(branch.id, branch.name, name, current.meetings)
