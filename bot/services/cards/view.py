"""One member's four cards (四卡) for a term, as plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.cards.periods import Period, year_ok
from bot.domain.cards.scoring import Facts, Rules, Score
from bot.domain.members import Category, member_party_age
from bot.domain.members.roles import Role
from bot.services.cards.common import (
    Refusal,
    Refused,
    is_secretary,
    local_today,
    me_in,
    rules_of,
    target,
    utc_bounds,
)
from bot.services.cards.facts import gather
from bot.services.identity import Actor, role_of
from storage.repos import cards as repo


@dataclass(frozen=True)
class Basic:
    name: str
    branch_name: str
    group_name: str | None
    category: str
    role: str
    party_age: int | None
    joined_on: date | None
    employer: str | None  # 在职: the unit from the community report, else the roster's work unit
    employer_branch: str | None
    posts: tuple[tuple[str, str], ...]
    teams: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackLine:
    source: str
    author: str
    rating: int
    comment: str
    day: date


@dataclass(frozen=True)
class Correction:
    item: str
    delta: int
    reason: str
    day: date


@dataclass(frozen=True)
class Cards:
    member_id: int
    own: bool  # the viewer's own cards
    year: int
    this_year: int
    today: date
    basic: Basic
    facts: Facts
    duties_all: int
    score: Score
    rules: Rules
    corrections: tuple[Correction, ...]
    feedback: tuple[FeedbackLine, ...]
    may_rate: bool  # the viewer may add a secretary's / group leader's entry
    may_correct: bool
    may_link: bool
    has_letter: bool  # an 在职 member who reported to the community


async def four_cards(
    session: AsyncSession, actor: Actor, member_id: int | None, year: int | None, now: datetime
) -> Cards | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    who = await target(session, me, member_id)
    if isinstance(who, Refused):
        return who
    branch = await repo.branch(session, me.branch_id)
    if branch is None:
        return Refused(Refusal.NOT_FOUND)
    today = local_today(branch.timezone, now)
    term = year or today.year
    if not year_ok(term) or term > today.year:
        return Refused(Refusal.BAD_YEAR)
    period = Period(term)
    rules = await rules_of(session, branch.id)
    tallied = await gather(session, branch.id, branch.timezone, period, today, [who.id], rules)
    groups = await repo.group_names(session, branch.id)
    report = await repo.community_report(session, who.id)
    try:
        category = Category(who.category)
        age = member_party_age(category, who.joined_on, who.full_on, today)
    except ValueError:
        age = None
    basic = Basic(
        name=who.name,
        branch_name=branch.name,
        group_name=groups.get(who.group_id) if who.group_id else None,
        category=who.category,
        role=who.role,
        party_age=age,
        joined_on=who.joined_on,
        employer=report.unit_name if report else who.work_unit,
        employer_branch=report.unit_party_branch if report else None,
        posts=tuple(await repo.posts_held(session, who.id, term)),
        teams=tuple(await repo.teams_of(session, who.id)),
    )
    start, end = utc_bounds(period, branch.timezone)
    lines = [
        FeedbackLine(e.source, e.author_name, e.rating, e.comment, e.created_at.date())
        for e in await repo.feedback(session, who.id, term)
    ]
    lines += [
        FeedbackLine("resident", "", rating, comment, (at or end).date())
        for rating, comment, at in await repo.resident_ratings(session, who.id, start, end)
    ]
    fixes = tuple(
        Correction(c.item, c.delta_tenths, c.reason, c.created_at.date())
        for c in await repo.corrections(session, who.id, term)
    )
    own = who.id == me.member_id
    leader = role_of(me) is Role.GROUP_LEADER and me.group_id == who.group_id
    return Cards(
        member_id=who.id,
        own=own,
        year=term,
        this_year=today.year,
        today=today,
        basic=basic,
        facts=tallied.facts[who.id],
        duties_all=tallied.duties_all.get(who.id, 0),
        score=tallied.scores[who.id],
        rules=rules,
        corrections=fixes,
        feedback=tuple(lines),
        may_rate=not own and (is_secretary(me) or leader),
        may_correct=not own and is_secretary(me),
        may_link=not own and is_secretary(me),
        has_letter=report is not None,
    )


@dataclass(frozen=True)
class Listed:
    member_id: int
    name: str
    group_name: str | None


async def members_to_open(session: AsyncSession, actor: Actor) -> tuple[Listed, ...] | Refused:
    """The members whose cards the officer may open: the branch, or a group leader's group."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    role = role_of(me)
    if role is Role.MEMBER:
        return Refused(Refusal.NOT_ALLOWED)
    if role is Role.GROUP_LEADER and me.group_id is None:
        return Refused(Refusal.NOT_ALLOWED)
    group = me.group_id if role is Role.GROUP_LEADER else None
    rows = await repo.assessed_members(session, me.branch_id, group)
    groups = await repo.group_names(session, me.branch_id)
    return tuple(Listed(r.id, r.name, groups.get(r.group_id) if r.group_id else None) for r in rows)


async def letter_cards(
    session: AsyncSession, actor: Actor, member_id: int, year: int, now: datetime
) -> Cards | Refused:
    """The cards behind the 在职 member's letter: for the member or the secretary only."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    found = await four_cards(session, actor, member_id, year, now)
    if isinstance(found, Refused):
        return found
    if not found.own and not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    if not found.has_letter:
        return Refused(Refusal.NOT_EMPLOYED)
    return found
