"""What the privacy services share: refusals and the secretary check."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.authz import permits, subject
from bot.kernel import refusals
from bot.services.identity import Actor, Membership


class Refusal(StrEnum):
    """Rendered as "privacy.refuse.<value>"."""

    NOT_MEMBER = "not_member"
    SECRETARY_ONLY = "secretary_only"
    NOT_FOUND = "not_found"
    SELF = "self"
    ALREADY_DECIDED = "already_decided"
    PENDING = "pending"  # the same kind of request is already waiting
    BAD_TEXT = "bad_text"


class Refused(refusals.Refused[Refusal]):
    """What a privacy service answers when it does nothing, and why."""


def member_of(actor: Actor) -> Membership | Refused:
    """The actor's active membership, for acting on their own data ("privacy.own_data")."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    who = subject(me.role, branch_id=me.branch_id)
    if not permits("privacy.own_data", who, branch_id=me.branch_id, own=True):
        return Refused(Refusal.NOT_MEMBER)
    return me


def secretary_of(actor: Actor, action: str) -> Membership | Refused:
    """The actor's membership if the table lets their role do action (a secretary-only row) in
    their current branch, checked on every action: a secretary replaced a minute ago has
    lost this already."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    if not permits(action, subject(me.role, branch_id=me.branch_id), branch_id=me.branch_id):
        return Refused(Refusal.SECRETARY_ONLY)
    return me
