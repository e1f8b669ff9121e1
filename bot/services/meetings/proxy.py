"""代签 while check-in is open and 补登 after it closed (both audited), who a host may do it
for, and the live count on the code screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience
from bot.domain.meetings.attendance import ATTENDED, AttendanceEvent, AttendanceState, next_state
from bot.domain.meetings.checkin import CheckinStatus, can_check_in_for
from bot.domain.members import Permission
from bot.services.identity import Actor
from bot.services.meetings.access import (
    Refusal,
    Refused,
    in_audience,
    led_groups,
    may_branchwide,
    membership_in,
)
from bot.services.meetings.attendance import report_for
from bot.services.meetings.audience import audience_members
from bot.services.meetings.checkin import (
    CheckedIn,
    record_check_in,
    refusal_for,
    settings_of,
    status_at,
)
from storage.models.meetings import Meeting
from storage.repos import core as core_repo
from storage.repos import meetings as repo


@dataclass(frozen=True)
class Candidates:
    meeting_id: int
    title: str
    # (member_id, name, checked in) over the whole audience the actor may do, in a fixed
    # order (members without Telegram first: they are the ones a host checks in), so pages
    # stay put while people check in.
    people: list[tuple[int, str, bool]]
    # Check-in has closed: pressing a name is 补登, a correction of the register.
    closed: bool = False

    @property
    def waiting(self) -> int:
        return sum(not done for _, _, done in self.people)


@dataclass(frozen=True)
class Count:
    attended: int
    expected: int
    tz: str
    waiting: tuple[str, ...] = ()  # who has not checked in yet (leave aside)


async def proxy_candidates(
    session: AsyncSession, actor: Actor, meeting_id: int
) -> Candidates | Refused:
    meeting = await repo.get_meeting(session, meeting_id)
    me = membership_in(actor, meeting.branch_id) if meeting else None
    if meeting is None or me is None:
        return Refused(Refusal.NOT_FOUND)
    secretary = may_branchwide(me, Permission.PROXY_CHECKIN)
    led = led_groups(me)
    if not secretary and not led:
        return Refused(Refusal.NOT_ALLOWED)
    done = {
        r.member_id
        for r in await repo.attendance_rows(session, meeting.id)
        if AttendanceState(r.state) in ATTENDED
    }
    members = sorted(
        await audience_members(session, meeting.branch_id, meeting.audience),
        key=lambda m: m.tg_user_id is not None,
    )
    people = [
        (m.id, m.name, m.id in done)
        for m in members
        if can_check_in_for(
            actor_id=me.member_id,
            actor_branch_id=me.branch_id,
            actor_is_secretary=secretary,
            actor_led_group_ids=led,
            target_id=m.id,
            target_branch_id=m.branch_id,
            target_group_id=m.group_id,
        )
    ]
    return Candidates(meeting.id, meeting.title, people, closed=meeting.closed_at is not None)


async def attendance_count(session: AsyncSession, meeting_id: int) -> Count:
    """Checked in so far out of the invited, and the branch's zone (for the code screen)."""
    meeting = await repo.get_meeting(session, meeting_id)
    branch = await repo.get_branch(session, meeting.branch_id) if meeting else None
    if meeting is None or branch is None:
        return Count(0, 0, "Asia/Shanghai")
    # The same numbers as the meeting card (one definition of who is expected).
    report = await report_for(session, meeting)
    summary = report.summary
    return Count(summary.attended, summary.expected, branch.timezone, tuple(report.names["absent"]))


async def proxy_check_in(
    session: AsyncSession, actor: Actor, meeting_id: int, member_id: int, now: datetime
) -> CheckedIn | Refused:
    """代签 for a member without a phone, by the secretary or the member's group leader; after
    the close the same press is 补登, a correction of the register."""
    meeting = await repo.get_meeting(session, meeting_id)
    target = await repo.get_member(session, member_id)
    me = membership_in(actor, meeting.branch_id) if meeting else None
    if meeting is None or target is None or me is None or target.status != "active":
        return Refused(Refusal.NOT_FOUND)
    allowed = can_check_in_for(
        actor_id=me.member_id,
        actor_branch_id=me.branch_id,
        actor_is_secretary=may_branchwide(me, Permission.PROXY_CHECKIN),
        actor_led_group_ids=led_groups(me),
        target_id=target.id,
        target_branch_id=target.branch_id,
        target_group_id=target.group_id,
    )
    if not allowed:
        return Refused(Refusal.NOT_ALLOWED)
    if not in_audience(
        Audience.from_string(meeting.audience),
        category=target.category,
        role=target.role,
        group_id=target.group_id,
    ):
        return Refused(Refusal.NOT_INVITED)
    if meeting.status != "scheduled":
        return Refused(Refusal.CANCELLED)
    cfg = await settings_of(session, meeting.branch_id)
    status = status_at(meeting, cfg, now)
    if status is CheckinStatus.CLOSED and meeting.closed_at is not None:
        return await _correct(session, actor, meeting, target.id, me.member_id, now)
    refused = refusal_for(status)
    if refused is not None:
        return refused
    done = await record_check_in(session, meeting, target.id, status, "proxy", me.member_id, now)
    if not done.already:
        # Attendance in someone else's name: the audit log says who vouched for whom.
        core_repo.audit(
            session,
            branch_id=meeting.branch_id,
            actor_tg_id=actor.tg_id,
            action="attendance.proxy",
            target="member",
            target_id=target.id,
            after={"meeting_id": meeting.id, "state": done.state.value, "by": me.member_id},
            now=now,
        )
    return done


async def _correct(
    session: AsyncSession, actor: Actor, meeting: Meeting, member_id: int, by: int, now: datetime
) -> CheckedIn:
    """补登: present after all (it was absent, on leave or unrecorded), with the audit trail."""
    record = await repo.attendance_of(session, meeting.id, member_id)
    before = AttendanceState(record.state) if record is not None else None
    new = next_state(before, AttendanceEvent.CORRECT_PRESENT)
    if new is None:  # present or late already
        assert before is not None
        return CheckedIn(meeting.id, member_id, before, True, meeting.title)
    values = {
        "state": new.value,
        "method": "correction",
        "by_proxy": True,
        "proxy_member_id": by,
        "checked_in_at": now,
        "made_up_at": None,  # 补学 is for the absent; the record now says present
        "updated_at": now,
    }
    if record is None:
        await repo.insert_attendance(
            session, {"meeting_id": meeting.id, "member_id": member_id, "created_at": now, **values}
        )
    elif not await repo.update_attendance_if(session, meeting.id, member_id, record.state, values):
        raise RuntimeError("attendance record changed during 补登")
    core_repo.audit(
        session,
        branch_id=meeting.branch_id,
        actor_tg_id=actor.tg_id,
        action="attendance.correct",
        target="member",
        target_id=member_id,
        before={"meeting_id": meeting.id, "state": before.value if before else None},
        after={"meeting_id": meeting.id, "state": new.value, "by": by},
        now=now,
    )
    return CheckedIn(meeting.id, member_id, new, False, meeting.title)
