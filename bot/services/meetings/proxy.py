"""Who a host may check in by proxy (代签), and the live count on the code screen."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.attendance import ATTENDED, AttendanceState
from bot.domain.checkin import can_check_in_for
from bot.domain.members import Permission
from bot.services.identity import Actor
from bot.services.meetings.access import (
    Refusal,
    Refused,
    led_groups,
    may_branchwide,
    membership_in,
)
from bot.services.meetings.audience import audience_members
from storage.repos import meetings as repo


@dataclass(frozen=True)
class Candidates:
    meeting_id: int
    title: str
    people: list[tuple[int, str]]  # (member_id, name) not yet checked in, that the actor may do


@dataclass(frozen=True)
class Count:
    attended: int
    expected: int
    tz: str


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
    people = [
        (m.id, m.name)
        for m in await audience_members(session, meeting.branch_id, meeting.audience)
        if m.id not in done
        and can_check_in_for(
            actor_id=me.member_id,
            actor_branch_id=me.branch_id,
            actor_is_secretary=secretary,
            actor_led_group_ids=led,
            target_id=m.id,
            target_branch_id=m.branch_id,
            target_group_id=m.group_id,
        )
    ]
    return Candidates(meeting.id, meeting.title, people)


async def attendance_count(session: AsyncSession, meeting_id: int) -> Count:
    """Checked in so far out of the invited, and the branch's zone (for the code screen)."""
    meeting = await repo.get_meeting(session, meeting_id)
    branch = await repo.get_branch(session, meeting.branch_id) if meeting else None
    if meeting is None or branch is None:
        return Count(0, 0, "Asia/Shanghai")
    invited = {m.id for m in await audience_members(session, meeting.branch_id, meeting.audience)}
    attended = sum(
        1
        for r in await repo.attendance_rows(session, meeting_id)
        if AttendanceState(r.state) in ATTENDED and r.member_id in invited
    )
    return Count(attended, len(invited), branch.timezone)
