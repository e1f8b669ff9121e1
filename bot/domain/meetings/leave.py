"""Whom a leave request (请假) is sent to, and who may decide it: never the person asking.

Who may decide is the approval queue's one rule (bot.domain.approvals.may_decide): an officer
above the requester whose permission covers them, committee members and the secretary being
peers. Who is asked: a member's group leader and the secretary (as the bot always did); a
group leader's and a committee member's leave the secretary; the secretary's another secretary
or else the committee. When nobody but the requester could decide, as in a small branch with
a secretary and no committee, the leave is recorded as reported (报备) instead of waiting for an
approval nobody can give: what such a branch does on paper, with the audit log as the trace.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.approvals import Person, may_decide
from bot.domain.members.roles import Permission, Role

__all__ = ["LeaveParty", "LeaveRoute", "leave_route", "may_decide_leave"]


@dataclass(frozen=True, slots=True)
class LeaveParty:
    """A member of the branch as far as leave is concerned."""

    member_id: int
    role: Role
    group_id: int | None


@dataclass(frozen=True, slots=True)
class LeaveRoute:
    """ask: who gets the request with 批准 / 不批准; deciders: who may decide (ask ⊆ deciders)."""

    ask: tuple[int, ...]
    deciders: frozenset[int]

    @property
    def self_reported(self) -> bool:
        """Nobody else can decide: record the leave as reported, needing no approval."""
        return not self.deciders


def leave_route(requester: LeaveParty, officers: Iterable[LeaveParty]) -> LeaveRoute:
    """The route of requester's leave among the branch's active officers."""
    able = [o for o in officers if _may(o, requester)]
    # The nearest: the group leader and the secretary; the committee only when neither may.
    nearest = [o for o in able if o.role in (Role.GROUP_LEADER, Role.SECRETARY)]
    return LeaveRoute(
        ask=tuple(sorted({o.member_id for o in nearest or able})),
        deciders=frozenset(o.member_id for o in able),
    )


def may_decide_leave(decider: LeaveParty, requester: LeaveParty) -> bool:
    """Whether decider may approve or decline requester's leave (never their own)."""
    return _may(decider, requester)


def _may(decider: LeaveParty, requester: LeaveParty) -> bool:
    return may_decide(_person(decider), _person(requester), Permission.APPROVE_LEAVE) is None


def _person(party: LeaveParty) -> Person:
    return Person(party.member_id, party.role.value, party.group_id)
