"""Small pieces the members services share: plain views of groups and memberships, audit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import LinkRefusal
from bot.domain.members import Permission, Role, can_branchwide
from bot.services.identity import Actor, Membership
from bot.services.members.access import Refusal, Refused, may_act_on, officer_in
from storage.models.core import Branch, Member
from storage.repos import core as core_repo
from storage.repos import members as repo


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str


class LinkProblem(StrEnum):
    """Why a deep link cannot be used; rendered as "members.link.<value>"."""

    INVALID = "invalid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED_UP = "used_up"


LINK_PROBLEMS = {
    LinkRefusal.EXPIRED: LinkProblem.EXPIRED,
    LinkRefusal.REVOKED: LinkProblem.REVOKED,
    LinkRefusal.USED_UP: LinkProblem.USED_UP,
}


def roles_with(permission: Permission) -> tuple[str, ...]:
    """Roles that hold permission over the whole branch (who gets asked to approve)."""
    return tuple(r.value for r in Role if can_branchwide(r, permission))


def membership_of(member: Member, branch: Branch) -> Membership:
    return Membership(
        member_id=member.id,
        branch_id=branch.id,
        branch_name=branch.name,
        branch_tz=branch.timezone,
        group_id=member.group_id,
        name=member.name,
        category=member.category,
        role=member.role,
        status=member.status,
    )


async def group_infos(session: AsyncSession, branch_id: int) -> tuple[GroupInfo, ...]:
    return tuple(GroupInfo(g.id, g.name) for g in await repo.groups(session, branch_id))


async def group_name(session: AsyncSession, branch_id: int, group_id: int | None) -> str | None:
    if group_id is None:
        return None
    group = await repo.group_in_branch(session, branch_id, group_id)
    return group.name if group else None


async def adopt_branch(session: AsyncSession, tg_id: int, branch_id: int) -> None:
    """Make branch_id the account's current branch unless it already acts in another one."""
    current = await repo.current_branch_id(session, tg_id)
    if current is not None and current != branch_id:
        record = await repo.member_of(session, current, tg_id)
        if record is not None and record.status == "active":
            return
    await core_repo.set_current_branch(session, tg_id, branch_id)


def audit_member(
    session: AsyncSession,
    member: Member,
    *,
    actor_tg_id: int | None,
    action: str,
    now: datetime,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
) -> None:
    core_repo.audit(
        session,
        branch_id=member.branch_id,
        actor_tg_id=actor_tg_id,
        action=action,
        target="member",
        target_id=member.id,
        before=before,
        after=after,
        now=now,
    )


def local_today(timezone: str, now: datetime) -> date:
    """The calendar day in the branch's time zone (party age, dates typed by the secretary)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Asia/Shanghai")
    return now.astimezone(zone).date()


async def load_target(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    permission: Permission,
    *,
    lock: bool = True,
) -> tuple[Member, Membership] | Refused:
    """A record the actor may use permission on, with the actor's membership in its branch.

    Records of branches the actor is not an officer of are "not found", so forged ids reveal
    nothing about other branches. lock holds the row until commit, for changes.
    """
    record = await repo.member(session, member_id, lock=lock)
    if record is None:
        return Refused(Refusal.NOT_FOUND)
    me = officer_in(actor, record.branch_id, permission)
    if me is None:
        in_branch = any(m.branch_id == record.branch_id and m.active for m in actor.memberships)
        return Refused(Refusal.NOT_ALLOWED if in_branch else Refusal.NOT_FOUND)
    if not may_act_on(me, record.group_id, permission):
        return Refused(Refusal.NOT_ALLOWED)
    return record, me


@dataclass(frozen=True)
class BranchChoice:
    branch_id: int
    name: str
