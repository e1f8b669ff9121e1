"""Buttons that replace typing: days, hours, minutes, durations, repeat rules, audiences.

The day, hour and minute pickers serve /newmeeting and moving a meeting: each is given a
function that makes a chosen value's button data (and the cancel button's data).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from telegram import InlineKeyboardMarkup

from bot.domain.meetings import MeetingType
from bot.domain.meetings.recurrence import Recurrence, RecurrenceError, parse_recurrence
from bot.domain.members.fields import Category
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.keyboards import inline
from handlers.meetings.buttons import (
    AudienceCategory,
    AudienceGroup,
    AudienceWide,
    CancelDraft,
    PickDuration,
    PickRepeat,
    PickType,
    RepeatCode,
)

DAYS_AHEAD = 14
HOURS = range(7, 22)
MINUTES = (0, 15, 30, 45)
DURATIONS = (60, 90, 120, 180, 0)
CATEGORIES = (
    Category.RETIRED,
    Category.EMPLOYED,
    Category.DIRECT,
    Category.MOBILE,
    Category.PROBATIONARY,
    Category.ACTIVIST,
)
_QUARTER_POSITION = {1: "首月", 2: "次月", 0: "末月"}

Make = Callable[[int], str]


def _cancel_row(lang: str) -> list[tuple[str, str]]:
    return [(t("meetings.btn.cancel", lang), CancelDraft().data)]


def day_picker(
    make: Callable[[date], str], today: date, lang: str, cancel: str
) -> InlineKeyboardMarkup:
    """Today, tomorrow, then weekday names with dates, two per row."""
    buttons: list[tuple[str, str]] = []
    for offset in range(DAYS_AHEAD):
        day = today + timedelta(days=offset)
        label = render.day_label(day, lang)
        if offset == 0:
            label = t("meetings.day.today", lang, day=label)
        elif offset == 1:
            label = t("meetings.day.tomorrow", lang, day=label)
        buttons.append((label, make(day)))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(t("meetings.btn.cancel", lang), cancel)])
    return inline(rows)


def hour_picker(
    make: Make, day: date, now_local: datetime, lang: str, cancel: str
) -> InlineKeyboardMarkup:
    """Hours 07-21 (past hours of today left out), four per row."""
    hours = [h for h in HOURS if day > now_local.date() or h >= now_local.hour]
    buttons = [(f"{h:02d}:00", make(h)) for h in hours or HOURS]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    rows.append([(t("meetings.btn.cancel", lang), cancel)])
    return inline(rows)


def minute_picker(make: Make, hour: int, lang: str, cancel: str) -> InlineKeyboardMarkup:
    buttons = [(f"{hour:02d}:{m:02d}", make(m)) for m in MINUTES]
    return inline([buttons, [(t("meetings.btn.cancel", lang), cancel)]])


def duration_picker(lang: str) -> InlineKeyboardMarkup:
    buttons = [(t(f"meetings.dur.{d}", lang), PickDuration(d).data) for d in DURATIONS]
    return inline([buttons[:2], buttons[2:4], buttons[4:], _cancel_row(lang)])


def repeat_phrases(day: date, hour: int, minute: int) -> dict[RepeatCode, str]:
    """Repeat rules offered for a chosen first date, as zh phrases parse_recurrence reads."""
    clock = f"{hour:02d}:{minute:02d}"
    weekday = "一二三四五六日"[day.weekday()]
    nth = (day.day - 1) // 7 + 1
    found: dict[RepeatCode, str] = {"w": f"每周{weekday} {clock}", "m": f"每月{day.day}日 {clock}"}
    if nth <= 4:
        found["mn"] = f"每月第{nth}个周{weekday} {clock}"
    found["q"] = f"每季度{_QUARTER_POSITION[day.month % 3]}{day.day}日 {clock}"
    return found


def repeat_rule(code: RepeatCode, day: date, hour: int, minute: int, tz: str) -> Recurrence | None:
    phrase = repeat_phrases(day, hour, minute).get(code)
    if phrase is None:
        return None
    rule = parse_recurrence(phrase, tz)
    return None if isinstance(rule, RecurrenceError) else rule


def repeat_picker(day: date, hour: int, minute: int, tz: str, lang: str) -> InlineKeyboardMarkup:
    rows = [[(t("meetings.btn.once", lang), PickRepeat("once").data)]]
    for code in repeat_phrases(day, hour, minute):
        rule = repeat_rule(code, day, hour, minute, tz)
        if rule is not None:
            rows.append([(render.recurrence_text(rule, lang), PickRepeat(code).data)])
    rows.append([(t("meetings.btn.rule_typed", lang), PickRepeat("typed").data)])
    rows.append(_cancel_row(lang))
    return inline(rows)


def type_picker(branch_wide: bool, lang: str) -> InlineKeyboardMarkup:
    types = [
        mt
        for mt in MeetingType
        if branch_wide or mt not in (MeetingType.GENERAL_MEETING, MeetingType.COMMITTEE)
    ]
    buttons = [(render.type_name(mt.value, lang), PickType(mt).data) for mt in types]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(_cancel_row(lang))
    return inline(rows)


def audience_picker(
    groups: dict[int, str], branch_wide: bool, only_groups: bool, lang: str
) -> InlineKeyboardMarkup:
    rows: list[list[tuple[str, str]]] = []
    if branch_wide and not only_groups:
        rows.append(
            [
                (t("meetings.audience.branch", lang), AudienceWide("branch").data),
                (t("meetings.audience.committee", lang), AudienceWide("committee").data),
            ]
        )
    group_buttons = [(name, AudienceGroup(gid).data) for gid, name in groups.items()]
    rows += [group_buttons[i : i + 2] for i in range(0, len(group_buttons), 2)]
    if branch_wide and not only_groups:
        cats = [(t(f"meetings.category.{c}", lang), AudienceCategory(c).data) for c in CATEGORIES]
        rows += [cats[i : i + 3] for i in range(0, len(cats), 3)]
    rows.append(_cancel_row(lang))
    return inline(rows)
