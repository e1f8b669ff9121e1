"""The member's own basic-information card (党员基本情况卡) and switching between branches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Category, member_party_age
from bot.services.identity import Actor, Membership, switch_branch
from bot.services.members.access import Refusal, Refused
from bot.services.members.common import BranchChoice, group_name, local_today
from storage.repos import members as repo


@dataclass(frozen=True)
class Card:
    name: str
    branch_name: str
    group_name: str | None
    category: str
    role: str
    party_age: int | None
    joined_on: date | None
    full_on: date | None
    work_unit: str | None
    phone: str | None
    branches: tuple[BranchChoice, ...]  # other branches the person may switch to


async def my_card(session: AsyncSession, actor: Actor, now: datetime) -> Card | Refused:
    """The card for the current branch; only the person's own data."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    record = await repo.member(session, me.member_id)
    branch = await repo.branch(session, me.branch_id)
    if record is None or branch is None:
        return Refused(Refusal.NOT_MEMBER)
    category = Category(record.category)
    today = local_today(branch.timezone, now)
    others = tuple(
        BranchChoice(m.branch_id, m.branch_name)
        for m in actor.memberships
        if m.active and m.branch_id != me.branch_id
    )
    return Card(
        name=record.name,
        branch_name=branch.name,
        group_name=await group_name(session, branch.id, record.group_id),
        category=record.category,
        role=record.role,
        party_age=member_party_age(category, record.joined_party_on, record.full_member_on, today),
        joined_on=record.joined_party_on,
        full_on=record.full_member_on,
        work_unit=record.work_unit,
        phone=record.phone,
        branches=others,
    )


async def switch(session: AsyncSession, actor: Actor, branch_id: int) -> Membership | Refused:
    """Act in another of the person's branches from now on."""
    if not any(m.branch_id == branch_id and m.active for m in actor.memberships):
        return Refused(Refusal.NOT_FOUND)
    target = await switch_branch(session, actor, branch_id)
    return target if target is not None else Refused(Refusal.NOT_FOUND)
