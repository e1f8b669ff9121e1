"""Who decides a leave request (请假): never the person asking, normally someone above them.

A member's leave goes to the leader of their party group and the secretary; a group leader's
and a committee member's to the secretary; the secretary's to the other branch officers
(another secretary, the committee). When nobody but the requester could decide, as in a small
branch with a secretary and no committee, the leave is recorded as reported (报备) instead of
waiting for an approval nobody can give: the secretary tells the branch, which is what such a
branch does on paper, and the audit log keeps the trace.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.members_roles import Permission, Role, can_act_on_member, role_rank

__all__ = ["LeaveParty", "LeaveRoute", "leave_route", "may_decide_leave"]

_BRANCH_OFFICER = role_rank(Role.COMMITTEE)


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
    others = [
        o
        for o in officers
        if o.member_id != requester.member_id
        and can_act_on_member(o.role, o.group_id, requester.group_id, Permission.APPROVE_LEAVE)
    ]
    rank = role_rank(requester.role)
    above = [o for o in others if role_rank(o.role) > rank]
    if above:
        # The group leader and the secretary are asked, as before; the committee may decide
        # (it holds the permission branch-wide) but is asked only when there is no secretary.
        asked = [o for o in above if o.role in (Role.GROUP_LEADER, Role.SECRETARY)] or above
        return _route(asked, above)
    # Nobody above (the secretary, or a vacancy): another branch-wide officer decides.
    peers = [o for o in others if role_rank(o.role) >= _BRANCH_OFFICER]
    return _route(peers, peers)


def may_decide_leave(
    decider: LeaveParty, requester: LeaveParty, officers: Iterable[LeaveParty]
) -> bool:
    """Whether decider may approve or decline requester's leave (never their own)."""
    if decider.member_id == requester.member_id:
        return False
    return decider.member_id in leave_route(requester, officers).deciders


def _route(asked: Iterable[LeaveParty], deciders: Iterable[LeaveParty]) -> LeaveRoute:
    return LeaveRoute(
        ask=tuple(sorted({o.member_id for o in asked})),
        deciders=frozenset(o.member_id for o in deciders),
    )
