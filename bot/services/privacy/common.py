"""What the privacy services share: refusals and the secretary check."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.services.identity import Actor, Membership


class Refusal(StrEnum):
    """Rendered as "privacy.refuse.<value>"."""

    NOT_MEMBER = "not_member"
    NOT_SECRETARY = "not_secretary"
    NOT_FOUND = "not_found"
    SELF = "self"
    ALREADY_DECIDED = "already_decided"
    PENDING = "pending"  # the same kind of request is already waiting
    BAD_TEXT = "bad_text"


@dataclass(frozen=True)
class Refused:
    reason: Refusal


def member_of(actor: Actor) -> Membership | Refused:
    return actor.member if actor.member is not None else Refused(Refusal.NOT_MEMBER)


def secretary_of(actor: Actor) -> Membership | Refused:
    """The actor's membership if they are the secretary of their current branch, checked on
    every action: a secretary replaced a minute ago has lost this already."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    if me.role != "secretary":
        return Refused(Refusal.NOT_SECRETARY)
    return me
