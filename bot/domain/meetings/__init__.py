"""Study-session (三会一课, 主题党日) types, audiences and validation of a new meeting."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from bot.domain.meetings.reminders import (
    DEFAULT_REMINDER_OFFSETS,
    DueReminder,
    ReminderError,
    ReminderPlan,
    ReminderStatus,
    due_reminders,
    format_reminder_offsets,
    next_decision_at,
    parse_reminder_offsets,
    plan_reminders,
    validate_reminder_offsets,
)
from bot.domain.meetings.walltime import (
    LocalParts,
    is_ambiguous,
    is_nonexistent,
    is_valid_tz,
    local_date,
    local_day_bounds_utc,
    local_parts,
    local_to_utc,
    require_aware,
    to_local,
)

__all__ = [
    "AGENDA_MAX",
    "DEFAULT_REMINDER_OFFSETS",
    "MAX_AHEAD",
    "MAX_DURATION",
    "PLACE_MAX",
    "THREE_MEETINGS_ONE_LESSON",
    "TITLE_MAX",
    "Audience",
    "AudienceKind",
    "DueReminder",
    "LocalParts",
    "MeetingError",
    "MeetingType",
    "ReminderError",
    "ReminderPlan",
    "ReminderStatus",
    "default_audience",
    "due_reminders",
    "format_reminder_offsets",
    "is_ambiguous",
    "is_nonexistent",
    "is_valid_tz",
    "local_date",
    "local_day_bounds_utc",
    "local_parts",
    "local_to_utc",
    "next_decision_at",
    "normalize_text",
    "normalize_title",
    "parse_reminder_offsets",
    "plan_reminders",
    "to_local",
    "validate_audience",
    "validate_details",
    "validate_meeting",
    "validate_reminder_offsets",
    "validate_schedule",
]


class MeetingType(StrEnum):
    """Kinds of organisational life; values are stored in the DB and must never change."""

    GENERAL_MEETING = "general_meeting"  # 支部党员大会
    COMMITTEE = "committee"  # 支委会
    GROUP_MEETING = "group_meeting"  # 党小组会
    LECTURE = "lecture"  # 党课
    THEME_DAY = "theme_day"  # 主题党日
    LIFE_MEETING = "life_meeting"  # 组织生活会
    APPRAISAL = "appraisal"  # 民主评议党员
    OTHER = "other"


THREE_MEETINGS_ONE_LESSON: frozenset[MeetingType] = frozenset(
    {
        MeetingType.GENERAL_MEETING,
        MeetingType.COMMITTEE,
        MeetingType.GROUP_MEETING,
        MeetingType.LECTURE,
    }
)


class AudienceKind(StrEnum):
    """Who is invited to a meeting."""

    BRANCH = "branch"
    GROUP = "group"
    COMMITTEE = "committee"
    CATEGORY = "category"


_CATEGORY_RE = re.compile(r"[a-z][a-z0-9_]{0,31}")


@dataclass(frozen=True, slots=True)
class Audience:
    """An audience; store it with to_string() and read it back with from_string()."""

    kind: AudienceKind
    group_id: int | None = None
    category: str | None = None

    def __post_init__(self) -> None:
        if self.kind is AudienceKind.GROUP:
            if self.group_id is None or self.group_id <= 0 or self.category is not None:
                raise ValueError("a group audience needs a positive group_id and no category")
        elif self.kind is AudienceKind.CATEGORY:
            if self.category is None or not _CATEGORY_RE.fullmatch(self.category):
                raise ValueError("a category audience needs a category like 'retired'")
            if self.group_id is not None:
                raise ValueError("a category audience takes no group_id")
        elif self.group_id is not None or self.category is not None:
            raise ValueError(f"a {self.kind} audience takes no group_id or category")

    @classmethod
    def branch(cls) -> Audience:
        """Every member of the branch."""
        return cls(AudienceKind.BRANCH)

    @classmethod
    def group(cls, group_id: int) -> Audience:
        """The members of one party group."""
        return cls(AudienceKind.GROUP, group_id=group_id)

    @classmethod
    def committee(cls) -> Audience:
        """The branch committee (书记 and 支委)."""
        return cls(AudienceKind.COMMITTEE)

    @classmethod
    def of_category(cls, category: str) -> Audience:
        """Members of one category value (e.g. 'retired', 'employed', 'migrant')."""
        return cls(AudienceKind.CATEGORY, category=category)

    def to_string(self) -> str:
        """Compact DB form: 'branch', 'committee', 'group:12', 'category:retired'."""
        if self.kind is AudienceKind.GROUP:
            return f"group:{self.group_id}"
        if self.kind is AudienceKind.CATEGORY:
            return f"category:{self.category}"
        return self.kind.value

    @classmethod
    def from_string(cls, text: str) -> Audience:
        """Inverse of to_string(); raises ValueError on anything else."""
        kind, sep, arg = text.partition(":")
        if kind == AudienceKind.GROUP and sep and arg.isascii() and arg.isdigit():
            return cls.group(int(arg))
        if kind == AudienceKind.CATEGORY and sep:
            return cls.of_category(arg)
        if not sep and kind in (AudienceKind.BRANCH, AudienceKind.COMMITTEE):
            return cls(AudienceKind(kind))
        raise ValueError(f"not an audience: {text!r}")

    def includes(
        self, *, group_id: int | None, is_committee: bool, categories: Collection[str]
    ) -> bool:
        """True if a member with these attributes is in this audience."""
        if self.kind is AudienceKind.BRANCH:
            return True
        if self.kind is AudienceKind.GROUP:
            return group_id == self.group_id
        if self.kind is AudienceKind.COMMITTEE:
            return is_committee
        return self.category in categories


def default_audience(meeting_type: MeetingType, group_id: int | None = None) -> Audience:
    """The usual audience of a meeting type (group meetings need group_id)."""
    if meeting_type is MeetingType.COMMITTEE:
        return Audience.committee()
    if meeting_type is MeetingType.GROUP_MEETING:
        if group_id is None:
            raise ValueError("a group meeting needs a group_id")
        return Audience.group(group_id)
    return Audience.branch()


class MeetingError(StrEnum):
    """Why a new meeting is refused; the caller renders the text."""

    STARTS_IN_PAST = "starts_in_past"
    ENDS_NOT_AFTER_START = "ends_not_after_start"
    TOO_LONG = "too_long"
    TOO_FAR_AHEAD = "too_far_ahead"
    TITLE_EMPTY = "title_empty"
    TITLE_TOO_LONG = "title_too_long"
    PLACE_TOO_LONG = "place_too_long"
    AGENDA_TOO_LONG = "agenda_too_long"
    AUDIENCE_MUST_BE_BRANCH = "audience_must_be_branch"
    AUDIENCE_MUST_BE_GROUP = "audience_must_be_group"
    AUDIENCE_MUST_BE_COMMITTEE = "audience_must_be_committee"


TITLE_MAX = 60
PLACE_MAX = 100
AGENDA_MAX = 3000
MAX_DURATION = timedelta(hours=12)
MAX_AHEAD = relativedelta(years=2)

_SPACES = re.compile(r"\s+")


def validate_schedule(
    starts_at: datetime, ends_at: datetime | None, now: datetime
) -> list[MeetingError]:
    """Check start/end of a new meeting; starting exactly at `now` is allowed."""
    require_aware(starts_at, "starts_at")
    require_aware(now, "now")
    errors: list[MeetingError] = []
    if starts_at < now:
        errors.append(MeetingError.STARTS_IN_PAST)
    # relativedelta on an aware datetime keeps wall-clock semantics; 29 Feb + 2y -> 28 Feb.
    if starts_at > now + MAX_AHEAD:
        errors.append(MeetingError.TOO_FAR_AHEAD)
    if ends_at is not None:
        require_aware(ends_at, "ends_at")
        if ends_at <= starts_at:
            errors.append(MeetingError.ENDS_NOT_AFTER_START)
        elif ends_at - starts_at > MAX_DURATION:
            errors.append(MeetingError.TOO_LONG)
    return errors


def normalize_title(title: str) -> str:
    """Trim and collapse all whitespace (incl. newlines) to single spaces: store this form."""
    return _SPACES.sub(" ", title).strip()


def normalize_text(text: str | None) -> str | None:
    """Trim place/agenda text; empty becomes None: store this form."""
    if text is None:
        return None
    stripped = text.strip()
    return stripped or None


def validate_details(title: str, place: str | None, agenda: str | None) -> list[MeetingError]:
    """Check lengths (in characters, after normalize_title/normalize_text)."""
    errors: list[MeetingError] = []
    clean = normalize_title(title)
    if not clean:
        errors.append(MeetingError.TITLE_EMPTY)
    elif len(clean) > TITLE_MAX:
        errors.append(MeetingError.TITLE_TOO_LONG)
    clean_place = normalize_text(place)
    if clean_place is not None and len(clean_place) > PLACE_MAX:
        errors.append(MeetingError.PLACE_TOO_LONG)
    clean_agenda = normalize_text(agenda)
    if clean_agenda is not None and len(clean_agenda) > AGENDA_MAX:
        errors.append(MeetingError.AGENDA_TOO_LONG)
    return errors


def validate_audience(meeting_type: MeetingType, audience: Audience) -> list[MeetingError]:
    """Types whose rules depend on who is invited must have that audience."""
    if meeting_type is MeetingType.GENERAL_MEETING and audience.kind is not AudienceKind.BRANCH:
        # Quorum counts every voting member of the branch.
        return [MeetingError.AUDIENCE_MUST_BE_BRANCH]
    if meeting_type is MeetingType.GROUP_MEETING and audience.kind is not AudienceKind.GROUP:
        return [MeetingError.AUDIENCE_MUST_BE_GROUP]
    if meeting_type is MeetingType.COMMITTEE and audience.kind is not AudienceKind.COMMITTEE:
        return [MeetingError.AUDIENCE_MUST_BE_COMMITTEE]
    return []


def validate_meeting(
    *,
    meeting_type: MeetingType,
    title: str,
    starts_at: datetime,
    ends_at: datetime | None,
    place: str | None,
    agenda: str | None,
    audience: Audience,
    now: datetime,
) -> list[MeetingError]:
    """All checks for a new meeting, in a stable order; empty list means valid."""
    return [
        *validate_details(title, place, agenda),
        *validate_schedule(starts_at, ends_at, now),
        *validate_audience(meeting_type, audience),
    ]
