"""Who may decide a request, and whom a new request goes to."""

from __future__ import annotations

import pytest

from bot.domain.approvals import Person, Refusal, clean_reason, may_decide, route
from bot.domain.members.roles import Permission

LEAVE = Permission.APPROVE_LEAVE
DUES = Permission.RECORD_DUES

SECRETARY = Person(1, "secretary", None)
COMMITTEE = Person(2, "committee", None)
COMMITTEE_2 = Person(3, "committee", 10)
LEADER_10 = Person(4, "group_leader", 10)
LEADER_20 = Person(5, "group_leader", 20)
MEMBER_10 = Person(6, "member", 10)
MEMBER_20 = Person(7, "member", 20)


@pytest.mark.parametrize(
    ("decider", "requester", "permission", "expected"),
    [
        (SECRETARY, MEMBER_10, LEAVE, None),
        (LEADER_10, MEMBER_10, LEAVE, None),
        (LEADER_10, MEMBER_20, LEAVE, Refusal.NOT_ALLOWED),  # another group
        (LEADER_10, LEADER_10, LEAVE, Refusal.SELF),
        (SECRETARY, SECRETARY, LEAVE, Refusal.SELF),
        (COMMITTEE, SECRETARY, LEAVE, None),  # the committee decides the secretary's leave
        (COMMITTEE, COMMITTEE_2, LEAVE, None),  # peers in the 支委会
        (LEADER_10, SECRETARY, LEAVE, Refusal.NOT_ALLOWED),
        (LEADER_20, LEADER_10, LEAVE, Refusal.NOT_ALLOWED),  # not above, another group
        (MEMBER_10, MEMBER_20, LEAVE, Refusal.NOT_ALLOWED),
        (LEADER_10, MEMBER_10, DUES, Refusal.NOT_ALLOWED),  # group leaders keep no dues
        (COMMITTEE, MEMBER_20, DUES, None),
        (Person(1, "secretary", None, active=False), MEMBER_10, LEAVE, Refusal.NOT_ALLOWED),
        (Person(9, "chairman", None), MEMBER_10, LEAVE, Refusal.NOT_ALLOWED),
    ],
)
def test_may_decide(
    decider: Person, requester: Person, permission: Permission, expected: Refusal | None
) -> None:
    assert may_decide(decider, requester, permission) is expected


def test_a_members_request_goes_to_their_group_leader_first() -> None:
    officers = [SECRETARY, COMMITTEE, LEADER_10, LEADER_20]
    assert route(MEMBER_10, officers, LEAVE) == [LEADER_10.member_id]


def test_without_a_group_leader_it_goes_to_the_committee_and_secretary() -> None:
    officers = [SECRETARY, COMMITTEE, LEADER_20]
    assert route(MEMBER_10, officers, LEAVE) == [1, 2]


def test_the_secretarys_own_request_never_comes_back_to_the_secretary() -> None:
    officers = [SECRETARY, COMMITTEE, LEADER_10]
    assert route(SECRETARY, officers, LEAVE) == [COMMITTEE.member_id]
    assert route(SECRETARY, [SECRETARY], LEAVE) == []


def test_a_group_leaders_request_goes_above_them() -> None:
    officers = [SECRETARY, COMMITTEE, LEADER_10, LEADER_20]
    assert route(LEADER_10, officers, LEAVE) == [1, 2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, None),
        ("  ", None),
        (" 时间 不对 ", "时间 不对"),
        ("长" * 201, Refusal.REASON_TOO_LONG),
    ],
)
def test_reasons(text: str | None, expected: object) -> None:
    assert clean_reason(text) == expected
