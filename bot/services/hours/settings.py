"""Branch settings of the hours feature: how old a reported day may be."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours.rules import MAX_AGE_CHOICES, max_age_of
from bot.services.hours.common import Refusal, Refused, audit, is_secretary, me_in
from bot.services.identity import Actor
from storage.repos import hours as repo

KEY = "hours_max_age_days"


async def max_age(session: AsyncSession, actor: Actor) -> int | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    branch = await repo.branch(session, me.branch_id)
    return max_age_of(branch.settings if branch else None)


async def set_max_age(
    session: AsyncSession, actor: Actor, days: int, now: datetime
) -> int | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    if days not in MAX_AGE_CHOICES:
        return Refused(Refusal.NOT_FOUND)
    branch = await repo.branch(session, me.branch_id)
    if branch is None:
        return Refused(Refusal.NOT_FOUND)
    before = max_age_of(branch.settings)
    # A new dict: SQLAlchemy does not see changes made inside a JSON value.
    branch.settings = {**(branch.settings or {}), KEY: days}
    audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="settings.max_age",
        target="branch",
        target_id=branch.id,
        before={KEY: before},
        after={KEY: days},
        now=now,
    )
    return days
