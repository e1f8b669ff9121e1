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
from bot.services.meetings.attendance import report_for
from bot.services.meetings.audience import audience_members
from storage.repos import meetings as repo


@dataclass(frozen=True)
class Candidates:
    meeting_id: int
    title: str
    # (member_id, name, checked in) over the whole audience the actor may do, in a fixed
    # order, so pages stay put while people check in.
    people: list[tuple[int, str, bool]]

    @property
    def waiting(self) -> int:
        return sum(not done for _, _, done in self.people)


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
        (m.id, m.name, m.id in done)
        for m in await audience_members(session, meeting.branch_id, meeting.audience)
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
    return Candidates(meeting.id, meeting.title, people)


async def attendance_count(session: AsyncSession, meeting_id: int) -> Count:
    """Checked in so far out of the invited, and the branch's zone (for the code screen)."""
    meeting = await repo.get_meeting(session, meeting_id)
    branch = await repo.get_branch(session, meeting.branch_id) if meeting else None
    if meeting is None or branch is None:
        return Count(0, 0, "Asia/Shanghai")
    # The same numbers as the meeting card (one definition of who is expected).
    summary = (await report_for(session, meeting)).summary
    return Count(summary.attended, summary.expected, branch.timezone)
