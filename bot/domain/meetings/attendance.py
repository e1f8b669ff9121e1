"""Attendance at a meeting: states, leave, make-up (补学), summary, general-meeting quorum."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "ATTENDED",
    "AttendanceEvent",
    "AttendanceRecord",
    "AttendanceState",
    "AttendanceSummary",
    "QuorumResult",
    "finalize",
    "leave_request_open",
    "mark_made_up",
    "next_state",
    "quorum",
    "summarize",
]


class AttendanceState(StrEnum):
    """One member's attendance at one meeting; values are stored in the DB.

    "By proxy" and "made up" are flags on AttendanceRecord, not states: a proxy check-in is
    still present or late, and 补学 must not erase whether the absence was excused.
    """

    PRESENT = "present"
    LATE = "late"
    LEAVE_PENDING = "leave_pending"
    LEAVE_APPROVED = "leave_approved"
    LEAVE_DECLINED = "leave_declined"
    ABSENT = "absent"


ATTENDED: frozenset[AttendanceState] = frozenset({AttendanceState.PRESENT, AttendanceState.LATE})


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    """A member's state, whether someone checked them in (by_proxy), and whether 补学 is done."""

    member_id: int
    state: AttendanceState
    by_proxy: bool = False
    made_up: bool = False

    def __post_init__(self) -> None:
        if self.by_proxy and self.state not in ATTENDED:
            raise ValueError("only present/late can be by proxy")
        if self.made_up and self.state in ATTENDED:
            raise ValueError("only a member who missed the meeting can make it up")

    @property
    def attended(self) -> bool:
        """Present or late."""
        return self.state in ATTENDED


class AttendanceEvent(StrEnum):
    """Things that change a member's attendance state."""

    CHECK_IN_ON_TIME = "check_in_on_time"
    CHECK_IN_LATE = "check_in_late"
    REQUEST_LEAVE = "request_leave"
    APPROVE_LEAVE = "approve_leave"
    DECLINE_LEAVE = "decline_leave"
    MARK_ABSENT = "mark_absent"
    # 补登: after check-in closed, a host records that the member was there after all.
    CORRECT_PRESENT = "correct_present"


_S = AttendanceState
_E = AttendanceEvent
_NOT_CHECKED_IN = (None, _S.LEAVE_PENDING, _S.LEAVE_APPROVED, _S.LEAVE_DECLINED)
_TRANSITIONS: dict[tuple[AttendanceState | None, AttendanceEvent], AttendanceState] = {
    # Coming after all beats any leave request.
    **{(s, _E.CHECK_IN_ON_TIME): _S.PRESENT for s in _NOT_CHECKED_IN},
    **{(s, _E.CHECK_IN_LATE): _S.LATE for s in _NOT_CHECKED_IN},
    (None, _E.REQUEST_LEAVE): _S.LEAVE_PENDING,
    (_S.LEAVE_DECLINED, _E.REQUEST_LEAVE): _S.LEAVE_PENDING,
    (_S.LEAVE_PENDING, _E.APPROVE_LEAVE): _S.LEAVE_APPROVED,
    (_S.LEAVE_PENDING, _E.DECLINE_LEAVE): _S.LEAVE_DECLINED,
    # Only members with no record become absent; pending/declined keep their story.
    (None, _E.MARK_ABSENT): _S.ABSENT,
    **{(s, _E.CORRECT_PRESENT): _S.PRESENT for s in (*_NOT_CHECKED_IN, _S.ABSENT)},
}


def next_state(current: AttendanceState | None, event: AttendanceEvent) -> AttendanceState | None:
    """The state after event, or None if the event is not allowed from current."""
    return _TRANSITIONS.get((current, event))


def leave_request_open(now: datetime, starts_at: datetime) -> bool:
    """Leave (请假) may be asked only before the meeting starts; afterwards it is absence + 补学."""
    return now < starts_at


def mark_made_up(record: AttendanceRecord) -> AttendanceRecord | None:
    """The record with 补学 done, or None if the member attended or already made it up."""
    if record.attended or record.made_up:
        return None
    return replace(record, made_up=True)


def finalize(
    records: Iterable[AttendanceRecord], audience_members: Collection[int]
) -> list[AttendanceRecord]:
    """ABSENT records to add at close for invited members with no record (sorted by id)."""
    seen = {r.member_id for r in records}
    return [AttendanceRecord(m, _S.ABSENT) for m in sorted(set(audience_members) - seen)]


@dataclass(frozen=True, slots=True)
class AttendanceSummary:
    """Counts over the invited members; unexcused includes members with no record yet."""

    expected: int
    present: int  # on time, including by proxy
    late: int  # including by proxy
    proxy: int
    leave_approved: int  # = excused absences
    leave_pending: int
    leave_declined: int
    absent: int
    no_record: int
    made_up: int
    made_up_excused: int
    made_up_unexcused: int
    makeup_outstanding: int  # missed, not made up, leave not pending
    guests: int  # records of people not invited (e.g. 入党积极分子); not in any rate

    @property
    def attended(self) -> int:
        """Present plus late."""
        return self.present + self.late

    @property
    def excused(self) -> int:
        """Absences with approved leave."""
        return self.leave_approved

    @property
    def unexcused(self) -> int:
        """Absent, leave declined, or no record."""
        return self.absent + self.leave_declined + self.no_record

    @property
    def rate(self) -> Fraction | None:
        """(present + late) / expected, exact; None when nobody was invited."""
        return Fraction(self.attended, self.expected) if self.expected else None

    def rate_percent(self, places: int = 1) -> Decimal | None:
        """The rate as a percentage rounded half-up, e.g. Decimal('66.7')."""
        rate = self.rate
        if rate is None:
            return None
        value = Decimal(rate.numerator * 100) / Decimal(rate.denominator)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _by_member(records: Iterable[AttendanceRecord]) -> dict[int, AttendanceRecord]:
    by_member: dict[int, AttendanceRecord] = {}
    for record in records:
        if record.member_id in by_member:
            raise ValueError(f"two records for member {record.member_id}")
        by_member[record.member_id] = record
    return by_member


def summarize(
    records: Iterable[AttendanceRecord], audience_members: Collection[int]
) -> AttendanceSummary:
    """Count attendance of the invited members (duplicate records raise ValueError)."""
    by_member = _by_member(records)
    invited = set(audience_members)
    mine = [by_member[m] for m in invited if m in by_member]
    counts = {state: sum(r.state is state for r in mine) for state in AttendanceState}
    made_up = [r for r in mine if r.made_up]
    missed = [r for r in mine if not r.attended]
    return AttendanceSummary(
        expected=len(invited),
        present=counts[_S.PRESENT],
        late=counts[_S.LATE],
        proxy=sum(r.by_proxy for r in mine),
        leave_approved=counts[_S.LEAVE_APPROVED],
        leave_pending=counts[_S.LEAVE_PENDING],
        leave_declined=counts[_S.LEAVE_DECLINED],
        absent=counts[_S.ABSENT],
        no_record=len(invited) - len(mine),
        made_up=len(made_up),
        made_up_excused=sum(r.state is _S.LEAVE_APPROVED for r in made_up),
        made_up_unexcused=sum(r.state is not _S.LEAVE_APPROVED for r in made_up),
        makeup_outstanding=sum(not r.made_up and r.state is not _S.LEAVE_PENDING for r in missed)
        + len(invited)
        - len(mine),
        guests=len(set(by_member) - invited),
    )


@dataclass(frozen=True, slots=True)
class QuorumResult:
    """Whether a branch general meeting may be held: present voters > half of voters."""

    voting_members: int
    present_voting: int
    required: int
    held: bool


def quorum(
    records: Iterable[AttendanceRecord],
    members: Iterable[tuple[int, bool]],
    not_counted: Collection[int] = (),
) -> QuorumResult:
    """Quorum of a 支部党员大会 over (member_id, has_vote) pairs.

    Full members vote; 预备党员 pass has_vote=False; 入党积极分子 are not members and must
    not be passed. not_counted: voting members the branch may leave out of the base (e.g.
    long illness, abroad over six months) unless they attend.
    """
    attended = {r.member_id for r in _by_member(records).values() if r.attended}
    voters = {member_id for member_id, has_vote in members if has_vote}
    present = voters & attended
    base = {m for m in voters if m not in not_counted} | present
    required = len(base) // 2 + 1
    return QuorumResult(
        voting_members=len(base),
        present_voting=len(present),
        required=required,
        held=bool(base) and len(present) >= required,
    )
