"""Who may decide a request in the approval queue, and whom a new request goes to.

One rule for every kind of request (leave, applications, duty records, hours, dues payments):
nobody decides their own request; an officer decides for the people their permission covers
(a group leader only for their own group) and only for people below them, except that
committee members and the secretary are peers in the 支委会 and decide for each other, so the
secretary's own request goes to a committee member rather than back to the secretary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.members.roles import (
    Permission,
    Role,
    at_least,
    can_act_on_member,
    parse_role,
    role_rank,
)


class ApprovalState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class Refusal(StrEnum):
    """Why a decision, a withdrawal or a submission is refused."""

    NOT_FOUND = "not_found"  # no such request in the decider's branch
    SELF = "self"  # one's own request
    NOT_ALLOWED = "not_allowed"  # no such permission, outside the own group, or not above
    ALREADY_DECIDED = "already_decided"
    NOT_REQUESTER = "not_requester"  # withdrawing someone else's request
    REASON_TOO_LONG = "reason_too_long"


MAX_REASON = 200


@dataclass(frozen=True)
class Person:
    """Who someone is in the branch, as far as deciding goes."""

    member_id: int
    role: str
    group_id: int | None
    active: bool = True


def may_decide(
    decider: Person, requester: Person, permission: Permission, *, extra_allowed: bool = False
) -> Refusal | None:
    """None if decider may decide requester's request needing permission, else why not.

    extra_allowed: the feature has already found a right of its own that branch roles do not
    show (a volunteer team's leader for their team's hours); only "never oneself" and "still
    active" are then checked here.
    """
    if decider.member_id == requester.member_id:
        return Refusal.SELF
    if extra_allowed:
        return None if decider.active else Refusal.NOT_ALLOWED
    d_role, r_role = parse_role(decider.role), parse_role(requester.role)
    if not decider.active or d_role is None or r_role is None:
        return Refusal.NOT_ALLOWED
    if not can_act_on_member(d_role, decider.group_id, requester.group_id, permission):
        return Refusal.NOT_ALLOWED
    peers = at_least(d_role, Role.COMMITTEE) and at_least(r_role, Role.COMMITTEE)
    if role_rank(d_role) <= role_rank(r_role) and not peers:
        return Refusal.NOT_ALLOWED
    return None


def route(requester: Person, officers: Sequence[Person], permission: Permission) -> list[int]:
    """Whom a new request goes to: the nearest officers who may decide it, never the requester.

    The requester's own group leader when there is one who may; otherwise every committee
    member and the secretary who may (for the secretary's own request: the committee).
    """
    able = [o for o in officers if may_decide(o, requester, permission) is None]
    leaders = [o for o in able if parse_role(o.role) is Role.GROUP_LEADER]
    chosen = leaders or able
    return sorted(o.member_id for o in chosen)


def clean_reason(text: str | None) -> str | Refusal | None:
    """A decline reason as stored: trimmed, None when empty, refused when too long."""
    if text is None or not text.strip():
        return None
    cleaned = " ".join(text.split())
    return Refusal.REASON_TOO_LONG if len(cleaned) > MAX_REASON else cleaned
