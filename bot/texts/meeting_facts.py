"""Meeting facts as text in one language: times in the branch's zone, type and audience names.

Presentation, so it lives with the texts: handlers show these facts, and the meetings services
write them into the notices the outbox sends later (a job has no handler to ask).
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.domain.meetings import Audience, AudienceKind, MeetingType, local_parts
from bot.domain.meetings.recurrence import Freq, Recurrence
from bot.texts import dates, t


class Timed(Protocol):
    """Enough of a meeting to say when it is (a meeting's view or row)."""

    @property
    def starts_at(self) -> datetime: ...

    @property
    def ends_at(self) -> datetime | None: ...


HOME_TZ = "Asia/Shanghai"
_A_MONDAY = date(2024, 1, 1)


def weekday_name(weekday: int, lang: str) -> str:
    """'周一' / 'Mon' for weekday 0 (Monday) .. 6."""
    return dates.weekday(_A_MONDAY + timedelta(days=weekday), lang)


def day_label(day: date, lang: str, *, year: bool = False) -> str:
    """'12月26日（周六）' / 'Sat, Dec 26'.

    With the year: '2026年12月26日（周六）' / 'Sat, Dec 26, 2026'.
    """
    day = date(day.year, day.month, day.day)  # a local datetime too: its calendar day only
    shown = dates.day_long(day, lang) if year else dates.day(day, lang)
    if lang == "en":
        return f"{dates.weekday(day, lang)}, {shown}"
    return f"{shown}（{dates.weekday(day, lang)}）"


def when(dt_utc: datetime, tz: str, lang: str, *, year: bool = True) -> str:
    """A start time as the branch reads it, with the zone named unless it is China time."""
    p = local_parts(dt_utc, tz)
    label = day_label(p.date, lang, year=year)
    separator = ", " if lang == "en" else ""
    text = f"{label}{separator}{dates.clock(dt_utc, tz)}"
    if tz != HOME_TZ:
        text += f" ({p.tz_abbrev})"
    return text


def short_day(dt_utc: datetime, tz: str, lang: str) -> str:
    """'3月3日' / 'Mar 3': enough to tell two meetings of the same name apart on a button."""
    return dates.day(local_parts(dt_utc, tz).date, lang)


def clock_time(dt_utc: datetime, tz: str) -> str:
    return dates.clock(dt_utc, tz)


def span(meeting: Timed, tz: str, lang: str) -> str:
    """'2026年12月26日（周六）09:00–10:30'."""
    text = when(meeting.starts_at, tz, lang)
    if meeting.ends_at is not None:
        end = clock_time(meeting.ends_at, tz)
        head, sep, zone = text.partition(" (")
        text = f"{head}–{end}" + (f" ({zone}" if sep else "")
    return text


def type_name(value: str, lang: str) -> str:
    try:
        return t(f"meetings.type.{MeetingType(value).value}", lang)
    except ValueError:
        return t("meetings.type.other", lang)


def heading(meeting_type: str, title: str, lang: str) -> str:
    """'党课：学习新党章' (plain text); just the title when it already says the type.

    So a title like '党课：学习新党章' or '主题党日' is not shown as '党课：党课：…' or
    '主题党日：主题党日'.
    """
    label = type_name(meeting_type, lang)
    clean = title.strip()
    labels = {label, type_name(meeting_type, "zh")}
    if not clean or any(clean.casefold().startswith(x.casefold()) for x in labels):
        return clean or label
    return t("meetings.heading", lang, type=label, title=clean)


# Zones people name by a city rather than by their IANA name.
_ZONE_KEYS = {
    "Asia/Shanghai": "shanghai",
    "Asia/Chongqing": "shanghai",
    "Asia/Harbin": "shanghai",
    "PRC": "shanghai",
    "Asia/Urumqi": "urumqi",
    "Asia/Hong_Kong": "hong_kong",
    "Asia/Macau": "macau",
    "Asia/Taipei": "taipei",
    "Europe/Berlin": "berlin",
    "Europe/London": "london",
    "America/New_York": "new_york",
}


def zone_name(tz: str, lang: str) -> str:
    """'北京时间' for Asia/Shanghai and other common zones; '时区（America/Chicago）' otherwise."""
    key = _ZONE_KEYS.get(tz)
    if key is not None:
        return t(f"meetings.zone.{key}", lang)
    return t("meetings.zone.other", lang, name=tz)


def audience_name(audience: str, lang: str, group_names: dict[int, str]) -> str:
    try:
        parsed = Audience.from_string(audience)
    except ValueError:
        return audience
    if parsed.kind is AudienceKind.GROUP:
        name = group_names.get(parsed.group_id or 0, "?")
        return t("meetings.audience.group_named", lang, name=html.escape(name))
    if parsed.kind is AudienceKind.CATEGORY:
        key = f"meetings.category.{parsed.category}"
        return t("meetings.audience.category_named", lang, name=t(key, lang))
    return t(f"meetings.audience.{parsed.kind.value}", lang)


def time_left(delta: timedelta, lang: str) -> str:
    """'1天' / '1小时20分钟' / '5 min': the real time left, rounded down to minutes."""
    minutes = max(0, int(delta / timedelta(minutes=1)))
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts: list[str] = []
    units = ("d", "h", "min") if lang == "en" else ("天", "小时", "分钟")
    for value, unit in zip((days, hours, mins), units, strict=True):
        if value:
            parts.append(f"{value} {unit}" if lang == "en" else f"{value}{unit}")
    if days:
        parts = parts[:2]
    return (" " if lang == "en" else "").join(parts) or ("0 min" if lang == "en" else "不到1分钟")


def recurrence_text(rec: Recurrence, lang: str) -> str:
    """'每月26日 09:00' / 'monthly on day 26 at 09:00', for the notice and confirmations."""
    clock = f"{rec.time_of_day:%H:%M}"
    if rec.byweekday:
        days = "、".join(_weekday_spec(w.weekday, w.nth, lang) for w in rec.byweekday)
        if lang == "en":
            days = ", ".join(_weekday_spec(w.weekday, w.nth, lang) for w in rec.byweekday)
    else:
        days = "、".join(_monthday(d, lang) for d in rec.bymonthday)
        if lang == "en":
            days = ", ".join(_monthday(d, lang) for d in rec.bymonthday)
    key = {
        Freq.WEEKLY: "meetings.rec.weekly",
        Freq.MONTHLY: "meetings.rec.monthly",
        Freq.QUARTERLY: "meetings.rec.quarterly",
        Freq.YEARLY: "meetings.rec.yearly",
    }[rec.freq]
    month = str(rec.bymonth[0]) if rec.bymonth else ""
    if rec.interval != 1 and rec.freq in (Freq.WEEKLY, Freq.MONTHLY):
        key += "_n"
    return t(key, lang, days=days, time=clock, n=rec.interval, month=month)


def _weekday_spec(weekday: int, nth: int | None, lang: str) -> str:
    name = weekday_name(weekday, lang)
    if nth is None:
        return name
    if lang == "en":
        order = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", -1: "last"}[nth]
        return f"{order} {name}"
    order_zh = {1: "第一个", 2: "第二个", 3: "第三个", 4: "第四个", -1: "最后一个"}[nth]
    return f"{order_zh}{name}"


def _monthday(day: int, lang: str) -> str:
    if day == -1:
        return "last day" if lang == "en" else "最后一天"
    return f"day {day}" if lang == "en" else f"{day}日"
