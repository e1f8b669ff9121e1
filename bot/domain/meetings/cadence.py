"""Expected cadence of 三会一课 per branch, the secretary's digest, and inactivity warnings.

Inactivity counts whole calendar months with no organisational life (attended or 补学):
the months strictly after the month of the reference date (the later of last participation
and joining) and strictly before the current month, which is not over yet. Joined or last
took part on 15 Jan: on 1 Apr Feb+Mar = 2; on 1 May 3 (level 3); on 1 Jul 5 (level 5: with
nothing in July the line is crossed); on 1 Aug 6 (level 6, party constitution art. 9).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum
from functools import lru_cache
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from bot.domain.meetings import MeetingType

__all__ = [
    "DEFAULT_CADENCE",
    "PER_GROUP_TYPES",
    "DigestItem",
    "DigestStatus",
    "InactivityLevel",
    "Period",
    "PeriodSpan",
    "cadence_config_from_strings",
    "cadence_digest",
    "inactivity_flags",
    "inactivity_level",
    "months_without_participation",
    "period_span",
]


class Period(StrEnum):
    """A calendar period a meeting type is expected once in."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


_MONTHS = {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6, Period.YEAR: 12}

DEFAULT_CADENCE: Mapping[MeetingType, Period] = MappingProxyType(
    {
        MeetingType.GENERAL_MEETING: Period.QUARTER,
        MeetingType.COMMITTEE: Period.MONTH,
        MeetingType.GROUP_MEETING: Period.MONTH,
        MeetingType.LECTURE: Period.QUARTER,
        MeetingType.THEME_DAY: Period.MONTH,
        MeetingType.LIFE_MEETING: Period.YEAR,
        MeetingType.APPRAISAL: Period.YEAR,
    }
)
# Expected once per period in every party group, not once per branch.
PER_GROUP_TYPES: frozenset[MeetingType] = frozenset({MeetingType.GROUP_MEETING})


def cadence_config_from_strings(setting: Mapping[str, str]) -> dict[MeetingType, Period]:
    """Read a branch setting like {"lecture": "month"}; raises ValueError on unknown keys/values."""
    return {MeetingType(key): Period(value) for key, value in setting.items()}


@dataclass(frozen=True, slots=True)
class PeriodSpan:
    """A calendar period: start inclusive, end exclusive (first day of the next period)."""

    period: Period
    start: date
    end: date

    @property
    def last_day(self) -> date:
        """The period's last day, for "due by" texts."""
        return self.end - timedelta(days=1)

    @property
    def label(self) -> str:
        """Stable label: '2025-05', '2025-Q2', '2025-H1', '2025'."""
        year, month = self.start.year, self.start.month
        if self.period is Period.MONTH:
            return f"{year}-{month:02d}"
        if self.period is Period.QUARTER:
            return f"{year}-Q{(month - 1) // 3 + 1}"
        if self.period is Period.HALF_YEAR:
            return f"{year}-H{(month - 1) // 6 + 1}"
        return str(year)

    def previous(self) -> PeriodSpan:
        """The period just before this one."""
        return period_span(self.start - timedelta(days=1), self.period)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day < self.end


@lru_cache(maxsize=4096)
def period_span(day: date, period: Period) -> PeriodSpan:
    """The calendar period of the given length containing day (a district's monthly digests
    ask for the same few periods hundreds of thousands of times: each is made once)."""
    size = _MONTHS[period]
    first_month = (day.month - 1) // size * size + 1
    start = date(day.year, first_month, 1)
    return PeriodSpan(period, start, start + relativedelta(months=size))


class DigestStatus(StrEnum):
    """done: held this period; due: not yet, but held last period; overdue: neither."""

    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class DigestItem:
    """One line of the secretary's cadence digest."""

    type: MeetingType
    group_id: int | None
    period_label: str
    status: DigestStatus
    last_held: date | None
    period_last_day: date


def cadence_digest(
    held: Iterable[tuple[MeetingType, int | None, date]],
    groups: Iterable[int],
    today_local: date,
    config: Mapping[MeetingType, Period] = DEFAULT_CADENCE,
    since: date | None = None,
) -> list[DigestItem]:
    """Status of every tracked type (and every group for group meetings) for today's period.

    held: (type, group_id, local date) of meetings actually held; future dates are ignored.
    A branch-level type counts whichever group held it. since: when the branch started
    using the bot; a previous period that began before it is not judged (due, not overdue).
    Items come in MeetingType order, groups ascending.
    """
    past = [(t, g, d) for t, g, d in held if d <= today_local]
    items: list[DigestItem] = []
    for meeting_type in MeetingType:
        period = config.get(meeting_type)
        if period is None:
            continue
        targets: list[int | None] = (
            list(sorted(set(groups))) if meeting_type in PER_GROUP_TYPES else [None]
        )
        for group_id in targets:
            dates = [
                d for t, g, d in past if t is meeting_type and (group_id is None or g == group_id)
            ]
            items.append(_item(meeting_type, group_id, dates, today_local, period, since))
    return items


def _item(
    meeting_type: MeetingType,
    group_id: int | None,
    dates: list[date],
    today: date,
    period: Period,
    since: date | None,
) -> DigestItem:
    current = period_span(today, period)
    previous = current.previous()
    if any(d in current for d in dates):
        status = DigestStatus.DONE
    elif any(d in previous for d in dates) or (since is not None and since > previous.start):
        status = DigestStatus.DUE
    else:
        status = DigestStatus.OVERDUE
    return DigestItem(
        type=meeting_type,
        group_id=group_id,
        period_label=current.label,
        status=status,
        last_held=max(dates, default=None),
        period_last_day=current.last_day,
    )


class InactivityLevel(IntEnum):
    """Whole months without organisational life: 3 watch, 5 last month, 6 line crossed."""

    WATCH = 3
    LAST_MONTH = 5
    CROSSED = 6


def months_without_participation(reference: date, today: date) -> int:
    """Whole calendar months strictly between reference's month and today's month."""
    return max(0, (today.year - reference.year) * 12 + today.month - reference.month - 1)


def inactivity_level(
    last_participation: date | None, joined: date, today: date
) -> InactivityLevel | None:
    """The level for one member, or None under 3 months."""
    reference = joined if last_participation is None else max(last_participation, joined)
    months = months_without_participation(reference, today)
    for level in sorted(InactivityLevel, reverse=True):
        if months >= level:
            return level
    return None


def inactivity_flags(
    last_participation_by_member: Mapping[int, date | None],
    joined: Mapping[int, date],
    today: date,
) -> dict[int, InactivityLevel]:
    """Members at level 3, 5 or 6 (IntEnum, equal to those ints); others are left out.

    Pass one entry per member to check (None = never took part); each needs a joining date
    (the day they joined this branch, e.g. transferred in). Participation = attended or 补学.
    """
    flags: dict[int, InactivityLevel] = {}
    for member_id, last in last_participation_by_member.items():
        if member_id not in joined:
            raise ValueError(f"no joining date for member {member_id}")
        level = inactivity_level(last, joined[member_id], today)
        if level is not None:
            flags[member_id] = level
    return flags
