"""The branch invite link (/invite): show or make one, change its use limit, revoke it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import (
    DEFAULT_MAX_USES,
    LinkKind,
    LinkRefusal,
    invite_usable,
    link_expiry,
    new_token,
)
from bot.domain.members import Permission, Role
from bot.services.identity import Actor
from bot.services.members.access import Refusal, Refused, officer, officer_in
from storage.models.members import Invite
from storage.repos import core as core_repo
from storage.repos import members as repo

LIMIT_CHOICES: tuple[int | None, ...] = (1, 10, 50, None)


@dataclass(frozen=True)
class InviteView:
    id: int
    token: str
    branch_name: str
    timezone: str
    expires_at: datetime | None
    max_uses: int | None
    used: int
    state: LinkRefusal | None  # None: usable now


async def _view(session: AsyncSession, invite: Invite, now: datetime) -> InviteView:
    branch = await repo.branch(session, invite.branch_id)
    assert branch is not None
    state = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    return InviteView(
        invite.id,
        invite.token,
        branch.name,
        branch.timezone,
        invite.expires_at,
        invite.max_uses,
        invite.used,
        state,
    )


async def current_invite(
    session: AsyncSession, actor: Actor, now: datetime, *, fresh: bool = False
) -> InviteView | Refused:
    """The branch's newest usable invite link, or a new one (always new when fresh)."""
    me = officer(actor, Permission.INVITE)
    if isinstance(me, Refused):
        return me
    existing = await repo.usable_invites(session, me.branch_id, LinkKind.INVITE.value, now)
    if existing and not fresh:
        return await _view(session, existing[0], now)
    invite = await repo.add_invite(
        session,
        Invite(
            token=new_token(LinkKind.INVITE),
            kind=LinkKind.INVITE.value,
            branch_id=me.branch_id,
            role=Role.MEMBER.value,
            expires_at=link_expiry(LinkKind.INVITE, now),
            max_uses=DEFAULT_MAX_USES[LinkKind.INVITE],
            used=0,
            created_by=actor.tg_id,
            created_at=now,
        ),
    )
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="invite.create",
        target="invite",
        target_id=invite.id,
        now=now,
    )
    return await _view(session, invite, now)


async def _own_invite(session: AsyncSession, actor: Actor, invite_id: int) -> Invite | Refused:
    invite = await repo.invite(session, invite_id)
    if invite is None or invite.kind != LinkKind.INVITE.value:
        return Refused(Refusal.NOT_FOUND)
    if officer_in(actor, invite.branch_id, Permission.INVITE) is None:
        in_branch = any(m.branch_id == invite.branch_id and m.active for m in actor.memberships)
        return Refused(Refusal.NOT_ALLOWED if in_branch else Refusal.NOT_FOUND)
    return invite


async def set_limit(
    session: AsyncSession, actor: Actor, invite_id: int, max_uses: int | None, now: datetime
) -> InviteView | Refused:
    """Change how many people may still join with the link (None: no limit)."""
    if max_uses not in LIMIT_CHOICES:
        return Refused(Refusal.NOT_FOUND)
    invite = await _own_invite(session, actor, invite_id)
    if isinstance(invite, Refused):
        return invite
    if invite.revoked_at is None:
        before = invite.max_uses
        invite.max_uses = max_uses
        core_repo.audit(
            session,
            branch_id=invite.branch_id,
            actor_tg_id=actor.tg_id,
            action="invite.limit",
            target="invite",
            target_id=invite.id,
            before={"max_uses": before},
            after={"max_uses": max_uses},
            now=now,
        )
    return await _view(session, invite, now)


async def revoke(
    session: AsyncSession, actor: Actor, invite_id: int, now: datetime
) -> InviteView | Refused:
    """Stop the link from working; revoking twice changes nothing."""
    invite = await _own_invite(session, actor, invite_id)
    if isinstance(invite, Refused):
        return invite
    if invite.revoked_at is None:
        invite.revoked_at = now
        core_repo.audit(
            session,
            branch_id=invite.branch_id,
            actor_tg_id=actor.tg_id,
            action="invite.revoke",
            target="invite",
            target_id=invite.id,
            now=now,
        )
    return await _view(session, invite, now)
