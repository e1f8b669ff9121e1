"""Operators create branches (with party groups) and hand out one-time secretary links."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.domain.links import DEFAULT_MAX_USES, LinkKind, link_expiry, new_token
from bot.domain.members import Role
from bot.services.identity import Actor
from bot.services.members.access import Refusal, Refused
from storage.models.members import Invite
from storage.repos import core as core_repo
from storage.repos import members as repo

BRANCH_NAME_MAX = 50
GROUP_NAME_MAX = 30
MAX_GROUPS = 20
DEFAULT_GROUPS = ("第一党小组", "第二党小组", "第三党小组")

_GROUP_SEPARATORS = re.compile(r"[,，、;；\n]+")


class BranchProblem(StrEnum):
    """Why a branch name, group list or parent was refused."""

    NAME_EMPTY = "name_empty"
    NAME_TOO_LONG = "name_too_long"
    NAME_TAKEN = "name_taken"
    GROUPS_TOO_MANY = "groups_too_many"
    GROUP_NAME_TOO_LONG = "group_name_too_long"
    GROUP_DUPLICATE = "group_duplicate"
    PARENT_UNKNOWN = "parent_unknown"


@dataclass(frozen=True)
class BranchRef:
    id: int
    name: str


@dataclass(frozen=True)
class SecretaryLink:
    """A branch and the one-time link that makes its first secretary."""

    branch_id: int
    branch_name: str
    groups: tuple[str, ...]
    parent_name: str | None
    token: str
    expires_at: datetime
    timezone: str


def clean_title(raw: str) -> str:
    """Trimmed, NFKC, inner whitespace collapsed, control characters dropped."""
    text = unicodedata.normalize("NFKC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    return " ".join(text.split())


def check_branch_name(raw: str) -> str | BranchProblem:
    """A usable branch name or why not (uniqueness is checked against the database)."""
    name = clean_title(raw)
    if not name:
        return BranchProblem.NAME_EMPTY
    if len(name) > BRANCH_NAME_MAX:
        return BranchProblem.NAME_TOO_LONG
    return name


def parse_group_names(text: str) -> list[str] | BranchProblem:
    """Group names from one message: separated by commas, 、, semicolons or new lines."""
    names = [clean_title(part) for part in _GROUP_SEPARATORS.split(text)]
    names = [n for n in names if n]
    if len(names) > MAX_GROUPS:
        return BranchProblem.GROUPS_TOO_MANY
    if any(len(n) > GROUP_NAME_MAX for n in names):
        return BranchProblem.GROUP_NAME_TOO_LONG
    if len({n.casefold() for n in names}) != len(names):
        return BranchProblem.GROUP_DUPLICATE
    return names


async def new_branch_name(
    session: AsyncSession, actor: Actor, raw: str
) -> str | BranchProblem | BranchRef | Refused:
    """A fresh name, the problem with it, or the existing branch that already has it."""
    if not may_run_bot(actor):
        return Refused(Refusal.NOT_OPERATOR)
    name = check_branch_name(raw)
    if isinstance(name, BranchProblem):
        return name
    existing = await repo.branch_by_name(session, name)
    if existing is not None:
        return BranchRef(existing.id, existing.name)
    return name


async def find_parent(session: AsyncSession, raw: str) -> BranchRef | BranchProblem:
    """The existing branch (党总支/社区党委) named raw."""
    found = await repo.branch_by_name(session, clean_title(raw))
    if found is None:
        return BranchProblem.PARENT_UNKNOWN
    return BranchRef(found.id, found.name)


async def _secretary_link(
    session: AsyncSession, actor: Actor, branch_id: int, now: datetime
) -> tuple[str, datetime]:
    # Only the newest secretary link works, so a lost or leaked older one cannot be used.
    for old in await repo.usable_invites(session, branch_id, LinkKind.SECRETARY_INVITE.value, now):
        old.revoked_at = now
    token = new_token(LinkKind.SECRETARY_INVITE)
    expires = link_expiry(LinkKind.SECRETARY_INVITE, now)
    await repo.add_invite(
        session,
        Invite(
            token=token,
            kind=LinkKind.SECRETARY_INVITE.value,
            branch_id=branch_id,
            role=Role.SECRETARY.value,
            expires_at=expires,
            max_uses=DEFAULT_MAX_USES[LinkKind.SECRETARY_INVITE],
            used=0,
            created_by=actor.tg_id,
            created_at=now,
        ),
    )
    return token, expires


async def create_branch(
    session: AsyncSession,
    actor: Actor,
    *,
    name: str,
    groups: list[str],
    parent_id: int | None,
    timezone: str,
    now: datetime,
) -> SecretaryLink | BranchProblem | Refused:
    """Create the branch and its groups, and a one-time link for its secretary."""
    if not may_run_bot(actor):
        return Refused(Refusal.NOT_OPERATOR)
    checked = check_branch_name(name)
    if isinstance(checked, BranchProblem):
        return checked
    if await repo.branch_by_name(session, checked) is not None:
        return BranchProblem.NAME_TAKEN
    parent = await repo.branch(session, parent_id) if parent_id is not None else None
    if parent_id is not None and parent is None:
        return BranchProblem.PARENT_UNKNOWN
    branch = await repo.add_branch(session, checked, parent_id, timezone, now)
    await repo.add_groups(session, branch.id, groups, now)
    token, expires = await _secretary_link(session, actor, branch.id, now)
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="branch.create",
        target="branch",
        target_id=branch.id,
        after={"name": checked, "groups": list(groups), "parent_id": parent_id},
        now=now,
    )
    return SecretaryLink(
        branch.id,
        checked,
        tuple(groups),
        parent.name if parent else None,
        token,
        expires,
        timezone,
    )


async def renew_secretary_link(
    session: AsyncSession, actor: Actor, branch_id: int, now: datetime
) -> SecretaryLink | Refused:
    """A fresh secretary link for an existing branch (the old one was lost or expired)."""
    if not may_run_bot(actor):
        return Refused(Refusal.NOT_OPERATOR)
    branch = await repo.branch(session, branch_id)
    if branch is None:
        return Refused(Refusal.NOT_FOUND)
    token, expires = await _secretary_link(session, actor, branch.id, now)
    groups = tuple(g.name for g in await repo.groups(session, branch.id))
    parent = await repo.branch(session, branch.parent_id) if branch.parent_id else None
    core_repo.audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="branch.secretary_link",
        target="branch",
        target_id=branch.id,
        now=now,
    )
    return SecretaryLink(
        branch.id,
        branch.name,
        groups,
        parent.name if parent else None,
        token,
        expires,
        branch.timezone,
    )


def may_run_bot(actor: Actor) -> bool:
    """Whether the actor may create branches and appoint their first secretary: the operator."""
    return permits("members.new_branch", subject(None, operator=actor.is_operator))
