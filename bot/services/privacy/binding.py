"""Before a binding link binds: whose record it is, so the person can say 「是我」 or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import LinkKind, invite_usable
from bot.domain.privacy import mask_phone
from bot.services.identity import Actor
from bot.services.privacy.consent import Notice, pending_notice
from storage.repos import members as members_repo


@dataclass(frozen=True)
class BindPreview:
    name: str
    phone: str  # masked
    branch_name: str
    notice: Notice | None  # to accept first, when this person has not yet in that branch


async def preview(
    session: AsyncSession, actor: Actor, token: str, now: datetime
) -> BindPreview | None:
    """What to show before binding; None when the link would not bind this person anyway
    (invalid, used, someone else's already, or theirs already): binding itself then answers."""
    invite = await members_repo.invite_by_token(session, token)
    if invite is None or invite.kind != LinkKind.BIND.value or invite.member_id is None:
        return None
    state = invite_usable(invite.expires_at, now, invite.max_uses, invite.used, invite.revoked_at)
    record = await members_repo.member(session, invite.member_id)
    branch = await members_repo.branch(session, invite.branch_id)
    if state is not None or record is None or branch is None:
        return None
    if record.tg_user_id is not None or record.status != "active":
        return None
    other = await members_repo.member_of(session, branch.id, actor.tg_id)
    if other is not None and other.status not in ("pending", "rejected"):
        return None  # already someone else in that branch: binding refuses and says so
    notice = await pending_notice(session, actor, token)
    return BindPreview(record.name, mask_phone(record.phone), branch.name, notice)
