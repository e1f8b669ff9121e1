"""Attendance states, summary with exact rates, make-up classification and quorum."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from bot.domain.meetings.attendance import (
    AttendanceEvent,
    AttendanceRecord,
    AttendanceState,
    AttendanceSummary,
    finalize,
    leave_request_open,
    mark_made_up,
    next_state,
    quorum,
    summarize,
)

S = AttendanceState
E = AttendanceEvent


def rec(
    member_id: int, state: AttendanceState, *, proxy: bool = False, made_up: bool = False
) -> AttendanceRecord:
    return AttendanceRecord(member_id, state, by_proxy=proxy, made_up=made_up)


# ---- states -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "event", "expected"),
    [
        (None, E.CHECK_IN_ON_TIME, S.PRESENT),
        (None, E.CHECK_IN_LATE, S.LATE),
        (S.LEAVE_APPROVED, E.CHECK_IN_ON_TIME, S.PRESENT),
        (S.LEAVE_PENDING, E.CHECK_IN_LATE, S.LATE),
        (S.LEAVE_DECLINED, E.CHECK_IN_ON_TIME, S.PRESENT),
        (S.PRESENT, E.CHECK_IN_ON_TIME, None),
        (S.LATE, E.CHECK_IN_ON_TIME, None),
        (S.ABSENT, E.CHECK_IN_LATE, None),
        (None, E.REQUEST_LEAVE, S.LEAVE_PENDING),
        (S.LEAVE_DECLINED, E.REQUEST_LEAVE, S.LEAVE_PENDING),
        (S.LEAVE_PENDING, E.REQUEST_LEAVE, None),
        (S.PRESENT, E.REQUEST_LEAVE, None),
        (S.LEAVE_PENDING, E.APPROVE_LEAVE, S.LEAVE_APPROVED),
        (S.LEAVE_PENDING, E.DECLINE_LEAVE, S.LEAVE_DECLINED),
        (None, E.APPROVE_LEAVE, None),
        (S.LEAVE_APPROVED, E.DECLINE_LEAVE, None),
        (None, E.MARK_ABSENT, S.ABSENT),
        (S.LEAVE_PENDING, E.MARK_ABSENT, None),
        (S.LEAVE_DECLINED, E.MARK_ABSENT, None),
        (S.PRESENT, E.MARK_ABSENT, None),
    ],
)
def test_transitions(
    current: AttendanceState | None, event: AttendanceEvent, expected: AttendanceState | None
) -> None:
    assert next_state(current, event) == expected


def test_leave_request_only_before_start() -> None:
    start = datetime(2025, 6, 26, 1, tzinfo=UTC)
    assert leave_request_open(start - timedelta(seconds=1), start)
    assert not leave_request_open(start, start)


def test_flags_are_consistent_with_state() -> None:
    with pytest.raises(ValueError):
        rec(1, S.ABSENT, proxy=True)
    with pytest.raises(ValueError):
        rec(1, S.PRESENT, made_up=True)
    assert rec(1, S.LATE, proxy=True).attended


def test_mark_made_up() -> None:
    assert mark_made_up(rec(1, S.ABSENT)) == rec(1, S.ABSENT, made_up=True)
    assert mark_made_up(rec(1, S.LEAVE_APPROVED)) == rec(1, S.LEAVE_APPROVED, made_up=True)
    assert mark_made_up(rec(1, S.PRESENT)) is None
    assert mark_made_up(rec(1, S.ABSENT, made_up=True)) is None


def test_finalize_marks_only_missing_members_absent() -> None:
    records = [rec(1, S.PRESENT), rec(2, S.LEAVE_PENDING), rec(9, S.PRESENT)]
    assert finalize(records, [4, 1, 2, 3]) == [rec(3, S.ABSENT), rec(4, S.ABSENT)]


# ---- summary ------------------------------------------------------------------------------


def test_summary_counts_and_exact_rate() -> None:
    records = [
        rec(1, S.PRESENT),
        rec(2, S.PRESENT, proxy=True),
        rec(3, S.LATE),
        rec(4, S.LATE, proxy=True),
        rec(5, S.LEAVE_APPROVED),
        rec(6, S.LEAVE_APPROVED, made_up=True),
        rec(7, S.ABSENT),
        rec(8, S.ABSENT, made_up=True),
        rec(9, S.LEAVE_DECLINED),
        rec(10, S.LEAVE_PENDING),
        rec(50, S.PRESENT),  # an activist who came along: a guest
    ]
    summary = summarize(records, audience_members=range(1, 13))  # 11 and 12 have no record
    assert summary == AttendanceSummary(
        expected=12,
        present=2,
        late=2,
        proxy=2,
        leave_approved=2,
        leave_pending=1,
        leave_declined=1,
        absent=2,
        no_record=2,
        made_up=2,
        made_up_excused=1,
        made_up_unexcused=1,
        makeup_outstanding=5,  # 5, 7, 9, 11, 12
        guests=1,
    )
    assert summary.attended == 4
    assert summary.excused == 2
    assert summary.unexcused == 5  # 7, 8, 9, 11, 12
    assert summary.rate == Fraction(1, 3)
    assert summary.rate_percent() == Decimal("33.3")
    assert summary.rate_percent(0) == Decimal("33")


def test_rate_rounds_half_up_and_handles_empty() -> None:
    summary = summarize([rec(i, S.PRESENT) for i in range(1, 3)], audience_members=range(1, 9))
    assert summary.rate == Fraction(1, 4)
    assert summary.rate_percent(0) == Decimal("25")
    two_of_three = summarize([rec(1, S.PRESENT), rec(2, S.LATE)], audience_members=[1, 2, 3])
    assert two_of_three.rate_percent(1) == Decimal("66.7")
    one_of_eight = summarize([rec(1, S.PRESENT)], audience_members=range(1, 9))
    assert one_of_eight.rate_percent(1) == Decimal("12.5")
    assert one_of_eight.rate_percent(0) == Decimal("13")  # half-up, not banker's
    empty = summarize([], audience_members=[])
    assert empty.rate is None
    assert empty.rate_percent() is None


def test_summary_rejects_duplicate_records() -> None:
    with pytest.raises(ValueError):
        summarize([rec(1, S.PRESENT), rec(1, S.LATE)], audience_members=[1])


# ---- quorum -------------------------------------------------------------------------------

FULL = list(range(1, 11))  # 10 voting members
PROBATIONARY = [21, 22, 23]  # 预备党员: no vote
MEMBERS = [(m, True) for m in FULL] + [(m, False) for m in PROBATIONARY]


def test_quorum_exactly_half_is_not_held_even_with_probationary_present() -> None:
    records = [rec(m, S.PRESENT) for m in FULL[:5] + PROBATIONARY]
    result = quorum(records, MEMBERS)
    assert (result.voting_members, result.present_voting, result.required) == (10, 5, 6)
    assert not result.held


def test_quorum_half_plus_one_is_held() -> None:
    records = [rec(m, S.PRESENT) for m in FULL[:5]] + [rec(FULL[5], S.LATE, proxy=True)]
    result = quorum(records, MEMBERS)
    assert (result.present_voting, result.required, result.held) == (6, 6, True)


def test_quorum_odd_number_of_voters() -> None:
    members = [(m, True) for m in range(1, 10)]  # 9 voters: need 5
    assert quorum([rec(m, S.PRESENT) for m in range(1, 5)], members).held is False
    result = quorum([rec(m, S.PRESENT) for m in range(1, 6)], members)
    assert (result.required, result.held) == (5, True)


def test_quorum_ignores_leave_and_absent() -> None:
    records = [rec(m, S.LEAVE_APPROVED) for m in FULL[:8]] + [rec(9, S.PRESENT)]
    result = quorum(records, MEMBERS)
    assert (result.present_voting, result.held) == (1, False)


def test_quorum_not_counted_members() -> None:
    # Two long-term-ill members leave the base: 8 voters, 5 needed.
    records = [rec(m, S.PRESENT) for m in FULL[:5]]
    result = quorum(records, MEMBERS, not_counted=[9, 10])
    assert (result.voting_members, result.required, result.held) == (8, 5, True)
    # If one of them attends anyway, they count again.
    result = quorum([*records, rec(10, S.PRESENT)], MEMBERS, not_counted=[9, 10])
    assert (result.voting_members, result.present_voting, result.required) == (9, 6, 5)


def test_quorum_with_no_voters_is_not_held() -> None:
    result = quorum([rec(21, S.PRESENT)], [(21, False)])
    assert (result.voting_members, result.held) == (0, False)
