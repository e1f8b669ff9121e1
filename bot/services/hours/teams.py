"""Volunteer teams: list, join, leave, create, and who leads them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.hours.common import (
    Refusal,
    Refused,
    audit,
    is_officer,
    led_team_ids,
    may_manage_team,
    me_in,
)
from bot.services.identity import Actor
from storage.models.hours import TeamMember, VolunteerTeam
from storage.repos import hours as repo

MAX_TEAM_NAME = 20


@dataclass(frozen=True)
class TeamView:
    id: int
    name: str
    size: int
    mine: bool
    leader: bool  # the actor leads it


@dataclass(frozen=True)
class Teams:
    teams: tuple[TeamView, ...]
    may_create: bool


@dataclass(frozen=True)
class Person:
    member_id: int
    name: str
    leader: bool


@dataclass(frozen=True)
class Roster:
    team_id: int
    team_name: str
    people: tuple[Person, ...]
    others: tuple[Person, ...]  # branch members not in the team (officers add leaders)


async def list_teams(session: AsyncSession, actor: Actor) -> Teams | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    rows = await repo.teams(session, me.branch_id)
    sizes = await repo.team_sizes(session, [r.id for r in rows])
    mine = {tm.team_id: tm for tm in await repo.memberships_of(session, me.member_id)}
    views = tuple(
        TeamView(
            r.id,
            r.name,
            sizes.get(r.id, 0),
            r.id in mine,
            r.id in mine and mine[r.id].leader,
        )
        for r in rows
    )
    return Teams(views, is_officer(me))


async def _team_of_branch(
    session: AsyncSession, branch_id: int, team_id: int
) -> VolunteerTeam | None:
    found = await repo.team(session, team_id)
    if found is None or found.branch_id != branch_id or found.archived_at is not None:
        return None
    return found


async def join(
    session: AsyncSession, actor: Actor, team_id: int, now: datetime, *, join: bool = True
) -> TeamView | Refused:
    """Join (or, with join=False, leave) a team; repeating it changes nothing."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    team = await _team_of_branch(session, me.branch_id, team_id)
    if team is None:
        return Refused(Refusal.NOT_FOUND)
    row = await repo.membership(session, team.id, me.member_id)
    changed = False
    if join and (row is None or row.left_at is not None):
        if row is None:
            row = TeamMember(team_id=team.id, member_id=me.member_id, leader=False)
            repo.add(session, row)
        row.left_at = None
        changed = True
    elif not join and row is not None and row.left_at is None:
        row.left_at = now
        row.leader = False
        changed = True
    if changed:
        audit(
            session,
            branch_id=me.branch_id,
            actor_tg_id=actor.tg_id,
            action="team.join" if join else "team.leave",
            target="volunteer_team",
            target_id=team.id,
            before=None,
            after={"member_id": me.member_id},
            now=now,
        )
        await session.flush()
    sizes = await repo.team_sizes(session, [team.id])
    return TeamView(team.id, team.name, sizes.get(team.id, 0), join, False)


async def create_team(
    session: AsyncSession, actor: Actor, name: str, now: datetime
) -> TeamView | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_officer(me):
        return Refused(Refusal.NOT_ALLOWED)
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > MAX_TEAM_NAME or cleaned.startswith("/"):
        return Refused(Refusal.BAD_NAME)
    if await repo.team_by_name(session, me.branch_id, cleaned) is not None:
        return Refused(Refusal.NAME_TAKEN)
    team = VolunteerTeam(branch_id=me.branch_id, name=cleaned)
    repo.add(session, team)
    await session.flush()
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="team.create",
        target="volunteer_team",
        target_id=team.id,
        before=None,
        after={"name": cleaned},
        now=now,
    )
    return TeamView(team.id, team.name, 0, False, False)


async def roster(session: AsyncSession, actor: Actor, team_id: int) -> Roster | Refused:
    """Who is in the team (for a leader ticking who came, or an officer naming leaders)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    team = await _team_of_branch(session, me.branch_id, team_id)
    if team is None:
        return Refused(Refusal.NOT_FOUND)
    if not await may_manage_team(session, me, team.id):
        return Refused(Refusal.NOT_ALLOWED)
    people = tuple(
        Person(m.id, m.name, tm.leader) for tm, m in await repo.team_people(session, team.id)
    )
    others: tuple[Person, ...] = ()
    if is_officer(me):
        inside = {p.member_id for p in people}
        others = tuple(
            Person(m.id, m.name, False)
            for m in await repo.active_members(session, me.branch_id)
            if m.id not in inside
        )
    return Roster(team.id, team.name, people, others)


async def toggle_leader(
    session: AsyncSession, actor: Actor, team_id: int, member_id: int, now: datetime
) -> Roster | Refused:
    """An officer makes someone a leader of the team (adding them to it), or no longer."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_officer(me):
        return Refused(Refusal.NOT_ALLOWED)
    team = await _team_of_branch(session, me.branch_id, team_id)
    person = await repo.member(session, member_id)
    if team is None or person is None or person.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if person.status != "active":
        return Refused(Refusal.NOT_FOUND)
    row = await repo.membership(session, team.id, person.id)
    if row is None:
        row = TeamMember(team_id=team.id, member_id=person.id, leader=False)
        repo.add(session, row)
    before = {"leader": bool(row.leader), "in_team": row.left_at is None}
    row.leader = not (row.leader and row.left_at is None)
    row.left_at = None
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="team.leader",
        target="volunteer_team",
        target_id=team.id,
        before={**before, "member_id": person.id},
        after={"leader": row.leader, "member_id": person.id},
        now=now,
    )
    await session.flush()
    return await roster(session, actor, team.id)


async def my_led_teams(session: AsyncSession, actor: Actor) -> tuple[TeamView, ...]:
    """Teams the actor may open or record activities for (all of them for an officer)."""
    me = actor.member
    if me is None:
        return ()
    led = await led_team_ids(session, me.member_id)
    rows = await repo.teams(session, me.branch_id)
    sizes = await repo.team_sizes(session, [r.id for r in rows])
    return tuple(
        TeamView(r.id, r.name, sizes.get(r.id, 0), r.id in led, r.id in led)
        for r in rows
        if is_officer(me) or r.id in led
    )
