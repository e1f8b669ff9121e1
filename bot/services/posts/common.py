"""What the posts use cases share: refusals, who may manage, the term, audit, telling people."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members.roles import Permission, can_branchwide, parse_role
from bot.kernel import refusals
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor, Membership
from storage.repos import core as core_repo


class Refusal(StrEnum):
    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    CLOSED = "closed"
    FULL = "full"
    LIMIT = "limit"
    HELD = "held"
    OTHER_TERM = "other_term"
    FUTURE = "future"
    BEFORE_CLAIM = "before_claim"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    NAME_TAKEN = "name_taken"
    BAD_HOURS = "bad_hours"
    TOO_MANY_PHOTOS = "too_many_photos"
    TOO_BIG = "too_big"
    NOT_IMAGE = "not_image"
    SELF = "self"
    ALREADY_DECIDED = "already_decided"
    STALE = "stale"
    BAD_PHONE = "bad_phone"
    LINK_INVALID = "link_invalid"
    OTHER_BRANCH = "other_branch"
    HAS_POSTS = "has_posts"  # archiving a category that still has open posts
    BELOW_HOLDERS = "below_holders"  # fewer places than people holding the post
    NOT_ACTIVE = "not_active"  # assigning a post to someone not active in the branch


class Refused(refusals.Refused[Refusal]):
    """What a posts service answers when it does nothing, and why."""


def me_in(actor: Actor) -> Membership | Refused:
    return actor.member if actor.member is not None else Refused(Refusal.NOT_MEMBER)


def may_manage(me: Membership) -> bool:
    """The secretary (and committee members, who hold MANAGE_POSTS branch-wide)."""
    role = parse_role(me.role)
    return role is not None and can_branchwide(role, Permission.MANAGE_POSTS)


def manager(actor: Actor) -> Membership | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    return me if may_manage(me) else Refused(Refusal.NOT_ALLOWED)


def local_today(tz: str, now: datetime) -> date:
    return now.astimezone(ZoneInfo(tz)).date()


def term_of(tz: str, now: datetime) -> int:
    """The current term: the calendar year in the branch's time zone."""
    return local_today(tz, now).year


def audit(
    session: AsyncSession,
    *,
    branch_id: int,
    actor_tg_id: int | None,
    action: str,
    target: str,
    target_id: int | None,
    before: dict[str, object] | None = None,
    after: dict[str, object] | None = None,
    now: datetime,
) -> None:
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor_tg_id,
        action=f"posts.{action}",
        target=target,
        target_id=target_id,
        before=before,
        after=after,
        now=now,
    )


# Kept under the name the slice imports: a notice queued in every language.
tell = outbox.tell_in_every_language
