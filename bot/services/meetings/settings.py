"""Meeting settings of a branch: stored in Branch.settings["meetings"], validated by the domain."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

from bot.domain.meetings import (
    DEFAULT_REMINDER_OFFSETS,
    MeetingType,
    ReminderError,
    format_reminder_offsets,
    parse_reminder_offsets,
)
from bot.domain.meetings.cadence import DEFAULT_CADENCE, Period, cadence_config_from_strings
from bot.domain.meetings.checkin import (
    DEFAULT_CLOSES_AFTER,
    DEFAULT_LATE_AFTER,
    DEFAULT_OPENS_BEFORE,
    DEFAULT_STEP_SECONDS,
    CheckinWindow,
    checkin_window,
)
from storage.models.meetings import Meeting

log = logging.getLogger(__name__)

SETTINGS_KEY = "meetings"
DEFAULT_RADIUS_M = 300
# A series occurrence is announced this long before it starts (one-offs: at creation).
DEFAULT_ANNOUNCE_LEAD = timedelta(days=7)

OPENS_BEFORE_CHOICES = (15, 30, 60)
CLOSES_AFTER_CHOICES = (30, 60, 120)
LATE_AFTER_CHOICES = (5, 10, 15, 30)
RADIUS_CHOICES = (100, 300, 500, 1000)
REMINDER_PRESETS = ("1d,1h", "1d", "2h", "3d,1d,1h", "")


@dataclass(frozen=True)
class MeetingSettings:
    """Everything about meetings a secretary may tune for the branch."""

    reminders: tuple[timedelta, ...] = DEFAULT_REMINDER_OFFSETS
    opens_before: timedelta = DEFAULT_OPENS_BEFORE
    closes_after: timedelta = DEFAULT_CLOSES_AFTER
    late_after: timedelta = DEFAULT_LATE_AFTER
    radius_m: int = DEFAULT_RADIUS_M
    step_seconds: int = DEFAULT_STEP_SECONDS
    announce_lead: timedelta = DEFAULT_ANNOUNCE_LEAD
    cadence: Mapping[MeetingType, Period] = field(default_factory=lambda: dict(DEFAULT_CADENCE))

    def to_json(self) -> dict[str, Any]:
        """The stored form (minutes and strings, so a person can read the JSON)."""
        return {
            "reminders": format_reminder_offsets(self.reminders),
            "opens_before_min": int(self.opens_before / timedelta(minutes=1)),
            "closes_after_min": int(self.closes_after / timedelta(minutes=1)),
            "late_after_min": int(self.late_after / timedelta(minutes=1)),
            "radius_m": self.radius_m,
            "cadence": {t.value: p.value for t, p in self.cadence.items()},
        }


def _minutes(raw: Mapping[str, Any], key: str, default: timedelta, lo: int, hi: int) -> timedelta:
    value = raw.get(key)
    if isinstance(value, int) and not isinstance(value, bool) and lo <= value <= hi:
        return timedelta(minutes=value)
    if value is not None:
        log.warning("ignoring meeting setting %s=%r", key, value)
    return default


def from_branch_settings(settings: Mapping[str, Any] | None) -> MeetingSettings:
    """Read the stored settings; anything invalid falls back to the default (and is logged)."""
    raw = (settings or {}).get(SETTINGS_KEY) or {}
    if not isinstance(raw, Mapping):
        return MeetingSettings()
    result = MeetingSettings()
    reminders = raw.get("reminders")
    if isinstance(reminders, str):
        parsed = parse_reminder_offsets(reminders)
        if isinstance(parsed, ReminderError):
            log.warning("ignoring reminder setting %r: %s", reminders, parsed)
        else:
            result = replace(result, reminders=parsed)
    radius = raw.get("radius_m")
    if isinstance(radius, int) and 20 <= radius <= 5000:
        result = replace(result, radius_m=radius)
    cadence = raw.get("cadence")
    if isinstance(cadence, Mapping):
        try:
            result = replace(result, cadence=cadence_config_from_strings(cadence))
        except ValueError:
            log.warning("ignoring cadence setting %r", cadence)
    return replace(
        result,
        opens_before=_minutes(raw, "opens_before_min", result.opens_before, 0, 240),
        closes_after=_minutes(raw, "closes_after_min", result.closes_after, 5, 480),
        late_after=_minutes(raw, "late_after_min", result.late_after, 0, 120),
    )


def merged(branch_settings: Mapping[str, Any] | None, value: MeetingSettings) -> dict[str, Any]:
    """The branch's whole settings JSON with the meetings part replaced."""
    return {**(branch_settings or {}), SETTINGS_KEY: value.to_json()}


def window_of(meeting: Meeting, cfg: MeetingSettings) -> CheckinWindow:
    """The branch's window around the start, unless the host opened or closed it by hand."""
    window = checkin_window(meeting.starts_at, cfg.opens_before, cfg.closes_after)
    opens, closes = window.opens_at, window.closes_at
    if meeting.checkin_opened_at is not None:
        opens = min(opens, meeting.checkin_opened_at)
    if meeting.checkin_closed_at is not None:
        closes = max(opens, min(closes, meeting.checkin_closed_at))
    return CheckinWindow(opens, closes)
