"""The power users' one-line form of /newmeeting.

    /newmeeting 类型 | 时间 | 地点 | 主题 [| 议程]

类型: 支部党员大会 / 党员大会, 支委会, 党小组会, 党课, 主题党日, 组织生活会, 民主评议, 其他
      (or the English codes: general_meeting, committee, ...).
时间: "2026-12-26 09:00", "2026-12-26 09:00-10:30" (with an end), or a repeating rule
      understood by parse_recurrence: "每月26日 09:00", "每季度第一个周一 9:00".
地点: free text, "-" for none.   主题: free text; empty means the type's name.
The audience is the type's usual one (a party group meeting: the secretary's own group).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from bot.domain.blank import means_none
from bot.domain.meetings import MeetingType
from bot.domain.meetings.recurrence import Recurrence, RecurrenceError, parse_recurrence

TYPE_WORDS: dict[str, MeetingType] = {
    "支部党员大会": MeetingType.GENERAL_MEETING,
    "党员大会": MeetingType.GENERAL_MEETING,
    "支委会": MeetingType.COMMITTEE,
    "支部委员会": MeetingType.COMMITTEE,
    "党小组会": MeetingType.GROUP_MEETING,
    "小组会": MeetingType.GROUP_MEETING,
    "党课": MeetingType.LECTURE,
    "主题党日": MeetingType.THEME_DAY,
    "组织生活会": MeetingType.LIFE_MEETING,
    "民主评议": MeetingType.APPRAISAL,
    "民主评议党员": MeetingType.APPRAISAL,
    "其他": MeetingType.OTHER,
    "其它": MeetingType.OTHER,
}
_DATETIME = re.compile(
    r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s+(\d{1,2})[:：](\d{2})"
    r"(?:\s*[-–~至到]\s*(\d{1,2})[:：](\d{2}))?$"
)
_SPLIT = re.compile(r"\s*[|｜]\s*")


@dataclass(frozen=True)
class OneLine:
    """The parsed fields; with a recurrence, start_local only carries the series start date."""

    type: MeetingType
    title: str
    place: str | None
    agenda: str | None
    start_local: datetime
    duration: timedelta | None
    recurrence: Recurrence | None


def parse_type(word: str) -> MeetingType | None:
    clean = unicodedata.normalize("NFKC", word).strip()
    if clean in TYPE_WORDS:
        return TYPE_WORDS[clean]
    try:
        return MeetingType(clean.lower())
    except ValueError:
        return None


def _when(text: str) -> tuple[datetime, timedelta | None] | None:
    match = _DATETIME.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    y, mo, d, h, mi, eh, em = match.groups()
    try:
        start = datetime.combine(date(int(y), int(mo), int(d)), time(int(h), int(mi)))
        if eh is None:
            return start, None
        end = datetime.combine(start.date(), time(int(eh), int(em)))
    except ValueError:
        return None
    # An end before the start is kept as given so validation can name the problem.
    return start, end - start


def parse_one_line(text: str, tz: str, today: date) -> OneLine | str:
    """The fields, or an error code: "fields", "type", "when" or a RecurrenceError value."""
    parts = _SPLIT.split(text.strip())
    if len(parts) < 3 or len(parts) > 5:
        return "fields"
    meeting_type = parse_type(parts[0])
    if meeting_type is None:
        return "type"
    place = None if means_none(parts[2]) else parts[2]
    title = parts[3] if len(parts) > 3 and parts[3] else ""
    agenda = parts[4] if len(parts) > 4 and parts[4] else None
    when = _when(parts[1])
    if when is not None:
        start, duration = when
        return OneLine(meeting_type, title, place, agenda, start, duration, None)
    if re.match(r"^\d{4}[-/.年]", parts[1].strip()):
        return "when"
    rule = parse_recurrence(parts[1], tz)
    if isinstance(rule, RecurrenceError):
        return rule.value
    # The series starts today; its first occurrence is the next one from now.
    start = datetime.combine(today, rule.time_of_day)
    return OneLine(meeting_type, title, place, agenda, start, None, rule)
