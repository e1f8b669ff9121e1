"""The branch's group chat: linking it when the secretary adds the bot, following migrations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.domain.links import LinkKind, new_token
from bot.domain.members import Role
from bot.services.identity import Actor
from storage.models.members import Invite
from storage.repos import core as core_repo
from storage.repos import members as repo

GROUP_LABEL = "group"


class GroupOutcome(StrEnum):
    LINKED = "linked"
    NOT_SECRETARY = "not_secretary"
    OTHER_BRANCH = "other_branch"  # this chat already belongs to another branch


@dataclass(frozen=True)
class GroupLinked:
    outcome: GroupOutcome
    branch_name: str | None = None
    token: str | None = None


async def group_start_token(
    session: AsyncSession, branch_id: int, actor_tg_id: int, now: datetime
) -> str:
    """The branch's long-lived invite behind the group chat's start button.

    Members who press it just start the bot ("already a member"); newcomers apply, and the
    secretary still approves each one.
    """
    found = await repo.usable_invites(
        session, branch_id, LinkKind.INVITE.value, now, label=GROUP_LABEL
    )
    if found:
        return found[0].token
    invite = await repo.add_invite(
        session,
        Invite(
            token=new_token(LinkKind.INVITE),
            kind=LinkKind.INVITE.value,
            branch_id=branch_id,
            role=Role.MEMBER.value,
            label=GROUP_LABEL,
            expires_at=None,
            max_uses=None,
            used=0,
            created_by=actor_tg_id,
            created_at=now,
        ),
    )
    return invite.token


async def bot_added(
    session: AsyncSession, actor: Actor, chat_id: int, now: datetime
) -> GroupLinked:
    """Link the chat to the adding secretary's branch; anyone else gets an explanation."""
    me = actor.member
    if me is None or not permits("members.group_chat", subject(me.role, branch_id=me.branch_id)):
        return GroupLinked(GroupOutcome.NOT_SECRETARY)
    owner = await repo.branch_by_chat(session, chat_id)
    if owner is not None and owner.id != me.branch_id:
        return GroupLinked(GroupOutcome.OTHER_BRANCH, owner.name)
    await repo.set_group_chat(session, me.branch_id, chat_id)
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="branch.group_chat",
        target="branch",
        target_id=me.branch_id,
        after={"group_chat_id": chat_id},
        now=now,
    )
    token = await group_start_token(session, me.branch_id, actor.tg_id, now)
    return GroupLinked(GroupOutcome.LINKED, me.branch_name, token)


async def bot_removed(session: AsyncSession, chat_id: int) -> None:
    owner = await repo.branch_by_chat(session, chat_id)
    if owner is not None:
        await repo.set_group_chat(session, owner.id, None)


async def chat_migrated(session: AsyncSession, old_chat_id: int, new_chat_id: int) -> int:
    """A group became a supergroup: keep the link (returns branches updated)."""
    return await repo.move_group_chat(session, old_chat_id, new_chat_id)
