"""Who may do what, checked on the server for every action; refusals are codes, not texts."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.members import Permission, Role, can, can_act_on_member
from bot.domain.members.roles import lowest_role
from bot.kernel import refusals
from bot.services.identity import Actor, Membership, role_of


class Refusal(StrEnum):
    """Why an action was refused; rendered as the text "members.refuse.<value>"."""

    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    NOT_OPERATOR = "not_operator"
    # Also for another branch's records: never tell whether the id exists elsewhere.
    NOT_FOUND = "not_found"
    EXPIRED = "expired"
    ALREADY_BOUND = "already_bound"
    NOT_BOUND = "not_bound"
    INACTIVE = "inactive"
    SELF = "self"  # e.g. unbinding or archiving oneself
    SECRETARY_LINK = "secretary_link"  # an officer's binding link: the secretary's to give
    # Not allowed, naming who is (the least office holding the permission).
    SECRETARY_ONLY = "secretary_only"
    COMMITTEE_ONLY = "committee_only"
    OFFICERS_ONLY = "officers_only"


class Refused(refusals.Refused[Refusal]):
    """What a members service answers when it does nothing, and why."""


def officer(actor: Actor, permission: Permission) -> Membership | Refused:
    """The actor's active membership in the current branch, if it holds permission there."""
    member = actor.member
    if member is None:
        return Refused(Refusal.NOT_MEMBER)
    if not can(role_of(member), permission):
        return Refused(refusal_naming(permission))
    return member


def refusal_naming(permission: Permission) -> Refusal:
    """A refusal that tells who may: a group leader refused /settings is not told that group
    leaders may change settings, a member refused /members learns that group leaders may."""
    lowest = lowest_role(permission)
    if lowest is Role.GROUP_LEADER:
        return Refusal.OFFICERS_ONLY
    if lowest is Role.COMMITTEE:
        return Refusal.COMMITTEE_ONLY
    return Refusal.SECRETARY_ONLY


def officer_in(actor: Actor, branch_id: int, permission: Permission) -> Membership | None:
    """The actor's active membership in branch_id if it holds permission (any scope)."""
    for membership in actor.memberships:
        if (
            membership.branch_id == branch_id
            and membership.active
            and can(role_of(membership), permission)
        ):
            return membership
    return None


def may_act_on(me: Membership, target_group_id: int | None, permission: Permission) -> bool:
    """Whether this officer may use permission on a member of target_group_id."""
    return can_act_on_member(role_of(me), me.group_id, target_group_id, permission)
