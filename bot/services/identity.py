"""Who is acting: the Telegram account, its language, operator flag and branch memberships."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members.roles import Role, parse_role
from bot.texts import Lang, as_lang
from storage.repos import core as repo


@dataclass(frozen=True)
class Membership:
    member_id: int
    branch_id: int
    branch_name: str
    branch_tz: str
    group_id: int | None
    name: str
    category: str
    role: str
    status: str

    @property
    def active(self) -> bool:
        return self.status == "active"


def role_of(membership: Membership) -> Role:
    """The membership's role; a value this version does not know reads as a plain member."""
    return parse_role(membership.role) or Role.MEMBER


@dataclass(frozen=True)
class Actor:
    tg_id: int
    first_name: str
    lang: Lang
    is_operator: bool
    memberships: tuple[Membership, ...]
    current: Membership | None

    @property
    def member(self) -> Membership | None:
        """The active membership in the chosen branch, if any."""
        return self.current if self.current and self.current.active else None

    @property
    def is_secretary(self) -> bool:
        return self.member is not None and self.member.role == "secretary"


async def load_actor(
    session: AsyncSession,
    *,
    tg_id: int,
    first_name: str,
    username: str | None,
    private_chat: bool,
    operators: frozenset[int],
    default_lang: str,
    now: datetime,
) -> Actor:
    """Resolve the account and its memberships; part of the update's one transaction.

    Writes only when Telegram's data about the person changed (see repo.refresh_tg_user).
    One read for the account and its memberships: this runs for every update (issue 10).
    """
    # No account row, no roster record: members.tg_user_id is a foreign key to it.
    known, roster = await repo.account_with_roster(session, tg_id)
    user = await repo.refresh_tg_user(
        session, tg_id, known, first_name, username, now, started=private_chat
    )
    items = tuple(
        Membership(
            member_id=e.member_id,
            branch_id=e.branch_id,
            branch_name=e.branch_name,
            branch_tz=e.branch_tz,
            group_id=e.group_id,
            name=e.name,
            category=e.category,
            role=e.role,
            status=e.status,
        )
        for e in roster
    )
    current = next((x for x in items if x.branch_id == user.current_branch_id), None)
    if current is None:
        # Prefer an active membership over a pending application when none was chosen.
        current = next((x for x in items if x.active), items[0] if items else None)
    return Actor(
        tg_id=tg_id,
        first_name=first_name,
        lang=as_lang(user.language, as_lang(default_lang)),
        is_operator=tg_id in operators,
        memberships=items,
        current=current,
    )


async def set_language(session: AsyncSession, actor: Actor, lang: str) -> Lang:
    chosen = as_lang(lang, actor.lang)
    await repo.set_language(session, actor.tg_id, chosen)
    return chosen


async def switch_branch(session: AsyncSession, actor: Actor, branch_id: int) -> Membership | None:
    """Choose which of the person's branches the bot acts in; refuses branches not theirs."""
    target = next((m for m in actor.memberships if m.branch_id == branch_id), None)
    if target is not None:
        await repo.set_current_branch(session, actor.tg_id, branch_id)
    return target


async def language_of(session: AsyncSession, tg_id: int, default: str) -> Lang:
    """The person's chosen language without touching their account row (for error replies)."""
    user = await session.get(repo.TgUser, tg_id)
    return as_lang(user.language if user else None, as_lang(default))
