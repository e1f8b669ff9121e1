"""签到: rotating code (typed or from the QR link), live location, proxy, and the host's screen."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import LinkKind
from bot.domain.meetings import Audience
from bot.domain.meetings.attendance import AttendanceEvent, AttendanceState, next_state
from bot.domain.meetings.checkin import (
    CheckinStatus,
    checkin_status,
    code_step,
    haversine_m,
    proves_presence,
    rotating_code,
    seconds_left_in_step,
    valid_point,
    verify_code,
    within_radius,
)
from bot.domain.members import Permission, Role, can_act_on_member, parse_role
from bot.services.identity import Actor, Membership
from bot.services.meetings.access import (
    Refusal,
    Refused,
    audience_group,
    in_audience,
    membership_in,
)
from bot.services.meetings.changes import managed_meeting
from bot.services.meetings.leave import invited_meeting
from bot.services.meetings.settings import MeetingSettings, from_branch_settings, window_of
from bot.services.meetings.views import MeetingInfo
from storage.db import Database
from storage.models.meetings import CheckinAttempt, Meeting
from storage.repos import core as core_repo
from storage.repos import meetings as repo

SECRET_STATE_KEY = "meetings.checkin_secret"
MAX_WRONG_CODES = 5
WRONG_CODE_WINDOW = timedelta(minutes=10)
# Meetings whose check-in may be open: no window is longer than this either side of the start
# (a host may open check-in early only this close to the start).
_SCAN_BEFORE = OPEN_EARLY_LIMIT = timedelta(hours=4)
_SCAN_AFTER = timedelta(hours=8)


@dataclass(frozen=True)
class CheckedIn:
    meeting_id: int
    member_id: int
    state: AttendanceState
    already: bool
    title: str


@dataclass(frozen=True)
class TooFar:
    meeting_id: int
    distance_m: int
    radius_m: int


@dataclass(frozen=True)
class CodeView:
    meeting: MeetingInfo
    code: str
    seconds_left: int
    step_seconds: int
    payload: str  # deep-link payload c_<meeting>_<code>
    step: int
    closes_at: datetime  # the screen keeps changing until then


async def checkin_secret(session: AsyncSession, configured: str | None) -> bytes:
    """The configured secret (hashed to 32 bytes), else one generated once and kept in the DB."""
    if configured:
        return hashlib.sha256(b"checkin:" + configured.encode()).digest()
    stored = await core_repo.get_state(session, SECRET_STATE_KEY)
    if stored is None:
        stored = await core_repo.set_state_if_absent(
            session, SECRET_STATE_KEY, secrets.token_hex(32)
        )
    return bytes.fromhex(stored)


class SecretHolder(Protocol):
    """Where the process keeps the secret once read (BotData)."""

    checkin_secret: bytes | None


async def cached_secret(db: Database, holder: SecretHolder, configured: str | None) -> bytes:
    """checkin_secret, read (or created) once per process and kept in `holder`."""
    if holder.checkin_secret is not None:
        return holder.checkin_secret
    async with db.transaction() as session:
        value = await checkin_secret(session, configured)
    holder.checkin_secret = value
    return value


async def settings_of(session: AsyncSession, branch_id: int) -> MeetingSettings:
    branch = await repo.get_branch(session, branch_id)
    return from_branch_settings(branch.settings if branch else None)


def status_at(meeting: Meeting, cfg: MeetingSettings, now: datetime) -> CheckinStatus:
    return checkin_status(now, meeting.starts_at, window_of(meeting, cfg), cfg.late_after)


def refusal_for(status: CheckinStatus) -> Refused | None:
    if status is CheckinStatus.TOO_EARLY:
        return Refused(Refusal.NOT_OPEN)
    if status is CheckinStatus.CLOSED:
        return Refused(Refusal.CLOSED)
    return None


async def _checkin_open(
    session: AsyncSession, actor: Actor, now: datetime
) -> list[tuple[Membership, Meeting]]:
    """Meetings of the actor's active branches whose check-in window is open now."""
    found: list[tuple[Membership, Meeting]] = []
    for me in actor.memberships:
        if not me.active:
            continue
        cfg = await settings_of(session, me.branch_id)
        rows = await repo.meetings_starting_between(
            session, now - _SCAN_AFTER, now + _SCAN_BEFORE, branch_id=me.branch_id
        )
        found += [(me, m) for m in rows if refusal_for(status_at(m, cfg, now)) is None]
    return found


async def open_meetings(session: AsyncSession, actor: Actor, now: datetime) -> list[MeetingInfo]:
    """Meetings the actor is invited to whose check-in is open now, earliest first."""
    return [MeetingInfo.of(m) for m in await _open_invited(session, actor, now)]


async def _open_invited(session: AsyncSession, actor: Actor, now: datetime) -> list[Meeting]:
    return [
        m
        for me, m in await _checkin_open(session, actor, now)
        if in_audience(
            Audience.from_string(m.audience),
            category=me.category,
            role=me.role,
            group_id=me.group_id,
        )
    ]


async def hosted_meetings(session: AsyncSession, actor: Actor, now: datetime) -> list[MeetingInfo]:
    """Meetings whose code the actor may show: they manage it and check-in is open."""
    return [
        MeetingInfo.of(m)
        for _, m in await _checkin_open(session, actor, now)
        if not isinstance(await managed_meeting(session, actor, m.id), Refused)
    ]


async def code_view(
    session: AsyncSession, actor: Actor, meeting_id: int, secret: bytes, now: datetime
) -> CodeView | Refused:
    """The code the host shows now (only while check-in is open)."""
    found = await managed_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    view = await current_code(session, found[0].id, secret, now)
    if not isinstance(view, Refused):
        await _host_present(session, found[0], found[1], now)
    return view


async def _host_present(
    session: AsyncSession, meeting: Meeting, me: Membership, now: datetime
) -> None:
    """The host who opens check-in is there: never listed absent and sent 补学 for it."""
    if in_audience(
        Audience.from_string(meeting.audience),
        category=me.category,
        role=me.role,
        group_id=me.group_id,
    ):
        cfg = await settings_of(session, meeting.branch_id)
        status = status_at(meeting, cfg, now)
        await record_check_in(session, meeting, me.member_id, status, "host", None, now)


async def screen_code(
    session: AsyncSession, host_tg_id: int, meeting_id: int, secret: bytes, now: datetime
) -> CodeView | Refused:
    """The code for a screen already open, re-checking every time that its host still runs
    the meeting: a host demoted (or removed) meanwhile gets NOT_ALLOWED, and no new code."""
    meeting = await repo.get_meeting(session, meeting_id)
    if meeting is None:
        return Refused(Refusal.NOT_FOUND)
    host = next(
        (
            m
            for m, _ in await core_repo.memberships(session, host_tg_id)
            if m.branch_id == meeting.branch_id and m.status == "active"
        ),
        None,
    )
    group = audience_group(Audience.from_string(meeting.audience))
    if host is None or not can_act_on_member(
        parse_role(host.role) or Role.MEMBER, host.group_id, group, Permission.SCHEDULE_MEETING
    ):
        return Refused(Refusal.NOT_ALLOWED)
    return await current_code(session, meeting.id, secret, now)


async def current_code(
    session: AsyncSession, meeting_id: int, secret: bytes, now: datetime
) -> CodeView | Refused:
    """The code right now; callers have checked that whoever sees it may (see screen_code)."""
    meeting = await repo.get_meeting(session, meeting_id)
    if meeting is None:
        return Refused(Refusal.NOT_FOUND)
    if meeting.status != "scheduled":
        return Refused(Refusal.CANCELLED)
    cfg = await settings_of(session, meeting.branch_id)
    refused = refusal_for(status_at(meeting, cfg, now))
    if refused is not None:
        return refused
    step = cfg.step_seconds
    code = rotating_code(secret, meeting.id, now, step)
    return CodeView(
        meeting=MeetingInfo.of(meeting),
        code=code,
        seconds_left=seconds_left_in_step(now, step),
        step_seconds=step,
        payload=f"{LinkKind.CHECKIN.value}_{meeting.id}_{code}",
        step=code_step(now, step),
        closes_at=window_of(meeting, cfg).closes_at,
    )


async def check_in_with_code(
    session: AsyncSession,
    actor: Actor,
    meeting_id: int,
    code: str,
    secret: bytes,
    now: datetime,
    *,
    method: str = "code",
) -> CheckedIn | Refused:
    """Check the actor in with the host's current code; wrong codes are counted and limited."""
    found = await invited_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting, me = found
    cfg = await settings_of(session, meeting.branch_id)
    status = status_at(meeting, cfg, now)
    refused = refusal_for(status)
    if refused is not None:
        return refused
    record = await repo.attendance_of(session, meeting.id, me.member_id)
    if record is not None and AttendanceState(record.state) in (
        AttendanceState.PRESENT,
        AttendanceState.LATE,
    ):
        return CheckedIn(
            meeting.id, me.member_id, AttendanceState(record.state), True, meeting.title
        )
    wrong = await repo.count_wrong_codes(session, meeting.id, me.member_id, now - WRONG_CODE_WINDOW)
    if wrong >= MAX_WRONG_CODES:
        return Refused(Refusal.TOO_MANY_TRIES)
    if not verify_code(secret, meeting.id, code, now, cfg.step_seconds):
        session.add(CheckinAttempt(meeting_id=meeting.id, member_id=me.member_id, at=now))
        return Refused(Refusal.STALE_CODE if method == "qr" else Refusal.WRONG_CODE)
    return await record_check_in(session, meeting, me.member_id, status, method, None, now)


async def check_in_by_location(
    session: AsyncSession,
    actor: Actor,
    point: tuple[float, float],
    accuracy_m: float | None,
    now: datetime,
    *,
    live_period: int | None,
) -> CheckedIn | TooFar | Refused:
    """Check in at whichever open meeting with a map point the member is near (live only)."""
    if not proves_presence(live_period):
        return Refused(Refusal.NOT_LIVE)
    if not valid_point(*point):
        return Refused(Refusal.TOO_FAR)
    candidates = [
        m
        for m in await _open_invited(session, actor, now)
        if m.place_lat is not None and m.place_lon is not None
    ]
    if not candidates:
        return Refused(Refusal.NO_PLACE)
    nearest: TooFar | None = None
    for meeting in candidates:
        assert meeting.place_lat is not None and meeting.place_lon is not None
        place = (meeting.place_lat, meeting.place_lon)
        cfg = await settings_of(session, meeting.branch_id)
        if within_radius(point, place, cfg.radius_m, accuracy_m):
            me = membership_in(actor, meeting.branch_id)
            assert me is not None
            status = status_at(meeting, cfg, now)
            return await record_check_in(
                session, meeting, me.member_id, status, "location", None, now
            )
        distance = int(haversine_m(*point, *place))
        if nearest is None or distance < nearest.distance_m:
            nearest = TooFar(meeting.id, distance, cfg.radius_m)
    assert nearest is not None
    return nearest


async def host_check_in(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> CheckedIn | Refused:
    """The host, who holds the code, checks themself in from their code screen."""
    found = await managed_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting, me = found
    if not in_audience(
        Audience.from_string(meeting.audience),
        category=me.category,
        role=me.role,
        group_id=me.group_id,
    ):
        return Refused(Refusal.NOT_INVITED)
    cfg = await settings_of(session, meeting.branch_id)
    status = status_at(meeting, cfg, now)
    refused = refusal_for(status)
    if refused is not None:
        return refused
    return await record_check_in(session, meeting, me.member_id, status, "host", None, now)


async def record_check_in(
    session: AsyncSession,
    meeting: Meeting,
    member_id: int,
    status: CheckinStatus,
    method: str,
    proxy_by: int | None,
    now: datetime,
) -> CheckedIn:
    """Present or late; idempotent (the unique key and a compare-and-set settle races)."""
    event = (
        AttendanceEvent.CHECK_IN_ON_TIME
        if status is CheckinStatus.ON_TIME
        else AttendanceEvent.CHECK_IN_LATE
    )
    fresh = next_state(None, event)
    assert fresh is not None
    values = {
        "state": fresh.value,
        "method": method,
        "by_proxy": proxy_by is not None,
        "proxy_member_id": proxy_by,
        "checked_in_at": now,
        "updated_at": now,
    }
    if await repo.insert_attendance(
        session, {"meeting_id": meeting.id, "member_id": member_id, "created_at": now, **values}
    ):
        return CheckedIn(meeting.id, member_id, fresh, False, meeting.title)
    for _ in range(3):
        record = await repo.attendance_of(session, meeting.id, member_id)
        assert record is not None
        current = AttendanceState(record.state)
        new = next_state(current, event)
        if new is None:
            return CheckedIn(meeting.id, member_id, current, True, meeting.title)
        values["state"] = new.value
        if await repo.update_attendance_if(session, meeting.id, member_id, current.value, values):
            return CheckedIn(meeting.id, member_id, new, False, meeting.title)
    raise RuntimeError("attendance record kept changing")
