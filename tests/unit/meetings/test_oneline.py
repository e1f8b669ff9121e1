"""The one-line /newmeeting format."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from bot.domain.meetings import MeetingType
from bot.domain.meetings.recurrence import Freq
from bot.services.meetings.oneline import parse_one_line, parse_type

TODAY = date(2026, 3, 2)


def test_full_line_with_end_time_and_agenda() -> None:
    parsed = parse_one_line(
        "主题党日 | 2026-12-26 09:00-10:30 | 社区活动室 | 学习二十大精神 | 一、学习；二、讨论",
        "Asia/Shanghai",
        TODAY,
    )
    assert not isinstance(parsed, str)
    assert parsed.type is MeetingType.THEME_DAY
    assert parsed.start_local == datetime(2026, 12, 26, 9, 0)
    assert parsed.duration == timedelta(minutes=90)
    assert (parsed.place, parsed.title, parsed.agenda) == (
        "社区活动室",
        "学习二十大精神",
        "一、学习；二、讨论",
    )
    assert parsed.recurrence is None


def test_full_width_bars_chinese_date_and_no_place() -> None:
    parsed = parse_one_line("党课｜2026年3月5日 19:30｜-｜", "Asia/Shanghai", TODAY)
    assert not isinstance(parsed, str)
    assert parsed.start_local == datetime(2026, 3, 5, 19, 30)
    assert parsed.place is None and parsed.title == ""


def test_recurrence_phrase_starts_the_series_today() -> None:
    parsed = parse_one_line(
        "支委会 | 每月第一个周一 9:00 | 书记室 | 月度支委会", "Asia/Shanghai", TODAY
    )
    assert not isinstance(parsed, str)
    assert parsed.recurrence is not None and parsed.recurrence.freq is Freq.MONTHLY
    assert parsed.start_local == datetime.combine(TODAY, time(9, 0))


def test_errors_are_codes() -> None:
    tz = "Asia/Shanghai"
    assert parse_one_line("主题党日 | 2026-12-26 09:00", tz, TODAY) == "fields"
    assert parse_one_line("茶话会 | 2026-12-26 09:00 | x | y", tz, TODAY) == "type"
    assert parse_one_line("党课 | 2026-02-30 09:00 | x | y", tz, TODAY) == "when"
    assert parse_one_line("党课 | 随便什么时候 | x | y", tz, TODAY) == "recurrence_not_understood"
    assert parse_one_line("党课 | 26日 09:00 | x | y", tz, TODAY) == "recurrence_no_frequency"


def test_type_words_in_both_languages() -> None:
    assert parse_type("支部党员大会") is MeetingType.GENERAL_MEETING
    assert parse_type(" 党员大会 ") is MeetingType.GENERAL_MEETING
    assert parse_type("theme_day") is MeetingType.THEME_DAY
    assert parse_type("LECTURE") is MeetingType.LECTURE
    assert parse_type("座谈会") is None
