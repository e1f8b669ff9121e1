"""Cadence periods, the secretary's digest and the six-month inactivity warnings."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.meetings import MeetingType
from bot.domain.meetings.cadence import (
    DEFAULT_CADENCE,
    DigestItem,
    DigestStatus,
    InactivityLevel,
    Period,
    cadence_config_from_strings,
    cadence_digest,
    inactivity_flags,
    inactivity_level,
    months_without_participation,
    period_span,
)

T = MeetingType
GM = T.GENERAL_MEETING
ONLY_GM = {GM: Period.QUARTER}


@pytest.mark.parametrize(
    ("day", "period", "start", "end", "label"),
    [
        (date(2025, 6, 30), Period.QUARTER, date(2025, 4, 1), date(2025, 7, 1), "2025-Q2"),
        (date(2025, 7, 1), Period.QUARTER, date(2025, 7, 1), date(2025, 10, 1), "2025-Q3"),
        (date(2025, 12, 31), Period.QUARTER, date(2025, 10, 1), date(2026, 1, 1), "2025-Q4"),
        (date(2025, 1, 1), Period.MONTH, date(2025, 1, 1), date(2025, 2, 1), "2025-01"),
        (date(2024, 2, 29), Period.MONTH, date(2024, 2, 1), date(2024, 3, 1), "2024-02"),
        (date(2025, 7, 1), Period.HALF_YEAR, date(2025, 7, 1), date(2026, 1, 1), "2025-H2"),
        (date(2025, 6, 30), Period.YEAR, date(2025, 1, 1), date(2026, 1, 1), "2025"),
    ],
)
def test_period_span(day: date, period: Period, start: date, end: date, label: str) -> None:
    span = period_span(day, period)
    assert (span.start, span.end, span.label) == (start, end, label)
    assert day in span
    assert span.end not in span
    assert span.last_day == date.fromordinal(end.toordinal() - 1)


def test_previous_span_crosses_year() -> None:
    assert period_span(date(2025, 2, 10), Period.QUARTER).previous().label == "2024-Q4"
    assert period_span(date(2025, 1, 10), Period.MONTH).previous().label == "2024-12"


def gm_status(held: list[date], today: date) -> DigestStatus:
    (item,) = cadence_digest([(GM, None, d) for d in held], [], today, ONLY_GM)
    return item.status


@pytest.mark.parametrize(
    ("held", "today", "status"),
    [
        # Last day of Q2.
        ([date(2025, 4, 1)], date(2025, 6, 30), DigestStatus.DONE),
        ([date(2025, 3, 31)], date(2025, 6, 30), DigestStatus.DUE),
        ([date(2024, 12, 31)], date(2025, 6, 30), DigestStatus.OVERDUE),
        ([], date(2025, 6, 30), DigestStatus.OVERDUE),
        # First day of Q3: Q2's meeting no longer makes it done.
        ([date(2025, 6, 30)], date(2025, 7, 1), DigestStatus.DUE),
        ([date(2025, 4, 1)], date(2025, 7, 1), DigestStatus.DUE),
        ([date(2025, 3, 31)], date(2025, 7, 1), DigestStatus.OVERDUE),
        ([date(2025, 3, 31), date(2025, 7, 1)], date(2025, 7, 1), DigestStatus.DONE),
        # A meeting planned for later in the quarter is not held yet.
        ([date(2025, 6, 30), date(2025, 8, 1)], date(2025, 7, 1), DigestStatus.DUE),
    ],
)
def test_general_meeting_status_at_quarter_boundaries(
    held: list[date], today: date, status: DigestStatus
) -> None:
    assert gm_status(held, today) == status


def test_digest_item_fields() -> None:
    held = [
        (GM, None, date(2025, 2, 3)),
        (GM, None, date(2025, 3, 31)),
        (GM, None, date(2025, 9, 1)),
    ]
    assert cadence_digest(held, [], date(2025, 7, 1), ONLY_GM) == [
        DigestItem(GM, None, "2025-Q3", DigestStatus.OVERDUE, date(2025, 3, 31), date(2025, 9, 30))
    ]


def test_default_digest_covers_every_type_and_group() -> None:
    today = date(2025, 5, 20)
    held = [
        (T.GENERAL_MEETING, None, date(2025, 4, 10)),
        (T.COMMITTEE, None, date(2025, 4, 28)),
        (T.GROUP_MEETING, 1, date(2025, 5, 6)),
        (T.GROUP_MEETING, 2, date(2025, 4, 6)),
        (T.GROUP_MEETING, None, date(2025, 5, 6)),  # no group: counts for no group
        (T.LECTURE, 3, date(2025, 5, 1)),  # a group's lecture counts for the branch
        (T.THEME_DAY, None, date(2025, 3, 26)),
        (T.LIFE_MEETING, None, date(2024, 12, 20)),
        (T.OTHER, None, date(2025, 5, 1)),
    ]
    items = cadence_digest(held, [3, 1, 2], today)
    got = {(i.type, i.group_id): (i.period_label, i.status) for i in items}
    assert got == {
        (T.GENERAL_MEETING, None): ("2025-Q2", DigestStatus.DONE),
        (T.COMMITTEE, None): ("2025-05", DigestStatus.DUE),
        (T.GROUP_MEETING, 1): ("2025-05", DigestStatus.DONE),
        (T.GROUP_MEETING, 2): ("2025-05", DigestStatus.DUE),
        (T.GROUP_MEETING, 3): ("2025-05", DigestStatus.OVERDUE),
        (T.LECTURE, None): ("2025-Q2", DigestStatus.DONE),
        (T.THEME_DAY, None): ("2025-05", DigestStatus.OVERDUE),
        (T.LIFE_MEETING, None): ("2025", DigestStatus.DUE),
        (T.APPRAISAL, None): ("2025", DigestStatus.OVERDUE),
    }
    # Stable order: MeetingType order, groups ascending.
    assert [(i.type, i.group_id) for i in items][:5] == [
        (T.GENERAL_MEETING, None),
        (T.COMMITTEE, None),
        (T.GROUP_MEETING, 1),
        (T.GROUP_MEETING, 2),
        (T.GROUP_MEETING, 3),
    ]


def test_custom_config_and_since() -> None:
    config = cadence_config_from_strings({"lecture": "month", "theme_day": "month"})
    assert config == {T.LECTURE: Period.MONTH, T.THEME_DAY: Period.MONTH}
    items = cadence_digest([], [], date(2025, 5, 20), config, since=date(2025, 4, 15))
    assert [(i.type, i.status) for i in items] == [
        (T.LECTURE, DigestStatus.DUE),  # the branch joined mid-April: April is not judged
        (T.THEME_DAY, DigestStatus.DUE),
    ]
    items = cadence_digest([], [], date(2025, 5, 20), config, since=date(2025, 4, 1))
    assert {i.status for i in items} == {DigestStatus.OVERDUE}


def test_config_rejects_unknown_values() -> None:
    with pytest.raises(ValueError):
        cadence_config_from_strings({"lecture": "fortnight"})
    with pytest.raises(ValueError):
        cadence_config_from_strings({"party": "month"})


def test_default_cadence_matches_regulations() -> None:
    assert dict(DEFAULT_CADENCE) == {
        T.GENERAL_MEETING: Period.QUARTER,
        T.COMMITTEE: Period.MONTH,
        T.GROUP_MEETING: Period.MONTH,
        T.LECTURE: Period.QUARTER,
        T.THEME_DAY: Period.MONTH,
        T.LIFE_MEETING: Period.YEAR,
        T.APPRAISAL: Period.YEAR,
    }


# ---- inactivity ---------------------------------------------------------------------------

LAST = date(2025, 1, 15)
JOINED_LONG_AGO = date(2010, 3, 1)


@pytest.mark.parametrize(
    ("today", "months", "level"),
    [
        (date(2025, 1, 31), 0, None),
        (date(2025, 3, 1), 1, None),
        (date(2025, 4, 1), 2, None),  # Feb, Mar
        (date(2025, 4, 30), 2, None),  # April is not over yet
        (date(2025, 5, 1), 3, InactivityLevel.WATCH),
        (date(2025, 6, 30), 4, InactivityLevel.WATCH),
        (date(2025, 7, 1), 5, InactivityLevel.LAST_MONTH),
        (date(2025, 7, 31), 5, InactivityLevel.LAST_MONTH),
        (date(2025, 8, 1), 6, InactivityLevel.CROSSED),
        (date(2026, 8, 1), 18, InactivityLevel.CROSSED),
    ],
)
def test_inactivity_levels(today: date, months: int, level: InactivityLevel | None) -> None:
    assert months_without_participation(LAST, today) == months
    assert inactivity_level(LAST, JOINED_LONG_AGO, today) == level


def test_inactivity_counts_from_joining_for_recent_members() -> None:
    joined = date(2025, 3, 20)
    assert inactivity_level(None, joined, date(2025, 6, 15)) is None  # Apr, May
    assert inactivity_level(None, joined, date(2025, 7, 1)) == InactivityLevel.WATCH
    # Participation in the old branch before transferring in does not count against them.
    assert inactivity_level(date(2023, 1, 1), joined, date(2025, 6, 15)) is None
    # Joined in the future (data entered early): nothing.
    assert inactivity_level(None, date(2025, 9, 1), date(2025, 6, 15)) is None


def test_inactivity_flags() -> None:
    today = date(2025, 8, 1)
    last = {
        1: date(2025, 7, 20),  # active
        2: date(2025, 4, 30),  # May, Jun, Jul
        3: date(2025, 2, 1),  # Mar..Jul
        4: date(2025, 1, 31),  # Feb..Jul
        5: None,  # never, joined 2025-06-10
        6: None,  # never, joined long ago
    }
    joined = {m: JOINED_LONG_AGO for m in last} | {5: date(2025, 6, 10)}
    flags = inactivity_flags(last, joined, today)
    assert flags == {2: 3, 3: 5, 4: 6, 6: 6}
    assert flags[4] is InactivityLevel.CROSSED


def test_inactivity_flags_requires_joining_date() -> None:
    with pytest.raises(ValueError):
        inactivity_flags({1: None}, {}, date(2025, 8, 1))
