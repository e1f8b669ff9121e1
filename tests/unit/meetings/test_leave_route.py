"""Who decides a leave request (请假): never the person asking."""

from __future__ import annotations

from bot.domain.meetings.leave import LeaveParty, leave_route, may_decide_leave
from bot.domain.members import Role

G1, G2 = 10, 20
SEC = LeaveParty(1, Role.SECRETARY, None)
SEC2 = LeaveParty(2, Role.SECRETARY, G2)
COMMITTEE = LeaveParty(3, Role.COMMITTEE, G2)
LEADER1 = LeaveParty(4, Role.GROUP_LEADER, G1)
LEADER2 = LeaveParty(5, Role.GROUP_LEADER, G2)
CO_LEADER1 = LeaveParty(6, Role.GROUP_LEADER, G1)
MEMBER1 = LeaveParty(7, Role.MEMBER, G1)
NO_GROUP = LeaveParty(8, Role.MEMBER, None)
OFFICERS = [SEC, COMMITTEE, LEADER1, LEADER2]


def test_a_members_leave_goes_to_the_group_leader_and_the_secretary() -> None:
    route = leave_route(MEMBER1, OFFICERS)
    assert route.ask == (SEC.member_id, LEADER1.member_id)
    # The committee holds the permission branch-wide: it may decide without being asked.
    assert route.deciders == {SEC.member_id, COMMITTEE.member_id, LEADER1.member_id}
    assert not route.self_reported
    assert leave_route(NO_GROUP, OFFICERS).ask == (SEC.member_id,)


def test_a_group_leaders_leave_goes_up_never_to_himself_or_a_co_leader() -> None:
    officers = [*OFFICERS, CO_LEADER1]
    route = leave_route(LEADER1, officers)
    assert route.ask == (SEC.member_id,)
    assert route.deciders == {SEC.member_id, COMMITTEE.member_id}
    assert not may_decide_leave(LEADER1, LEADER1)
    assert not may_decide_leave(CO_LEADER1, LEADER1)
    assert not may_decide_leave(LEADER2, LEADER1)
    assert may_decide_leave(SEC, LEADER1)


def test_a_committee_members_leave_goes_to_the_secretary() -> None:
    peer = LeaveParty(9, Role.COMMITTEE, None)
    route = leave_route(COMMITTEE, [*OFFICERS, peer])
    assert route.ask == (SEC.member_id,)
    # The committee are peers (支委会) and may decide for each other, as in the approval queue.
    assert route.deciders == {SEC.member_id, peer.member_id}
    # A group leader of the committee member's own group is below him.
    assert not may_decide_leave(LEADER2, COMMITTEE)


def test_the_secretarys_leave_goes_to_another_secretary_or_the_committee() -> None:
    route = leave_route(SEC, OFFICERS)
    assert route.ask == (COMMITTEE.member_id,)
    assert not may_decide_leave(SEC, SEC)
    assert not may_decide_leave(LEADER1, SEC)  # a group leader is below the secretary
    assert may_decide_leave(COMMITTEE, SEC)
    both = leave_route(SEC, [*OFFICERS, SEC2])
    assert both.ask == (SEC2.member_id,)  # another secretary first
    assert both.deciders == {SEC2.member_id, COMMITTEE.member_id}


def test_nobody_else_to_decide_means_self_reported() -> None:
    alone = leave_route(SEC, [SEC, LEADER1])
    assert alone.self_reported and alone.ask == ()
    assert not may_decide_leave(SEC, SEC)
    # A vacancy above: a committee member's leave goes to the other committee members.
    other = LeaveParty(9, Role.COMMITTEE, None)
    assert leave_route(COMMITTEE, [COMMITTEE, other]).ask == (other.member_id,)
    assert leave_route(COMMITTEE, [COMMITTEE]).self_reported


def test_the_requester_is_never_a_decider_whatever_the_list_says() -> None:
    for requester in (SEC, COMMITTEE, LEADER1, MEMBER1):
        officers = [*OFFICERS, requester, SEC2, CO_LEADER1]
        route = leave_route(requester, officers)
        assert requester.member_id not in route.deciders
        assert requester.member_id not in route.ask
        assert set(route.ask) <= route.deciders
