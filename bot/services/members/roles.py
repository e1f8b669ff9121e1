"""Role changes and status changes (transfer out, archive, restore), checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import (
    MemberStatus,
    Permission,
    Role,
    RoleChangeError,
    can_change_status,
    check_role_change,
    parse_role,
    role_rank,
)
from bot.services.delivery import notices
from bot.services.identity import Actor, role_of
from bot.services.members.access import Refusal, Refused
from bot.services.members.common import audit_member, load_target
from bot.services.members.editing import snapshot
from storage.repos import members as repo

REASON_MAX = 200


class StatusProblem(StrEnum):
    """Why a status change was refused; rendered as "members.status_problem.<value>"."""

    TRANSITION = "transition"
    REASON_REQUIRED = "reason_required"
    LAST_SECRETARY = "last_secretary"
    SELF = "self"


@dataclass(frozen=True)
class Changed:
    """A role or status change; tg_id/lang let the handler tell the person and fix their menu."""

    member_id: int
    name: str
    branch_name: str
    before: str
    after: str
    role: str
    status: str
    tg_id: int | None
    lang: str | None

    @property
    def secretary_changed(self) -> bool:
        """Whether the person's secretary command menu must be refreshed."""
        return Role.SECRETARY.value in (self.role, self.before)


async def set_role(
    session: AsyncSession, actor: Actor, member_id: int, role: Role, now: datetime
) -> Changed | RoleChangeError | Refused:
    """Give a member another role in the branch (secretary only; never the last secretary away)."""
    found = await load_target(session, actor, member_id, Permission.MANAGE_ROLES)
    if isinstance(found, Refused):
        return found
    record, me = found
    if record.status != MemberStatus.ACTIVE:
        return Refused(Refusal.INACTIVE)
    current = parse_role(record.role) or Role.MEMBER
    # Two secretaries demoting each other must not both count two secretaries.
    await repo.lock_branch(session, record.branch_id)
    problem = check_role_change(
        role_of(me),
        current,
        role,
        secretary_count=await repo.count_secretaries(session, record.branch_id),
        target_group_id=record.group_id,
    )
    if problem is not None:
        return problem
    record.role, record.updated_at = role.value, now
    if record.tg_user_id is None and role_rank(role) > role_rank(current):
        # A link already forwarded for the old role must not open the higher one.
        await repo.revoke_member_links(session, record.id, now)
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.role",
        before={"role": current.value},
        after={"role": role.value},
        now=now,
    )
    return await _changed(session, record.id, current.value, role.value, role.value)


def _reason(raw: str | None) -> str | None:
    text = " ".join((raw or "").split())[:REASON_MAX]
    return text or None


async def set_status(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    status: MemberStatus,
    reason: str | None,
    now: datetime,
) -> Changed | StatusProblem | Refused:
    """Transfer out or archive (a reason is required), or restore; records are never deleted."""
    found = await load_target(session, actor, member_id, Permission.ARCHIVE_MEMBER)
    if isinstance(found, Refused):
        return found
    record, _ = found
    before = MemberStatus(record.status)
    if before is MemberStatus.PENDING or not can_change_status(before, status):
        return StatusProblem.TRANSITION
    leaving = status in (MemberStatus.TRANSFERRED, MemberStatus.ARCHIVED)
    why = _reason(reason)
    if leaving and why is None:
        return StatusProblem.REASON_REQUIRED
    if record.tg_user_id == actor.tg_id:
        return StatusProblem.SELF
    # Two secretaries archiving each other must not both count two secretaries.
    await repo.lock_branch(session, record.branch_id)
    secretaries = await repo.count_secretaries(session, record.branch_id)
    if (
        leaving
        and before is MemberStatus.ACTIVE
        and record.role == Role.SECRETARY
        and (secretaries <= 1)
    ):
        return StatusProblem.LAST_SECRETARY
    old = snapshot(record)
    record.status, record.status_reason = status.value, why if leaving else None
    record.updated_at = now
    if leaving:
        await repo.revoke_member_links(session, record.id, now)
        # Imported here: members does not depend on posts, only tells it someone left.
        from bot.services.posts.claims import free_posts_of

        await free_posts_of(session, record.id, now)
        await notices.withdraw_member(session, record.id, now)
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.status",
        before={"status": old["status"], "status_reason": old["status_reason"]},
        after={"status": record.status, "status_reason": record.status_reason},
        now=now,
    )
    return await _changed(session, record.id, before.value, status.value, record.role)


async def _changed(
    session: AsyncSession, member_id: int, before: str, after: str, role: str
) -> Changed:
    record = await repo.member(session, member_id)
    assert record is not None
    branch = await repo.branch(session, record.branch_id)
    lang = await repo.language(session, record.tg_user_id) if record.tg_user_id else None
    return Changed(
        member_id=record.id,
        name=record.name,
        branch_name=branch.name if branch else "",
        before=before,
        after=after,
        role=role,
        status=record.status,
        tg_id=record.tg_user_id,
        lang=lang,
    )
