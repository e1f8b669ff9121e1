"""Joining through an invite: open the link, register, and the secretary's approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import LinkKind, invite_usable
from bot.domain.members import Category, MemberError, MemberStatus, Permission, Role, validate_name
from bot.services.identity import Actor, Membership
from bot.services.members.access import Refused
from bot.services.members.common import (
    LINK_PROBLEMS,
    GroupInfo,
    LinkProblem,
    adopt_branch,
    audit_member,
    group_infos,
    group_name,
    load_target,
    membership_of,
    roles_with,
)
from storage.models.core import Branch, Member
from storage.models.members import Invite
from storage.repos import members as repo

_JOIN_KINDS = frozenset({LinkKind.INVITE.value, LinkKind.SECRETARY_INVITE.value})


class Opened(StrEnum):
    """What opening an invite leads to."""

    REGISTER = "register"
    ALREADY_MEMBER = "already_member"
    PENDING = "pending"
    INACTIVE = "inactive"  # an archived or transferred record: the secretary must restore it
    PROMOTED = "promoted"  # an existing member opened a secretary link


@dataclass(frozen=True)
class InviteOpened:
    outcome: Opened
    token: str
    secretary: bool
    branch_id: int
    branch_name: str
    groups: tuple[GroupInfo, ...]
    membership: Membership | None = None


@dataclass(frozen=True)
class Registered:
    """A submitted registration: pending approval, or active for a secretary link."""

    member_id: int
    branch_name: str
    name: str
    category: str
    group_name: str | None
    status: str
    role: str
    approvers: tuple[tuple[int, str | None], ...]
    membership: Membership


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    ALREADY = "already"  # decided before (by anyone): nothing changes


@dataclass(frozen=True)
class Decided:
    decision: Decision
    status: str
    name: str
    branch_name: str
    applicant_tg_id: int | None
    applicant_lang: str | None
    membership: Membership


async def _join_link(
    session: AsyncSession, token: str, now: datetime
) -> tuple[Invite, Branch] | LinkProblem:
    invite = await repo.invite_by_token(session, token)
    if invite is None or invite.kind not in _JOIN_KINDS:
        return LinkProblem.INVALID
    branch = await repo.branch(session, invite.branch_id)
    if branch is None:
        return LinkProblem.INVALID
    refusal = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    if refusal is not None:
        return LINK_PROBLEMS[refusal]
    return invite, branch


async def _promote(
    session: AsyncSession, actor: Actor, record: Member, invite: Invite, now: datetime
) -> bool:
    if not await repo.consume_invite(session, invite.id, now):
        return False
    before = record.role
    record.role = Role.SECRETARY.value
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.role",
        before={"role": before},
        after={"role": record.role, "invite_id": invite.id},
        now=now,
    )
    await adopt_branch(session, actor.tg_id, record.branch_id)
    return True


async def _open(
    session: AsyncSession, actor: Actor, token: str, now: datetime
) -> tuple[InviteOpened, Invite, Member | None] | LinkProblem:
    found = await _join_link(session, token, now)
    if isinstance(found, LinkProblem):
        return found
    invite, branch = found
    secretary = invite.kind == LinkKind.SECRETARY_INVITE.value
    groups = await group_infos(session, branch.id)
    record = await repo.member_of(session, branch.id, actor.tg_id, lock=True)
    outcome = Opened.REGISTER
    membership = None
    if record is not None and record.status == MemberStatus.ACTIVE:
        outcome = Opened.ALREADY_MEMBER
        if secretary and record.role != Role.SECRETARY:
            if not await _promote(session, actor, record, invite, now):
                return LinkProblem.USED_UP
            outcome = Opened.PROMOTED
        membership = membership_of(record, branch)
    elif record is not None and record.status == MemberStatus.PENDING:
        outcome = Opened.PENDING
    elif record is not None and record.status != MemberStatus.REJECTED:
        outcome = Opened.INACTIVE
    opened = InviteOpened(outcome, token, secretary, branch.id, branch.name, groups, membership)
    return opened, invite, record


async def open_invite(
    session: AsyncSession, actor: Actor, token: str, now: datetime
) -> InviteOpened | LinkProblem:
    """Check a join link and the person's standing in its branch (a secretary link may promote)."""
    found = await _open(session, actor, token, now)
    return found if isinstance(found, LinkProblem) else found[0]


async def register(
    session: AsyncSession,
    actor: Actor,
    *,
    token: str,
    name: str,
    category: Category,
    group_id: int | None,
    now: datetime,
) -> Registered | InviteOpened | LinkProblem | MemberError:
    """Submit a registration; the link is re-checked and its use counted in this transaction."""
    clean = validate_name(name)
    if isinstance(clean, MemberError):
        return clean
    found = await _open(session, actor, token, now)
    if isinstance(found, LinkProblem):
        return found
    opened, invite, record = found
    if opened.outcome is not Opened.REGISTER:
        return opened
    branch = await repo.branch(session, opened.branch_id)
    assert branch is not None  # _open checked it
    if group_id is not None and await repo.group_in_branch(session, branch.id, group_id) is None:
        return MemberError.GROUP_UNKNOWN
    if not await repo.consume_invite(session, invite.id, now):
        return LinkProblem.USED_UP
    secretary = opened.secretary
    status = MemberStatus.ACTIVE if secretary else MemberStatus.PENDING
    role = Role.SECRETARY if secretary else Role.MEMBER
    if record is None:
        record = await repo.add_member(
            session,
            Member(
                branch_id=branch.id,
                tg_user_id=actor.tg_id,
                created_at=now,
                updated_at=now,
                name=clean,
                category=category.value,
                role=role.value,
                status=status.value,
            ),
        )
    record.name, record.category, record.role = clean, category.value, role.value
    record.group_id, record.status, record.status_reason = group_id, status.value, None
    record.updated_at = now
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.register",
        after={
            "name": clean,
            "category": category.value,
            "group_id": group_id,
            "role": role.value,
            "status": status.value,
            "invite_id": invite.id,
        },
        now=now,
    )
    approvers: tuple[tuple[int, str | None], ...] = ()
    if secretary:
        await adopt_branch(session, actor.tg_id, branch.id)
    else:
        found_approvers = await repo.officers(
            session, branch.id, roles_with(Permission.APPROVE_MEMBER)
        )
        approvers = tuple(a for a in found_approvers if a[0] != actor.tg_id)
    return Registered(
        member_id=record.id,
        branch_name=branch.name,
        name=clean,
        category=category.value,
        group_name=await group_name(session, branch.id, group_id),
        status=status.value,
        role=role.value,
        approvers=approvers,
        membership=membership_of(record, branch),
    )


async def decide(
    session: AsyncSession, actor: Actor, member_id: int, *, approve: bool, now: datetime
) -> Decided | Refused:
    """Approve or reject a pending application once; a second decision changes nothing."""
    found = await load_target(session, actor, member_id, Permission.APPROVE_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    branch = await repo.branch(session, record.branch_id)
    assert branch is not None  # the officer's membership proves the branch is open
    decision = Decision.ALREADY
    if record.status == MemberStatus.PENDING:
        new = MemberStatus.ACTIVE if approve else MemberStatus.REJECTED
        record.status, record.updated_at = new.value, now
        decision = Decision.APPROVED if approve else Decision.REJECTED
        audit_member(
            session,
            record,
            actor_tg_id=actor.tg_id,
            action="member.approve" if approve else "member.reject",
            before={"status": MemberStatus.PENDING.value},
            after={"status": new.value},
            now=now,
        )
        if approve and record.tg_user_id is not None:
            await adopt_branch(session, record.tg_user_id, branch.id)
    lang = await repo.language(session, record.tg_user_id) if record.tg_user_id else None
    return Decided(
        decision=decision,
        status=record.status,
        name=record.name,
        branch_name=branch.name,
        applicant_tg_id=record.tg_user_id,
        applicant_lang=lang,
        membership=membership_of(record, branch),
    )
