"""/approve: what waits for the officer's decision (join applications, leave requests)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings.leave import LeaveParty, may_decide_leave
from bot.domain.members import Permission, Role, can, parse_role
from bot.services.identity import Actor, role_of
from bot.services.members.access import Refusal, Refused
from storage.repos import meetings as meetings_repo
from storage.repos import members as repo

# Re-sent request messages at most; the rest are counted ("send /approve again").
SHOW_AT_MOST = 10


@dataclass(frozen=True)
class Application:
    member_id: int
    name: str
    category: str
    group_name: str | None


@dataclass(frozen=True)
class PendingLeave:
    leave_id: int
    meeting_id: int
    name: str
    reason: str


@dataclass(frozen=True)
class Waiting:
    branch_name: str
    applications: tuple[Application, ...]
    more_applications: int
    leaves: tuple[PendingLeave, ...]
    more_leaves: int = 0

    @property
    def empty(self) -> bool:
        return not self.applications and not self.leaves


async def waiting(session: AsyncSession, actor: Actor) -> Waiting | Refused:
    """What waits for this officer in the current branch; read-only."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    role = role_of(me)
    members = can(role, Permission.APPROVE_MEMBER)
    leave = can(role, Permission.APPROVE_LEAVE)
    if not members and not leave:
        return Refused(Refusal.NOT_ALLOWED)
    applications: tuple[Application, ...] = ()
    more = 0
    if members:
        rows, total = await repo.pending_applications(session, me.branch_id, limit=SHOW_AT_MOST)
        applications = tuple(Application(m.id, m.name, m.category, g) for m, g in rows)
        more = max(total - len(applications), 0)
    leaves: list[PendingLeave] = []
    if leave:
        # Exactly what this officer may decide: never their own request, only the people
        # their role covers (the rule that decides a press of 批准, not a wider count).
        decider = LeaveParty(me.member_id, role, me.group_id)
        for request, member, _ in await meetings_repo.pending_leaves(session, me.branch_id):
            requester = LeaveParty(
                member.id, parse_role(member.role) or Role.MEMBER, member.group_id
            )
            if may_decide_leave(decider, requester):
                leaves.append(
                    PendingLeave(request.id, request.meeting_id, member.name, request.reason)
                )
    return Waiting(
        me.branch_name,
        applications,
        more,
        tuple(leaves[:SHOW_AT_MOST]),
        max(len(leaves) - SHOW_AT_MOST, 0),
    )
