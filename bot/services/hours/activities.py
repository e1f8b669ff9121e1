"""Volunteer activities: opened by a team leader or an officer, checked in and out in the bot.

Hours of a check-in come from the record itself (check-in to check-out, whole half hours). A
check-in never checked out is closed at the activity's end by the job, flagged, and put to the
team leader or secretary instead of being counted silently.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.hours.rules import (
    MAX_HALVES_PER_DAY,
    RecordState,
    Source,
    credited_halves,
    format_halves,
)
from bot.services.delivery import notices as outbox
from bot.services.hours import submit as queue
from bot.services.hours.buttons import CheckIn, CheckOut
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
from bot.services.identity import Actor
from bot.texts import dates, t
from storage.models.hours import HoursRecord, VolunteerActivity
from storage.repos import hours as repo

MAX_TITLE = 40  # and the place


def split_what_where(text: str) -> tuple[str, str]:
    """ "夜间巡逻 | 小区东门" -> ("夜间巡逻", "小区东门"); without a bar, all of it is the what."""
    for bar in ("|", "｜"):
        if bar in text:
            what, where = text.split(bar, 1)
            return what.strip(), where.strip()
    return text.strip(), ""


# Check-in opens a little before the start, as people arrive early.
EARLY = timedelta(minutes=60)
DURATIONS = (1, 2, 3, 4, 6, 8)  # hours, for the picker
Start = Literal["now", "h1", "h2", "tmr9"]  # when it starts: now, in 1 or 2 h, tomorrow 9:00
STARTS: tuple[Start, ...] = ("now", "h1", "h2", "tmr9")


@dataclass(frozen=True)
class ActivityView:
    id: int
    branch_id: int
    team_id: int
    team_name: str
    title: str
    place: str
    starts_at: datetime
    ends_at: datetime
    tz: str
    checked_in: bool  # the actor has an open check-in
    credited: int | None  # the actor's halves once checked out


@dataclass(frozen=True)
class CheckedOut:
    activity: ActivityView
    halves: int


def start_time(code: str, now: datetime, tz: str) -> datetime | None:
    """The start chosen on the picker: now, in 1 or 2 hours, tomorrow at 09:00 local."""
    if code == "now":
        return now
    if code == "h1":
        return now + timedelta(hours=1)
    if code == "h2":
        return now + timedelta(hours=2)
    if code == "tmr9":
        local = now.astimezone(ZoneInfo(tz))
        tomorrow = (local + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
        return tomorrow
    return None


async def _view(
    session: AsyncSession, row: VolunteerActivity, member_id: int | None, tz: str
) -> ActivityView:
    team = await repo.team(session, row.team_id)
    record = await repo.activity_record(session, row.id, member_id) if member_id else None
    return ActivityView(
        id=row.id,
        branch_id=row.branch_id,
        team_id=row.team_id,
        team_name=team.name if team else "",
        title=row.title,
        place=row.place,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        tz=tz,
        checked_in=record is not None and record.state == RecordState.OPEN,
        credited=record.halves if record is not None and record.state != RecordState.OPEN else None,
    )


async def open_activity(
    session: AsyncSession,
    actor: Actor,
    *,
    team_id: int,
    start: str,
    hours: int,
    title: str | None,
    now: datetime,
    place: str | None = None,
) -> ActivityView | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    team = await repo.team(session, team_id)
    if team is None or team.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if not await may_manage_team(session, me, team.id):
        return Refused(Refusal.NOT_ALLOWED)
    starts = start_time(start, now, me.branch_tz)
    if starts is None or hours not in DURATIONS:
        return Refused(Refusal.NOT_FOUND)
    name = " ".join((title or "").split()) or t(
        "hours.activity.default_title", actor.lang, team=team.name
    )
    where = " ".join((place or "").split())
    if len(name) > MAX_TITLE or len(where) > MAX_TITLE:
        return Refused(Refusal.BAD_NAME)
    row = VolunteerActivity(
        branch_id=me.branch_id,
        team_id=team.id,
        title=name,
        place=where,
        starts_at=starts,
        ends_at=starts + timedelta(hours=hours),
        opened_by_member_id=me.member_id,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await session.flush()
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="activity.open",
        target="volunteer_activity",
        target_id=row.id,
        before=None,
        after={
            "team_id": team.id,
            "title": name,
            "place": where,
            "hours": hours,
            "starts_at": starts.isoformat(),
        },
        now=now,
    )
    people = [m.id for _tm, m in await repo.team_people(session, team.id)]
    view = await _view(session, row, None, me.branch_tz)
    await _announce(session, view, people, now)
    return view


async def _announce(
    session: AsyncSession, view: ActivityView, people: list[int], now: datetime
) -> None:
    def build(lang: str) -> outbox.Content:
        return outbox.Content(
            text=t(
                "hours.activity.notice",
                lang,
                team=html.escape(view.team_name),
                title=html.escape(view.title),
                place=html.escape(view.place or "—"),
                start=dates.moment(view.starts_at, view.tz, lang),
                end=dates.clock(view.ends_at, view.tz),
            ),
            buttons=(
                (
                    (t("hours.btn.checkin", lang), CheckIn(view.id).data),
                    (t("hours.btn.checkout", lang), CheckOut(view.id).data),
                ),
            ),
        )

    await tell(
        session,
        branch_id=view.branch_id,
        kind="hours_activity",
        key=f"hours:activity:{view.id}",
        member_ids=people,
        build=build,
        now=now,
    )


async def _activity_for_member(
    session: AsyncSession, actor: Actor, activity_id: int
) -> tuple[int, str, VolunteerActivity] | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.activity(session, activity_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    in_team = any(
        tm.team_id == row.team_id for tm in await repo.memberships_of(session, me.member_id)
    )
    if not in_team:
        return Refused(Refusal.NOT_IN_TEAM)
    return me.member_id, me.branch_tz, row


async def check_in(
    session: AsyncSession, actor: Actor, activity_id: int, now: datetime
) -> ActivityView | Refused:
    found = await _activity_for_member(session, actor, activity_id)
    if isinstance(found, Refused):
        return found
    member_id, tz, row = found
    if not (row.starts_at - EARLY <= now < row.ends_at):
        return Refused(Refusal.NOT_OPEN)
    record = await repo.activity_record(session, row.id, member_id)
    if record is None:
        record = HoursRecord(
            branch_id=row.branch_id,
            member_id=member_id,
            team_id=row.team_id,
            activity_id=row.id,
            source=Source.CHECKIN.value,
            state=RecordState.OPEN.value,
            day=local_today(tz, max(now, row.starts_at)),
            halves=0,
            what=row.title,
            photos=[],
            flagged=False,
            checked_in_at=now,
            created_at=now,
            updated_at=now,
        )
        repo.add(session, record)
        await session.flush()
        audit(
            session,
            branch_id=row.branch_id,
            actor_tg_id=actor.tg_id,
            action="activity.checkin",
            target="hours_record",
            target_id=record.id,
            before=None,
            after=record_facts(record),
            now=now,
        )
    return await _view(session, row, member_id, tz)


async def check_out(
    session: AsyncSession, actor: Actor, activity_id: int, now: datetime
) -> CheckedOut | Refused:
    """Hours credited from check-in to now (at most to the end); counted at once."""
    found = await _activity_for_member(session, actor, activity_id)
    if isinstance(found, Refused):
        return found
    member_id, tz, row = found
    record = await repo.activity_record(session, row.id, member_id)
    if record is not None:
        record = await repo.record_for_update(session, record.id)  # against the sweep
    if record is None or record.checked_in_at is None:
        return Refused(Refusal.NOT_CHECKED_IN)
    if record.state == RecordState.OPEN and now >= row.ends_at:
        # Not checked out by the end: closed as the sweep does, whether it has run yet or not.
        await _close_flagged(session, record, row, now)
    if record.flagged:
        return Refused(Refusal.AUTO_CLOSED)  # the end came first: it waits for a decision
    if record.state != RecordState.OPEN:
        return CheckedOut(await _view(session, row, member_id, tz), record.halves)
    before = record_facts(record)
    until = min(now, row.ends_at)
    halves = credited_halves(max(record.checked_in_at, row.starts_at), until)
    assert record.day is not None
    others = sum(r.halves for r in await repo.day_records(session, member_id, record.day))
    record.halves = max(0, min(halves, MAX_HALVES_PER_DAY - others))
    record.checked_out_at = until
    record.state = RecordState.APPROVED.value
    record.decided_at = now
    record.updated_at = now
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="activity.checkout",
        target="hours_record",
        target_id=record.id,
        before=before,
        after=record_facts(record),
        now=now,
    )
    await session.flush()
    return CheckedOut(await _view(session, row, member_id, tz), record.halves)


async def current_for(
    session: AsyncSession, actor: Actor, now: datetime
) -> tuple[ActivityView, ...] | Refused:
    """Activities of the actor's teams open for check-in now or soon (today and tomorrow)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    teams = [tm.team_id for tm in await repo.memberships_of(session, me.member_id)]
    rows = await repo.activities_around(session, teams, now, now + timedelta(days=2))
    return tuple([await _view(session, r, me.member_id, me.branch_tz) for r in rows])


async def auto_close(session: AsyncSession, now: datetime) -> int:
    """Close the open check-ins of ended activities: flagged and pending, never just counted."""
    closed = 0
    for activity in await repo.ended_unclosed(session, now):
        for found in await repo.activity_records(session, activity.id):
            record = await repo.record_for_update(session, found.id)  # against a late 签退
            if record is None or record.state != RecordState.OPEN or record.checked_in_at is None:
                continue
            await _close_flagged(session, record, activity, now)
            closed += 1
        activity.closed_at = now
    return closed


async def _close_flagged(
    session: AsyncSession, record: HoursRecord, activity: VolunteerActivity, now: datetime
) -> None:
    """An open check-in at or after the end: hours to the end, flagged, put to a decider."""
    assert record.checked_in_at is not None
    before = record_facts(record)
    record.checked_out_at = activity.ends_at
    record.halves = credited_halves(max(record.checked_in_at, activity.starts_at), activity.ends_at)
    record.flagged = True
    if record.halves <= 0:
        record.state = RecordState.DECLINED.value
        record.reason = "auto-closed"
    else:
        record.state = RecordState.PENDING.value
    record.updated_at = now
    await session.flush()
    if record.state == RecordState.PENDING:
        await queue.put(session, record, actor_tg_id=None, now=now)
    audit(
        session,
        branch_id=record.branch_id,
        actor_tg_id=None,
        action="activity.autoclose",
        target="hours_record",
        target_id=record.id,
        before=before,
        after=record_facts(record),
        now=now,
    )
    await _tell_flagged(session, record, activity, now)


async def _tell_flagged(
    session: AsyncSession, record: HoursRecord, activity: VolunteerActivity, now: datetime
) -> None:
    await tell(
        session,
        branch_id=record.branch_id,
        kind="hours_result",
        key=f"hours:{record.id}:autoclosed",
        member_ids=[record.member_id],
        build=lambda lang: outbox.Content(
            text=t(
                "hours.activity.autoclosed",
                lang,
                title=html.escape(activity.title),
                h=format_halves(record.halves),
            )
        ),
        now=now,
    )
