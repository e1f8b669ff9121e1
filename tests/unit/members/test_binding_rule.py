"""Whose binding link an officer may be handed, and which bindings the secretary hears of."""

from __future__ import annotations

import pytest

from bot.domain.members import Role, binding_link_opens, binding_reported, may_get_binding_link

M, GL, C, S = Role.MEMBER, Role.GROUP_LEADER, Role.COMMITTEE, Role.SECRETARY


@pytest.mark.parametrize("record", list(Role))
def test_the_secretary_and_the_operator_may_get_any_link(record: Role) -> None:
    assert may_get_binding_link(S, record)
    assert may_get_binding_link(None, record, operator=True)
    assert may_get_binding_link(M, record, operator=True)


@pytest.mark.parametrize(
    ("asker", "record", "allowed"),
    [
        (C, M, True),
        (C, GL, True),
        (C, C, False),  # an equal: a second account would make him a second committee member
        (C, S, False),  # the successor named before binding: the reported attack
        (GL, M, True),
        (GL, GL, False),
        (GL, S, False),
        (M, M, False),
        (None, M, False),
        (None, S, False),
    ],
)
def test_others_only_below_their_own_rank(asker: Role | None, record: Role, allowed: bool) -> None:
    assert may_get_binding_link(asker, record) is allowed


def test_bindings_of_records_only_a_secretary_may_link_are_reported() -> None:
    assert [r for r in Role if binding_reported(r)] == [C, S]


@pytest.mark.parametrize(
    ("link_role", "record", "issuer_now", "opens"),
    [
        (M, M, None, True),  # a plain member's link outlives its maker's office
        (M, M, C, True),
        (M, S, S, False),  # promoted after the link was made: never more than it was made for
        (GL, C, S, False),
        (S, M, C, True),  # demoted since: binds as the lesser role
        (S, S, S, True),  # the secretary's own link to a successor
        (S, S, C, False),  # made by a committee member before the rule existed
        (S, S, None, False),  # its maker is no longer an officer
        (C, C, C, False),
        (GL, GL, C, True),
    ],
)
def test_which_binding_links_still_open_their_record(
    link_role: Role, record: Role, issuer_now: Role | None, opens: bool
) -> None:
    assert binding_link_opens(link_role, record, issuer_now) is opens
