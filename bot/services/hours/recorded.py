"""A team leader records a whole activity afterwards: who came (ticked on the team list) and
the hours. Each person is told and may dispute it before a decision."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours.rules import (
    DayEntry,
    DayError,
    HoursError,
    RecordState,
    Source,
    check_day,
    check_halves,
    format_halves,
    likely_duplicate,
    max_age_of,
    over_daily_limit,
)
from bot.services.delivery import notices as outbox
from bot.services.hours import submit as queue
from bot.services.hours.buttons import Dispute
from bot.services.hours.common import (
    Refusal,
    Refused,
    audit,
    local_today,
    may_manage_team,
    me_in,
    record_facts,
    tell,
)
from bot.services.identity import Actor, Membership
from bot.texts import t
from storage.models.hours import HoursRecord, VolunteerTeam
from storage.repos import hours as repo

DISPUTES = ("hours", "absent", "other")


@dataclass(frozen=True)
class Tick:
    member_id: int
    name: str
    ticked: bool


@dataclass(frozen=True)
class Sheet:
    """The team list with who is ticked so far, for one team, day and hours."""

    team_id: int
    team_name: str
    day: date
    halves: int
    people: tuple[Tick, ...]


@dataclass(frozen=True)
class RecordedDone:
    team_name: str
    day: date
    halves: int
    names: tuple[str, ...]
    over_limit: tuple[str, ...]  # not recorded: it would pass their 12 h for the day
    duplicates: tuple[str, ...] = ()  # not recorded: already there (another leader's record)


@dataclass(frozen=True)
class Disputed:
    record_id: int
    already: bool


async def _checked(
    session: AsyncSession, actor: Actor, team_id: int, day: date, halves: int, now: datetime
) -> tuple[Membership, VolunteerTeam] | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    team = await repo.team(session, team_id)
    if team is None or team.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if not await may_manage_team(session, me, team.id):
        return Refused(Refusal.NOT_ALLOWED)
    branch = await repo.branch(session, me.branch_id)
    max_age = max_age_of(branch.settings if branch else None)
    error = check_day(day, local_today(me.branch_tz, now), max_age)
    if error is DayError.FUTURE:
        return Refused(Refusal.FUTURE)
    if error is DayError.TOO_OLD:
        return Refused(Refusal.TOO_OLD, detail=str(max_age))
    checked = check_halves(halves)
    if isinstance(checked, HoursError):
        return Refused(Refusal(checked.value))
    return me, team


async def _drafts(
    session: AsyncSession, me: Membership, team_id: int, day: date, halves: int
) -> dict[int, HoursRecord]:
    rows = await repo.drafts_of_recorder(session, me.member_id, team_id, day, halves)
    return {r.member_id: r for r in rows}


async def sheet(
    session: AsyncSession, actor: Actor, team_id: int, day: date, halves: int, now: datetime
) -> Sheet | Refused:
    found = await _checked(session, actor, team_id, day, halves, now)
    if isinstance(found, Refused):
        return found
    me, team = found
    ticked = await _drafts(session, me, team.id, day, halves)
    people = tuple(
        Tick(m.id, m.name, m.id in ticked) for _tm, m in await repo.team_people(session, team.id)
    )
    return Sheet(team.id, team.name, day, halves, people)


async def toggle(
    session: AsyncSession,
    actor: Actor,
    team_id: int,
    day: date,
    halves: int,
    member_id: int,
    now: datetime,
) -> Sheet | Refused:
    """Tick or untick one person of the team list (kept as a draft row, safe over a restart)."""
    found = await _checked(session, actor, team_id, day, halves, now)
    if isinstance(found, Refused):
        return found
    me, team = found
    if not any(m.id == member_id for _tm, m in await repo.team_people(session, team.id)):
        return Refused(Refusal.NOT_IN_TEAM)
    ticked = await _drafts(session, me, team.id, day, halves)
    if member_id in ticked:
        await session.delete(ticked[member_id])
    else:
        repo.add(
            session,
            HoursRecord(
                branch_id=me.branch_id,
                member_id=member_id,
                team_id=team.id,
                source=Source.RECORDED.value,
                state=RecordState.DRAFT.value,
                day=day,
                halves=halves,
                what=t("hours.recorded.what", actor.lang, team=team.name),
                photos=[],
                flagged=False,
                recorded_by_member_id=me.member_id,
                created_at=now,
                updated_at=now,
            ),
        )
    await session.flush()
    return await sheet(session, actor, team_id, day, halves, now)


async def finish(
    session: AsyncSession, actor: Actor, team_id: int, day: date, halves: int, now: datetime
) -> RecordedDone | Refused:
    """Send the ticked records for approval and tell each person (who may dispute)."""
    found = await _checked(session, actor, team_id, day, halves, now)
    if isinstance(found, Refused):
        return found
    me, team = found
    ticked = await _drafts(session, me, team.id, day, halves)
    if not ticked:
        return Refused(Refusal.NOBODY)
    people = await repo.members(session, ticked.keys())
    names: list[str] = []
    over: list[str] = []
    twice: list[str] = []
    for member_id, row in sorted(ticked.items(), key=lambda kv: people[kv[0]].name):
        name = people[member_id].name
        same_day = await repo.day_records(session, member_id, day)
        if likely_duplicate([DayEntry(r.team_id, r.halves) for r in same_day], team.id, halves):
            # Two leaders recording the same outing, or a member who reported it already.
            twice.append(name)
            await session.delete(row)
            continue
        if over_daily_limit(sum(r.halves for r in same_day), halves):
            over.append(name)
            await session.delete(row)
            continue
        row.state = RecordState.PENDING.value
        row.updated_at = now
        await session.flush()
        await queue.put(session, row, actor_tg_id=actor.tg_id, now=now, notify=False)
        audit(
            session,
            branch_id=row.branch_id,
            actor_tg_id=actor.tg_id,
            action="record.recorded",
            target="hours_record",
            target_id=row.id,
            before=None,
            after={**record_facts(row), "member_id": member_id},
            now=now,
        )
        await _tell_person(session, row, team.name, me.name, now)
        names.append(name)
    await session.flush()
    return RecordedDone(team.name, day, halves, tuple(names), tuple(over), tuple(twice))


async def _tell_person(
    session: AsyncSession, row: HoursRecord, team: str, by: str, now: datetime
) -> None:
    day = row.day.isoformat() if row.day else ""
    await tell(
        session,
        branch_id=row.branch_id,
        kind="hours_recorded",
        key=f"hours:{row.id}:recorded",
        member_ids=[row.member_id],
        build=lambda lang: outbox.Content(
            text=t(
                "hours.recorded.notice",
                lang,
                by=html.escape(by),
                team=html.escape(team),
                day=day,
                h=format_halves(row.halves),
            ),
            buttons=(
                (
                    (t("hours.btn.dispute_hours", lang), Dispute(row.id, "hours").data),
                    (t("hours.btn.dispute_absent", lang), Dispute(row.id, "absent").data),
                ),
            ),
        ),
        now=now,
    )


async def dispute(
    session: AsyncSession, actor: Actor, record_id: int, why: str, now: datetime
) -> Disputed | Refused:
    """The person says a leader's record (or an auto-closed check-in) is wrong."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if why not in DISPUTES:
        return Refused(Refusal.NOT_FOUND)
    row = await repo.record_for_update(session, record_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if row.member_id != me.member_id:
        return Refused(Refusal.NOT_YOURS)
    if row.state != RecordState.PENDING:
        return Refused(Refusal.LOCKED)
    if row.disputed_at is not None:
        return Disputed(row.id, True)
    before = record_facts(row)
    row.disputed_at = now
    row.dispute_note = why
    row.updated_at = now
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="record.dispute",
        target="hours_record",
        target_id=row.id,
        before=before,
        after={**record_facts(row), "why": why},
        now=now,
    )
    return Disputed(row.id, False)
