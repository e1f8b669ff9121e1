"""Answers to a meeting notice: 参加 (RSVP) and 请假 (leave), and the approvers' decision."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience
from bot.domain.meetings.attendance import (
    AttendanceEvent,
    AttendanceState,
    leave_request_open,
    next_state,
)
from bot.domain.meetings.leave import LeaveParty, leave_route, may_decide_leave
from bot.domain.members import Role, parse_role
from bot.services.identity import Actor, Membership, role_of
from bot.services.meetings import notices
from bot.services.meetings.access import (
    Refusal,
    Refused,
    membership_in,
    membership_in_audience,
)
from bot.services.meetings.buttons import ApproveLeave, DeclineLeave
from bot.services.meetings.notices import Content
from bot.texts import t
from storage.models.meetings import LeaveRequest, Meeting
from storage.repos import core as core_repo
from storage.repos import meetings as repo

log = logging.getLogger(__name__)

REASON_MAX = 200
QUICK_REASONS = ("ill", "away", "work")


@dataclass(frozen=True)
class Rsvp:
    meeting_id: int
    already: bool
    state: AttendanceState | None  # e.g. leave already asked


@dataclass(frozen=True)
class LeaveAsked:
    leave_id: int
    meeting_id: int
    approvers: int
    # Nobody but the requester could decide: recorded as reported (报备), already excused.
    self_reported: bool = False


@dataclass(frozen=True)
class LeaveDecided:
    leave_id: int
    approved: bool
    member_name: str


async def invited_meeting(
    session: AsyncSession, actor: Actor, meeting_id: int
) -> tuple[Meeting, Membership] | Refused:
    """The meeting if the actor is a member of its branch and in its audience."""
    meeting = await repo.get_meeting(session, meeting_id)
    if meeting is None:
        return Refused(Refusal.NOT_FOUND)
    me = membership_in(actor, meeting.branch_id)
    if me is None:
        return Refused(Refusal.NOT_FOUND)
    if not membership_in_audience(me, Audience.from_string(meeting.audience)):
        return Refused(Refusal.NOT_INVITED)
    if meeting.status != "scheduled":
        return Refused(Refusal.CANCELLED)
    return meeting, me


async def rsvp(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Rsvp | Refused:
    """「参加」: remember that the member plans to come."""
    found = await invited_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting, me = found
    if meeting.starts_at <= now:
        return Refused(Refusal.STARTED)
    record = await repo.attendance_of(session, meeting.id, me.member_id)
    added = await repo.insert_rsvp(session, meeting.id, me.member_id, now)
    state = AttendanceState(record.state) if record else None
    return Rsvp(meeting.id, already=not added, state=state)


async def can_ask_leave(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> Refused | None:
    """Why leave may not be asked now, or None: before the start, once at a time."""
    found = await _leave_target(session, actor, meeting_id, now)
    return found if isinstance(found, Refused) else None


async def _leave_target(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> tuple[Meeting, Membership] | Refused:
    """Leave may be asked before the start, once at a time (again after a refusal)."""
    found = await invited_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting, me = found
    if not leave_request_open(now, meeting.starts_at):
        return Refused(Refusal.STARTED)
    record = await repo.attendance_of(session, meeting.id, me.member_id)
    current = AttendanceState(record.state) if record else None
    if next_state(current, AttendanceEvent.REQUEST_LEAVE) is None:
        return Refused(Refusal.LEAVE_NOT_POSSIBLE)
    return found


async def ask_leave(
    session: AsyncSession, actor: Actor, meeting_id: int, reason: str, now: datetime
) -> LeaveAsked | Refused:
    """Record a pending leave with its reason and ask the approvers."""
    found = await _leave_target(session, actor, meeting_id, now)
    if isinstance(found, Refused):
        return found
    meeting, me = found
    clean = " ".join(reason.split())[:REASON_MAX] or "-"
    pending = AttendanceState.LEAVE_PENDING.value
    inserted = await repo.insert_attendance(
        session,
        {
            "meeting_id": meeting.id,
            "member_id": me.member_id,
            "state": pending,
            "created_at": now,
            "updated_at": now,
        },
    )
    if not inserted and not await repo.update_attendance_if(
        session,
        meeting.id,
        me.member_id,
        AttendanceState.LEAVE_DECLINED.value,
        {"state": pending, "updated_at": now},
    ):
        return Refused(Refusal.LEAVE_NOT_POSSIBLE)
    leave = LeaveRequest(
        meeting_id=meeting.id,
        member_id=me.member_id,
        reason=clean,
        status="pending",
        requested_at=now,
    )
    session.add(leave)
    await session.flush()
    route = leave_route(party_of(me), await branch_officers(session, meeting.branch_id))
    if route.self_reported:
        await _record_reported(session, actor, meeting, me, leave, now)
        return LeaveAsked(leave.id, meeting.id, 0, self_reported=True)
    await _ask_approvers(session, meeting, me, leave, list(route.ask), now)
    return LeaveAsked(leave.id, meeting.id, len(route.ask))


def party_of(me: Membership) -> LeaveParty:
    return LeaveParty(me.member_id, role_of(me), me.group_id)


async def branch_officers(session: AsyncSession, branch_id: int) -> list[LeaveParty]:
    return [
        LeaveParty(member_id, parse_role(role) or Role.MEMBER, group_id)
        for member_id, role, group_id in await repo.officers(session, branch_id)
    ]


async def _record_reported(
    session: AsyncSession,
    actor: Actor,
    meeting: Meeting,
    me: Membership,
    leave: LeaveRequest,
    now: datetime,
) -> None:
    await repo.decide_leave_if_pending(session, leave.id, "approved", None, now)
    await repo.update_attendance_if(
        session,
        meeting.id,
        me.member_id,
        AttendanceState.LEAVE_PENDING.value,
        {"state": AttendanceState.LEAVE_APPROVED.value, "updated_at": now},
    )
    _audit_leave(session, actor, meeting, leave, me.member_id, "leave.self_reported", now)


def _audit_leave(
    session: AsyncSession,
    actor: Actor,
    meeting: Meeting,
    leave: LeaveRequest,
    member_id: int,
    action: str,
    now: datetime,
) -> None:
    core_repo.audit(
        session,
        branch_id=meeting.branch_id,
        actor_tg_id=actor.tg_id,
        action=action,
        target="leave_request",
        target_id=leave.id,
        after={"meeting_id": meeting.id, "member_id": member_id},
        now=now,
    )


async def _ask_approvers(
    session: AsyncSession,
    meeting: Meeting,
    me: Membership,
    leave: LeaveRequest,
    approvers: list[int],
    now: datetime,
) -> None:
    view = await notices.view_of(session, meeting)

    def build(lang: str) -> Content:
        return Content(
            text=t(
                "meetings.leave.ask",
                lang,
                name=html.escape(me.name),
                reason=html.escape(reason_text(leave.reason, lang)),
                card=notices.card(view, lang, agenda=False),
            ),
            buttons=(decision_row(leave.id, lang),),
        )

    await notices.send_simple(
        session,
        branch_id=meeting.branch_id,
        kind="leave_request",
        key=f"leave:{leave.id}:ask",
        build=build,
        member_ids=approvers,
        now=now,
        meta={"meeting_id": meeting.id},
    )


def decision_row(leave_id: int, lang: str) -> tuple[tuple[str, str], ...]:
    """批准 and 不批准 under a request, in the notice and again in /approve."""
    return (
        (t("meetings.btn.approve", lang), ApproveLeave(leave_id).data),
        (t("meetings.btn.decline", lang), DeclineLeave(leave_id).data),
    )


async def request_text(session: AsyncSession, leave_id: int, lang: str) -> str | None:
    """A pending request as its approvers got it (for /approve to show it again)."""
    leave = await repo.get_leave(session, leave_id)
    meeting = await repo.get_meeting(session, leave.meeting_id) if leave else None
    member = await repo.get_member(session, leave.member_id) if leave else None
    if leave is None or meeting is None or member is None:
        return None
    view = await notices.view_of(session, meeting)
    return t(
        "meetings.leave.ask",
        lang,
        name=html.escape(member.name),
        reason=html.escape(reason_text(leave.reason, lang)),
        card=notices.card(view, lang, agenda=False),
    )


def reason_text(reason: str, lang: str) -> str:
    """Quick-button codes become words; typed reasons stay as typed."""
    if reason in QUICK_REASONS:
        return t(f"meetings.leave.reason.{reason}", lang)
    return reason


async def decide_leave(
    session: AsyncSession, actor: Actor, leave_id: int, approve: bool, now: datetime
) -> LeaveDecided | Refused:
    """批准 / 不批准, by an officer the approval rule allows; never by the person asking."""
    leave = await repo.get_leave(session, leave_id)
    meeting = await repo.get_meeting(session, leave.meeting_id) if leave else None
    if leave is None or meeting is None:
        return Refused(Refusal.NOT_FOUND)
    me = membership_in(actor, meeting.branch_id)
    member = await repo.get_member(session, leave.member_id)
    if me is None or member is None:
        return Refused(Refusal.NOT_FOUND)
    if member.id == me.member_id:
        # Only a forged or replayed button gets here: the request never goes to its author.
        log.warning("member %s tried to decide their own leave %s", me.member_id, leave.id)
        return Refused(Refusal.OWN_LEAVE)
    requester = LeaveParty(member.id, parse_role(member.role) or Role.MEMBER, member.group_id)
    if not may_decide_leave(party_of(me), requester):
        return Refused(Refusal.NOT_ALLOWED)
    status = "approved" if approve else "declined"
    if not await repo.decide_leave_if_pending(session, leave.id, status, me.member_id, now):
        return Refused(Refusal.ALREADY_DECIDED)
    target = AttendanceState.LEAVE_APPROVED if approve else AttendanceState.LEAVE_DECLINED
    # A member who came after all stays present: only a still-pending record changes.
    await repo.update_attendance_if(
        session,
        meeting.id,
        member.id,
        AttendanceState.LEAVE_PENDING.value,
        {"state": target.value, "updated_at": now},
    )
    _audit_leave(session, actor, meeting, leave, member.id, f"leave.{status}", now)
    view = await notices.view_of(session, meeting)
    key = "meetings.leave.approved" if approve else "meetings.leave.declined"
    await notices.send_simple(
        session,
        branch_id=meeting.branch_id,
        kind="leave_result",
        key=f"leave:{leave.id}:result",
        build=lambda lang: Content(
            text=t(key, lang, card=notices.card(view, lang, agenda=False), by=html.escape(me.name))
        ),
        member_ids=[member.id],
        now=now,
        meta={"meeting_id": meeting.id},
    )
    return LeaveDecided(leave.id, approve, member.name)
