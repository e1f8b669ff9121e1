"""Totals over approved records: a member's own, team and branch totals, the leaderboard."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours import totals as sums
from bot.domain.hours.periods import Period, PeriodKind, months_back, period_of, resolve
from bot.domain.hours.totals import Counted
from bot.services.hours.common import (
    Refusal,
    Refused,
    audit,
    is_officer,
    led_team_ids,
    local_today,
    me_in,
)
from bot.services.identity import Actor
from storage.models.hours import HoursPrefs, HoursRecord
from storage.repos import hours as repo

CHART_MONTHS = 12


@dataclass(frozen=True)
class Mine:
    name: str
    month: int
    year: int
    all_time: int
    by_team: tuple[tuple[str, int], ...]  # team name (or "" for no team) -> halves
    pending: int
    hide_name: bool


@dataclass(frozen=True)
class Chart:
    name: str
    months: tuple[tuple[int, int], ...]
    halves: tuple[int, ...]


@dataclass(frozen=True)
class Row:
    member_id: int
    name: str
    halves: int


@dataclass(frozen=True)
class Ranked:
    place: int
    name: str | None  # None: the member opted out of appearing by name
    halves: int


@dataclass(frozen=True)
class Totals:
    """Totals for a period and a team (None: every team the actor may see)."""

    period: Period
    team_name: str | None
    total: int
    teams: tuple[tuple[str, int], ...]
    members: tuple[Row, ...]
    leaderboard: tuple[Ranked, ...]


@dataclass(frozen=True)
class Scope:
    """What totals the actor may see: the whole branch, or the teams they lead."""

    branch_wide: bool
    teams: tuple[tuple[int, str], ...]


def _counted(rows: Sequence[HoursRecord]) -> list[Counted]:
    return [Counted(r.member_id, r.team_id, r.day, r.halves) for r in rows if r.day is not None]


async def mine(session: AsyncSession, actor: Actor, now: datetime) -> Mine | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    today = local_today(me.branch_tz, now)
    records = _counted(await repo.approved(session, me.branch_id, member_id=me.member_id))
    per_team = sums.by_team(records)
    teams = {t.id: t.name for t in await repo.teams(session, me.branch_id)}
    waiting = await repo.member_records(session, me.member_id, ("pending",), limit=500)
    prefs = await repo.prefs(session, me.member_id)
    return Mine(
        name=me.name,
        month=sums.total(records, period_of(PeriodKind.MONTH, today)),
        year=sums.total(records, period_of(PeriodKind.YEAR, today)),
        all_time=sums.total(records),
        by_team=tuple(
            sorted(
                ((teams.get(tid, "") if tid else "", h) for tid, h in per_team.items()),
                key=lambda x: -x[1],
            )
        ),
        pending=sum(r.halves for r in waiting),
        hide_name=bool(prefs and prefs.hide_name),
    )


async def chart(session: AsyncSession, actor: Actor, now: datetime) -> Chart | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    months = months_back(local_today(me.branch_tz, now), CHART_MONTHS)
    first = date(months[0][0], months[0][1], 1)
    records = _counted(
        list(await repo.approved(session, me.branch_id, member_id=me.member_id, first=first))
    )
    return Chart(me.name, tuple(months), tuple(sums.by_month(records, months)))


async def set_hidden(
    session: AsyncSession, actor: Actor, hide: bool, now: datetime
) -> bool | Refused:
    """Whether the leaderboard shows the member's name (they may opt out at any time)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.prefs(session, me.member_id)
    if row is None:
        row = HoursPrefs(member_id=me.member_id, hide_name=False)
        repo.add(session, row)
    before = bool(row.hide_name)
    row.hide_name = hide
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="prefs.hide_name",
        target="member",
        target_id=me.member_id,
        before={"hide_name": before},
        after={"hide_name": hide},
        now=now,
    )
    return hide


async def scope(session: AsyncSession, actor: Actor) -> Scope | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    teams = await repo.teams(session, me.branch_id)
    if is_officer(me):
        return Scope(True, tuple((t.id, t.name) for t in teams))
    led = await led_team_ids(session, me.member_id)
    if not led:
        return Refused(Refusal.NOT_ALLOWED)
    return Scope(False, tuple((t.id, t.name) for t in teams if t.id in led))


async def approved_rows(
    session: AsyncSession, actor: Actor, token: str, team_id: int | None, now: datetime
) -> tuple[Period, str | None, list[HoursRecord], dict[int, str], Scope] | Refused:
    """The approved records the actor may see for the period and team (the export's rows)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    allowed = await scope(session, actor)
    if isinstance(allowed, Refused):
        return allowed
    names = dict(allowed.teams)
    if team_id is None and not allowed.branch_wide:
        return Refused(Refusal.NOT_ALLOWED)
    if team_id is not None and team_id not in names:
        return Refused(Refusal.OTHER_TEAM if names else Refusal.NOT_ALLOWED)
    period = resolve(token, local_today(me.branch_tz, now))
    if period is None:
        return Refused(Refusal.NOT_FOUND)
    rows = list(
        await repo.approved(
            session, me.branch_id, team_id=team_id, first=period.first, last=period.last
        )
    )
    return period, names.get(team_id) if team_id else None, rows, names, allowed


async def totals(
    session: AsyncSession, actor: Actor, token: str, team_id: int | None, now: datetime
) -> Totals | Refused:
    """Totals of a period (a preset or a range token, see periods.resolve) and team."""
    found = await approved_rows(session, actor, token, team_id, now)
    if isinstance(found, Refused):
        return found
    period, team_name, rows, names, _scope = found
    records = _counted(rows)
    per_member = sums.by_member(records)
    people = await repo.members(session, per_member.keys())
    hidden = await repo.hidden_members(session, per_member.keys())
    board = sums.leaderboard(per_member, hidden)
    return Totals(
        period=period,
        team_name=team_name,
        total=sums.total(records),
        teams=tuple(
            sorted(
                (
                    (names.get(tid, "") if tid else "", h)
                    for tid, h in sums.by_team(records).items()
                ),
                key=lambda x: -x[1],
            )
        ),
        members=tuple(
            sorted(
                (Row(mid, people[mid].name, h) for mid, h in per_member.items() if mid in people),
                key=lambda r: (-r.halves, r.name),
            )
        ),
        leaderboard=tuple(
            Ranked(r.place, people[r.member_id].name if r.shown else None, r.halves)
            for r in board
            if r.member_id in people
        ),
    )
