"""The branch's scoring rules (a branch setting): the secretary adjusts them a step at a time."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.cards.scoring import DEFAULT_RULES, Rules, rules_from, rules_to
from bot.services.cards.common import (
    RULES_KEY,
    Refusal,
    Refused,
    audit,
    is_secretary,
    me_in,
    rules_of,
)
from bot.services.identity import Actor
from storage.repos import cards as repo

# What the secretary may adjust, with its step (tenths, or percent) and bounds.
ADJUSTABLE: tuple[tuple[str, int, int, int], ...] = (
    ("attended", 5, 0, 100),
    ("made_up", 5, 0, 100),
    ("unexcused", 5, -100, 0),
    ("duty", 5, 0, 100),
    ("request_done", 5, 0, 100),
    ("rating_step", 5, 0, 50),
    ("per_half_hour", 5, 0, 50),
    ("dues_on_time", 5, 0, 50),
    ("dues_late", 5, -50, 0),
    ("pass_min", 50, 0, 2000),
    ("excellent_min", 50, 0, 3000),
    ("excellent_share_pct", 5, 0, 100),
)
assert {name for name, *_ in ADJUSTABLE} <= {f.name for f in fields(Rules)}


async def current(session: AsyncSession, actor: Actor) -> Rules | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    return await rules_of(session, me.branch_id)


async def adjust(
    session: AsyncSession, actor: Actor, index: int, up: bool | None, now: datetime
) -> Rules | Refused:
    """One step up or down of one rule (up None: all back to the defaults); audited."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    branch = await repo.branch(session, me.branch_id)
    if branch is None:
        return Refused(Refusal.NOT_FOUND)
    before = rules_from((branch.settings or {}).get(RULES_KEY))
    if up is None:
        after = DEFAULT_RULES
    else:
        if not 0 <= index < len(ADJUSTABLE):
            return Refused(Refusal.BAD_ITEM)
        name, step, low, high = ADJUSTABLE[index]
        value = getattr(before, name) + (step if up else -step)
        after = replace(before, **{name: min(max(value, low), high)})
    if after == before:
        return after
    branch.settings = {**(branch.settings or {}), RULES_KEY: rules_to(after)}
    audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="rules",
        target="branch",
        target_id=branch.id,
        after={"before": rules_to(before), "after": rules_to(after)},
        now=now,
    )
    return after
