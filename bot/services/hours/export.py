"""The .xlsx export's rows: exactly the approved records of the chosen period and team."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours.periods import Period
from bot.domain.hours.sheet import Line
from bot.services.hours.common import Refused
from bot.services.hours.totals import approved_rows
from bot.services.identity import Actor
from bot.texts import t
from storage.repos import core as core_repo
from storage.repos import hours as repo


@dataclass(frozen=True)
class Export:
    period: Period
    team_name: str | None
    lines: tuple[Line, ...]


async def export(
    session: AsyncSession,
    actor: Actor,
    token: str,
    team_id: int | None,
    now: datetime,
) -> Export | Refused:
    found = await approved_rows(session, actor, token, team_id, now)
    if isinstance(found, Refused):
        return found
    period, team_name, rows, names, _scope = found
    lang = actor.lang
    people = await repo.members(
        session,
        {r.member_id for r in rows}
        | {r.decided_by_member_id for r in rows if r.decided_by_member_id},
    )
    lines = tuple(
        Line(
            day=r.day,
            name=people[r.member_id].name if r.member_id in people else "",
            team=(
                names.get(r.team_id, "") if r.team_id else t(f"hours.type.{r.activity_type}", lang)
            ),
            halves=r.halves,
            what=r.what or "",
            source=t(f"hours.source.{r.source}", lang),
            decided_by=(
                people[r.decided_by_member_id].name
                if r.decided_by_member_id in people and r.decided_by_member_id
                else ""
            ),
        )
        for r in rows
        if r.day is not None
    )
    # Named people's hours leave the bot: who took them, when (issue 15).
    core_repo.audit(
        session,
        branch_id=actor.member.branch_id if actor.member else None,
        actor_tg_id=actor.tg_id,
        action="hours.export",
        target="team" if team_id else "branch",
        target_id=team_id or (actor.member.branch_id if actor.member else None),
        after={"period": token, "rows": len(lines)},
        now=now,
    )
    return Export(period, team_name, lines)
