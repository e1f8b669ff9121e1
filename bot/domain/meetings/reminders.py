"""Meeting reminder offsets (branch setting like "1d,1h") and which reminders are due now."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import NamedTuple

from bot.domain.meetings.walltime import require_aware

__all__ = [
    "DEFAULT_REMINDER_OFFSETS",
    "MAX_OFFSET",
    "MAX_REMINDERS",
    "MIN_OFFSET",
    "DueReminder",
    "ReminderError",
    "ReminderPlan",
    "ReminderStatus",
    "due_reminders",
    "format_reminder_offsets",
    "next_decision_at",
    "parse_reminder_offsets",
    "plan_reminders",
    "reminder_lead",
    "validate_reminder_offsets",
]

MIN_OFFSET = timedelta(minutes=5)
MAX_OFFSET = timedelta(days=14)
MAX_REMINDERS = 5
DEFAULT_REMINDER_OFFSETS: tuple[timedelta, ...] = (timedelta(days=1), timedelta(hours=1))


class ReminderError(StrEnum):
    """Why a reminder setting is refused."""

    SYNTAX = "reminder_syntax"
    OUT_OF_RANGE = "reminder_out_of_range"
    TOO_MANY = "too_many_reminders"


_UNITS: dict[str, timedelta] = {
    "w": timedelta(weeks=1),
    "周": timedelta(weeks=1),
    "星期": timedelta(weeks=1),
    "d": timedelta(days=1),
    "天": timedelta(days=1),
    "日": timedelta(days=1),
    "h": timedelta(hours=1),
    "小时": timedelta(hours=1),
    "个小时": timedelta(hours=1),
    "时": timedelta(hours=1),
    "m": timedelta(minutes=1),
    "min": timedelta(minutes=1),
    "分钟": timedelta(minutes=1),
    "分": timedelta(minutes=1),
}
# Longest unit first so "min" wins over "m" and "个小时" over "时".
_UNIT_ALT = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_PART = re.compile(rf"(\d{{1,5}})\s*({_UNIT_ALT})")
_SEPARATORS = re.compile(r"[,;、\s]+")


def validate_reminder_offsets(
    offsets: Iterable[timedelta],
) -> tuple[timedelta, ...] | ReminderError:
    """Deduplicate, sort longest first and check each is within 5 min … 14 days."""
    unique = sorted(set(offsets), reverse=True)
    if len(unique) > MAX_REMINDERS:
        return ReminderError.TOO_MANY
    if any(not MIN_OFFSET <= off <= MAX_OFFSET for off in unique):
        return ReminderError.OUT_OF_RANGE
    return tuple(unique)


def parse_reminder_offsets(text: str) -> tuple[timedelta, ...] | ReminderError:
    """Parse "1d,1h", "2h30m", "1天、2小时", "30分钟"; blank means no reminders."""
    # NFKC turns full-width digits and "，；" into ASCII so one pattern serves zh and en.
    norm = unicodedata.normalize("NFKC", text).lower()
    offsets: list[timedelta] = []
    for token in _SEPARATORS.split(norm):
        if not token:
            continue
        pos, total = 0, timedelta()
        for match in _PART.finditer(token):
            if match.start() != pos:
                return ReminderError.SYNTAX
            total += int(match.group(1)) * _UNITS[match.group(2)]
            pos = match.end()
        if pos == 0 or pos != len(token):
            return ReminderError.SYNTAX
        offsets.append(total)
    return validate_reminder_offsets(offsets)


def format_reminder_offsets(offsets: Iterable[timedelta]) -> str:
    """Canonical storage form, longest first: "1d,1h", "1d12h", "30m" ("" for none)."""
    parts: list[str] = []
    for off in sorted(set(offsets), reverse=True):
        minutes = off // timedelta(minutes=1)
        if off != timedelta(minutes=minutes) or minutes <= 0:
            raise ValueError(f"offset must be a positive whole number of minutes: {off}")
        days, rest = divmod(minutes, 24 * 60)
        hours, mins = divmod(rest, 60)
        text = "".join(f"{n}{u}" for n, u in ((days, "d"), (hours, "h"), (mins, "m")) if n)
        parts.append(text)
    return ",".join(parts)


class ReminderStatus(StrEnum):
    """What to do with one reminder of one meeting at `now`."""

    PENDING = "pending"  # send time still ahead: schedule a job for send_at
    DUE = "due"  # send now
    SUPERSEDED = "superseded"  # missed while down; a later reminder is due instead: mark done
    SKIPPED = "skipped"  # missed while down and the meeting has started: mark done, never send
    BEFORE_CREATION = "before_creation"  # send time was before members heard of the meeting
    SENT = "sent"  # already sent (listed in `sent`)


@dataclass(frozen=True, slots=True)
class ReminderPlan:
    """One configured reminder of a meeting and its status at `now`."""

    offset: timedelta
    send_at: datetime
    status: ReminderStatus


class DueReminder(NamedTuple):
    """A reminder to send now."""

    offset: timedelta
    send_at: datetime


def plan_reminders(
    starts_at: datetime,
    offsets: Iterable[timedelta],
    now: datetime,
    created_at: datetime,
    sent: Collection[timedelta] = (),
) -> list[ReminderPlan]:
    """Status of every reminder (earliest send_at first).

    created_at is when members were told this start time (creation or last reschedule).
    A reminder whose send time is before created_at is never sent: the creation notice
    already told everyone, and "in 1 hour" would be false 30 minutes before the start.
    Reminders missed while the bot was down are still sent if the meeting has not
    started, but only the latest of them (the others are SUPERSEDED), so members do not
    get "tomorrow" and "in 1 hour" at the same moment. Render the real time left.
    """
    for value, name in ((starts_at, "starts_at"), (now, "now"), (created_at, "created_at")):
        require_aware(value, name)
    started = now >= starts_at
    plans: list[ReminderPlan] = []
    overdue: list[int] = []
    for offset in sorted(set(offsets), reverse=True):
        send_at = starts_at - offset
        if offset in sent:
            status = ReminderStatus.SENT
        elif send_at < created_at:
            status = ReminderStatus.BEFORE_CREATION
        elif send_at > now:
            status = ReminderStatus.PENDING
        elif started:
            status = ReminderStatus.SKIPPED
        else:
            status = ReminderStatus.DUE
            overdue.append(len(plans))
        plans.append(ReminderPlan(offset, send_at, status))
    for index in overdue[:-1]:
        plans[index] = ReminderPlan(
            plans[index].offset, plans[index].send_at, ReminderStatus.SUPERSEDED
        )
    return plans


def due_reminders(
    starts_at: datetime,
    offsets: Iterable[timedelta],
    now: datetime,
    created_at: datetime,
    sent: Collection[timedelta] = (),
) -> list[DueReminder]:
    """The reminder to send now (zero or one); see plan_reminders for the rules."""
    return [
        DueReminder(plan.offset, plan.send_at)
        for plan in plan_reminders(starts_at, offsets, now, created_at, sent)
        if plan.status is ReminderStatus.DUE
    ]


def next_decision_at(
    starts_at: datetime,
    offsets: Iterable[timedelta],
    created_at: datetime,
    decided: Collection[timedelta] = (),
) -> datetime | None:
    """The earliest send time of a reminder still to be decided (sent, superseded or skipped).

    Stored per meeting so a scan reads only the meetings that need a decision, whatever
    their number. Independent of `now`: a value in the past means "overdue, decide now".
    """
    require_aware(starts_at, "starts_at")
    require_aware(created_at, "created_at")
    times = [
        starts_at - offset
        for offset in set(offsets)
        if offset not in decided and starts_at - offset >= created_at
    ]
    return min(times, default=None)


# How late a reminder may go out and still say the time it was set for: a tick's lateness
# (seconds), never so much that "5 minutes" would be said with 3 left.
_LEAD_SLACK = timedelta(minutes=2)


def reminder_lead(offset: timedelta, left: timedelta) -> timedelta:
    """The time left to announce: the offset set ("1小时", not "59分钟") when the reminder goes
    out about on time, else the real time left rounded to the nearest minute (a reminder
    sent late after the bot was down must not claim more time than there is)."""
    slack = min(_LEAD_SLACK, offset / 5)
    if offset - slack <= left <= offset + slack:
        return offset
    return timedelta(minutes=round(max(left, timedelta(0)) / timedelta(minutes=1)))
