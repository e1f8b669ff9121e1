"""/approve: what waits for the officer's decision (join applications, leave requests)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Permission, can, can_branchwide
from bot.services.identity import Actor
from bot.services.members.access import Refusal, Refused, role_of
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
class Waiting:
    branch_name: str
    applications: tuple[Application, ...]
    more_applications: int
    leaves: int

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
    leaves = 0
    if leave:
        leaves = await meetings_repo.count_pending_leaves(
            session,
            me.branch_id,
            me.group_id,
            branchwide=can_branchwide(role, Permission.APPROVE_LEAVE),
        )
    return Waiting(me.branch_name, applications, more, leaves)
