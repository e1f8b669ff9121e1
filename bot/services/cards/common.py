"""What the cards use cases share: refusals, who may see whose cards, time bounds, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.cards.periods import Period
from bot.domain.cards.scoring import Rules, rules_from
from bot.domain.members.roles import Permission, Role, can_act_on_member
from bot.kernel import refusals
from bot.services.identity import Actor, Membership, role_of
from storage.repos import cards as repo
from storage.repos import core as core_repo
from storage.repos.cards import MemberRow

RULES_KEY = "cards.rules"


class Refusal(StrEnum):
    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"  # no such member in this branch (another branch's id too)
    SELF = "self"  # rating or correcting oneself
    BAD_RATING = "bad_rating"
    TOO_LONG = "too_long"
    NEED_REASON = "need_reason"
    BAD_YEAR = "bad_year"
    BAD_ITEM = "bad_item"
    NOT_EMPLOYED = "not_employed"  # the letter is for 在职党员 who reported to the community
    LINK_USED = "link_used"
    LINK_EXPIRED = "link_expired"
    LINK_REVOKED = "link_revoked"
    LINK_UNKNOWN = "link_unknown"
    NO_TALLY = "no_tally"


class Refused(refusals.Refused[Refusal]):
    """What a cards service answers when it does nothing, and why."""


def me_in(actor: Actor) -> Membership | Refused:
    return actor.member if actor.member is not None else Refused(Refusal.NOT_MEMBER)


def is_secretary(me: Membership) -> bool:
    return role_of(me) is Role.SECRETARY


def is_officer(me: Membership) -> bool:
    """Who may open other members' cards at all: group leaders, committee, secretary."""
    return role_of(me) is not Role.MEMBER


async def target(
    session: AsyncSession, me: Membership, member_id: int | None
) -> MemberRow | Refused:
    """The member whose cards `me` asks for, if `me` may see them.

    Oneself always; the committee and the secretary any member of their branch; a group leader
    the members of their own group. Another branch's member is "not found", never "not allowed":
    an id tells nothing about who exists elsewhere.
    """
    wanted = member_id or me.member_id
    row = await repo.member(session, wanted)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if row.id == me.member_id:
        return row
    if not can_act_on_member(role_of(me), me.group_id, row.group_id, Permission.VIEW_REPORTS):
        return Refused(Refusal.NOT_ALLOWED)
    return row


def local_today(tz: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def utc_bounds(period: Period, tz: str) -> tuple[datetime, datetime]:
    """The period's first and end (exclusive) local midnights, in UTC."""
    zone = ZoneInfo(tz)
    start = datetime.combine(period.first, time(0), zone).astimezone(UTC)
    end = datetime.combine(period.end, time(0), zone).astimezone(UTC)
    return start, end


async def rules_of(session: AsyncSession, branch_id: int) -> Rules:
    found = await repo.branch(session, branch_id)
    return rules_from((found.settings or {}).get(RULES_KEY) if found is not None else None)


def audit(
    session: AsyncSession,
    *,
    branch_id: int,
    actor_tg_id: int | None,
    action: str,
    target: str,
    target_id: int | None,
    after: dict[str, object] | None,
    now: datetime,
) -> None:
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor_tg_id,
        action=f"cards.{action}",
        target=target,
        target_id=target_id,
        before=None,
        after=after,
        now=now,
    )
