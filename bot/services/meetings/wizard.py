"""What the /newmeeting buttons offer: allowed audiences, recent places, the branch's zone."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Permission
from bot.services.identity import Actor
from bot.services.meetings.access import Refusal, Refused, may, may_branchwide
from bot.services.meetings.audience import group_names
from storage.models.meetings import Meeting
from storage.repos import meetings as repo

RECENT_PLACES = 4


@dataclass(frozen=True)
class WizardInfo:
    branch_id: int
    tz: str
    branch_wide: bool  # may invite the whole branch, the committee, a category
    groups: dict[int, str]  # party groups the actor may hold a meeting for
    places: tuple[tuple[str, float | None, float | None], ...]  # recent places first


async def wizard_info(session: AsyncSession, actor: Actor) -> WizardInfo | Refused:
    """Refuses people who may not schedule; group leaders only get their own group."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    branch_wide = may_branchwide(me, Permission.SCHEDULE_MEETING)
    all_groups = await group_names(session, me.branch_id)
    groups = {g: n for g, n in all_groups.items() if may(me, Permission.SCHEDULE_MEETING, g)}
    if not branch_wide and not groups:
        return Refused(Refusal.NOT_ALLOWED)
    branch = await repo.get_branch(session, me.branch_id)
    assert branch is not None
    rows = await session.execute(
        select(Meeting.place, Meeting.place_lat, Meeting.place_lon)
        .where(Meeting.branch_id == me.branch_id, Meeting.place.is_not(None))
        .order_by(Meeting.created_at.desc(), Meeting.id.desc())
        .limit(40)
    )
    places: dict[str, tuple[str, float | None, float | None]] = {}
    for place, lat, lon in rows:
        if place and place not in places:
            places[place] = (place, lat, lon)
    return WizardInfo(
        branch_id=me.branch_id,
        tz=branch.timezone,
        branch_wide=branch_wide,
        groups=groups,
        places=tuple(list(places.values())[:RECENT_PLACES]),
    )
