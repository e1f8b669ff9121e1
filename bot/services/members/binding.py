"""Personal binding links: one roster record, one Telegram account, once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import (
    DEFAULT_MAX_USES,
    LinkKind,
    LinkRefusal,
    invite_usable,
    link_expiry,
    new_token,
)
from bot.domain.members import MemberStatus, Permission
from bot.services.identity import Actor, Membership
from bot.services.members.access import Refusal, Refused, officer
from bot.services.members.common import (
    LINK_PROBLEMS,
    LinkProblem,
    adopt_branch,
    audit_member,
    group_name,
    load_target,
    membership_of,
)
from storage.models.core import Member
from storage.models.members import Invite
from storage.repos import members as repo


class BindProblem(StrEnum):
    """Why a binding link did not bind; rendered as "members.bind.<value>"."""

    TAKEN = "taken"  # the record (or the single-use link) belongs to another account
    HAS_OTHER_RECORD = "has_other_record"  # this account is another record of the branch
    INACTIVE = "inactive"  # the record was archived or transferred


@dataclass(frozen=True)
class Bound:
    already: bool
    name: str
    branch_name: str
    membership: Membership


@dataclass(frozen=True)
class MemberLink:
    member_id: int
    name: str
    group_name: str | None
    token: str
    expires_at: datetime | None


def _usable(invite: Invite, now: datetime) -> bool:
    state = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    return state is None


async def issue_links(
    session: AsyncSession,
    members: Sequence[tuple[Member, str | None]],
    actor_tg_id: int,
    now: datetime,
) -> list[MemberLink]:
    """A usable binding link per unbound record: the existing one if still good, else a new one."""
    existing: dict[int, Invite] = {}
    for link in await repo.member_links(session, [m.id for m, _ in members]):
        if link.member_id is not None and link.member_id not in existing and _usable(link, now):
            existing[link.member_id] = link
    links: list[tuple[Member, str | None, Invite]] = []
    for record, group in members:
        link = existing.get(record.id) or Invite(
            token=new_token(LinkKind.BIND),
            kind=LinkKind.BIND.value,
            branch_id=record.branch_id,
            role=record.role,
            member_id=record.id,
            expires_at=link_expiry(LinkKind.BIND, now),
            max_uses=DEFAULT_MAX_USES[LinkKind.BIND],
            used=0,
            created_by=actor_tg_id,
            created_at=now,
        )
        links.append((record, group, link))
    session.add_all(link for _, _, link in links if link.id is None)
    await session.flush()
    out = [MemberLink(r.id, r.name, g, link.token, link.expires_at) for r, g, link in links]
    return out


async def _detach_application(
    session: AsyncSession, actor: Actor, record: Member, now: datetime
) -> None:
    """A pending or refused application gives way to the roster record being bound."""
    before: dict[str, object] = {"status": record.status, "tg_user_id": record.tg_user_id}
    record.tg_user_id = None
    record.status = MemberStatus.REJECTED.value
    record.status_reason = "bound to roster record"
    await session.flush()
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.detach",
        before=before,
        after={"status": record.status, "tg_user_id": None},
        now=now,
    )


async def bind(
    session: AsyncSession, actor: Actor, token: str, now: datetime
) -> Bound | LinkProblem | BindProblem:
    """Bind the actor's account to the link's roster record; the same account again is fine."""
    invite = await repo.invite_by_token(session, token)
    if invite is None or invite.kind != LinkKind.BIND.value or invite.member_id is None:
        return LinkProblem.INVALID
    branch = await repo.branch(session, invite.branch_id)
    record = await repo.member(session, invite.member_id, lock=True)
    if branch is None or record is None:
        return LinkProblem.INVALID
    if record.tg_user_id == actor.tg_id:
        return Bound(True, record.name, branch.name, membership_of(record, branch))
    state = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    if state is LinkRefusal.USED_UP or record.tg_user_id is not None:
        return BindProblem.TAKEN
    if state is not None:
        return LINK_PROBLEMS[state]
    if record.status != MemberStatus.ACTIVE:
        return BindProblem.INACTIVE
    other = await repo.member_of(session, branch.id, actor.tg_id, lock=True)
    if other is not None:
        if other.status not in (MemberStatus.PENDING, MemberStatus.REJECTED):
            return BindProblem.HAS_OTHER_RECORD
        await _detach_application(session, actor, other, now)
    if not await repo.consume_invite(session, invite.id, now):
        return BindProblem.TAKEN
    if not await repo.bind_member(session, record.id, actor.tg_id):
        return BindProblem.TAKEN
    await session.refresh(record)
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.bind",
        after={"tg_user_id": actor.tg_id, "invite_id": invite.id},
        now=now,
    )
    await adopt_branch(session, actor.tg_id, branch.id)
    return Bound(False, record.name, branch.name, membership_of(record, branch))


async def member_link(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime
) -> MemberLink | Refused:
    """One unbound record's binding link, for the secretary to forward."""
    found = await load_target(session, actor, member_id, Permission.EDIT_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    if record.tg_user_id is not None:
        return Refused(Refusal.ALREADY_BOUND)
    if record.status != MemberStatus.ACTIVE:
        return Refused(Refusal.INACTIVE)
    group = await group_name(session, record.branch_id, record.group_id)
    return (await issue_links(session, [(record, group)], actor.tg_id, now))[0]


async def unbound_links(
    session: AsyncSession, actor: Actor, now: datetime
) -> tuple[str, list[MemberLink]] | Refused:
    """Binding links for every active record not yet bound (reusing links still valid)."""
    me = officer(actor, Permission.IMPORT_ROSTER)
    if isinstance(me, Refused):
        return me
    members = await repo.unbound_members(session, me.branch_id)
    return me.branch_name, await issue_links(session, members, actor.tg_id, now)


async def unbind(
    session: AsyncSession, actor: Actor, member_id: int, now: datetime
) -> tuple[str, int] | Refused:
    """Detach the account from a record (lost phone, new account); returns (name, old tg id)."""
    found = await load_target(session, actor, member_id, Permission.ARCHIVE_MEMBER)
    if isinstance(found, Refused):
        return found
    record = found[0]
    if record.tg_user_id is None:
        return Refused(Refusal.NOT_BOUND)
    if record.tg_user_id == actor.tg_id:
        # Unbinding oneself would lock the secretary out mid-action.
        return Refused(Refusal.SELF)
    old = record.tg_user_id
    record.tg_user_id = None
    await repo.revoke_member_links(session, record.id, now)
    audit_member(
        session,
        record,
        actor_tg_id=actor.tg_id,
        action="member.unbind",
        before={"tg_user_id": old},
        after={"tg_user_id": None},
        now=now,
    )
    return record.name, old
