"""Who may do what with a meeting, checked on the server; refusals are codes, not texts."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from bot.domain.meetings import Audience, AudienceKind
from bot.domain.members import (
    MemberStatus,
    Permission,
    Role,
    can_act_on_member,
    can_branchwide,
    is_party_member,
    is_voting_member,
    parse_category,
)
from bot.kernel import refusals
from bot.services.identity import Actor, Membership, role_of
from storage.repos.meetings import AudienceRule

COMMITTEE_ROLES = frozenset({Role.COMMITTEE.value, Role.SECRETARY.value})


class Refusal(StrEnum):
    """Why nothing was done; rendered as the text "meetings.refuse.<value>"."""

    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    # Also for another branch's meetings: never tell whether the id exists elsewhere.
    NOT_FOUND = "not_found"
    NOT_INVITED = "not_invited"
    CANCELLED = "cancelled"
    STARTED = "started"
    NOT_OPEN = "not_open"
    CLOSED = "closed"
    WRONG_CODE = "wrong_code"
    STALE_CODE = "stale_code"
    TOO_MANY_TRIES = "too_many_tries"
    NO_PLACE = "no_place"
    TOO_FAR = "too_far"
    ALREADY_DECIDED = "already_decided"
    LEAVE_NOT_POSSIBLE = "leave_not_possible"
    NOT_MISSED = "not_missed"
    NOTHING_OPEN = "nothing_open"
    OWN_LEAVE = "own_leave"
    NOT_LIVE = "not_live"  # a single location point proves nothing
    NO_SUCH_GROUP = "no_such_group"
    SECRETARY_ONLY = "secretary_only"  # not allowed, and only the secretary is


class Refused(refusals.Refused[Refusal]):
    """What a meetings service answers when it does nothing, and why."""


def membership_in(actor: Actor, branch_id: int) -> Membership | None:
    """The actor's active membership in branch_id (any of their branches, not only the current)."""
    return next(
        (m for m in actor.memberships if m.branch_id == branch_id and m.active),
        None,
    )


def audience_group(audience: Audience) -> int | None:
    """The party group a meeting belongs to, for group-scoped officers; None: branch-wide."""
    return audience.group_id if audience.kind is AudienceKind.GROUP else None


def may(me: Membership, permission: Permission, group_id: int | None) -> bool:
    """Whether the officer may use permission on a member of (or a meeting of) group_id."""
    return can_act_on_member(role_of(me), me.group_id, group_id, permission)


def may_branchwide(me: Membership, permission: Permission) -> bool:
    return can_branchwide(role_of(me), permission)


def led_groups(me: Membership) -> frozenset[int]:
    """The party groups this member leads (a group leader leads their own group)."""
    if role_of(me) is Role.GROUP_LEADER and me.group_id is not None:
        return frozenset({me.group_id})
    return frozenset()


def in_audience(audience: Audience, *, category: str, role: str, group_id: int | None) -> bool:
    """Whether a member with these attributes is invited.

    Activists (入党积极分子) are not Party members: only a category audience reaches them.
    """
    cat = parse_category(category)
    if audience.kind is not AudienceKind.CATEGORY and (cat is None or not is_party_member(cat)):
        return False
    return audience.includes(
        group_id=group_id,
        is_committee=role in COMMITTEE_ROLES,
        categories={cat.value if cat else category},
    )


def audience_rule(categories: Iterable[str]) -> AudienceRule:
    """`in_audience` for the SQL that picks a page of reminders' recipients
    (storage.repos.meetings.expected_members): what it makes of each stored category."""
    party: list[str] = []
    canonical: dict[str, str] = {}
    for stored in categories:
        cat = parse_category(stored)
        if cat is not None and is_party_member(cat):
            party.append(stored)
        if cat is not None and cat.value != stored:
            canonical[stored] = cat.value
    return AudienceRule(party, COMMITTEE_ROLES, canonical)


def membership_in_audience(me: Membership, audience: Audience) -> bool:
    return in_audience(audience, category=me.category, role=me.role, group_id=me.group_id)


def audience_strings_for(*, category: str, role: str, group_id: int | None) -> list[str]:
    """Every stored audience string that includes such a member (for SQL `IN` filters)."""
    found = [f"category:{category}"]
    cat = parse_category(category)
    if cat is not None and is_party_member(cat):
        found.append("branch")
        if role in COMMITTEE_ROLES:
            found.append("committee")
        if group_id is not None:
            found.append(f"group:{group_id}")
    return found


def votes(category: str, status: str) -> bool:
    """Counts towards a general meeting's quorum (full members; 预备党员 have no vote)."""
    cat = parse_category(category)
    try:
        member_status = MemberStatus(status)
    except ValueError:
        return False
    return cat is not None and is_voting_member(cat, member_status)
