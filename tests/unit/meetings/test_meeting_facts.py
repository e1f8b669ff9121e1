"""How meeting facts read in each language and zone."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.domain.meetings.recurrence import Freq, Recurrence, WeekdaySpec
from bot.texts import meeting_facts as render


def test_when_in_china_and_in_a_zone_with_summer_time() -> None:
    at = datetime(2026, 3, 26, 1, 0, tzinfo=UTC)
    assert render.when(at, "Asia/Shanghai", "zh") == "2026年3月26日（周四）09:00"
    assert render.when(at, "Asia/Shanghai", "en") == "Thu, Mar 26, 2026, 09:00"
    summer = datetime(2026, 7, 1, 17, 0, tzinfo=UTC)
    assert render.when(summer, "Europe/Berlin", "zh", year=False) == "7月1日（周三）19:00 (CEST)"


def test_time_left_rounds_down_to_minutes() -> None:
    assert render.time_left(timedelta(days=1), "zh") == "1天"
    assert render.time_left(timedelta(hours=23, minutes=59, seconds=59), "zh") == "23小时59分钟"
    assert render.time_left(timedelta(days=2, hours=3, minutes=4), "en") == "2 d 3 h"
    assert render.time_left(timedelta(seconds=20), "zh") == "不到1分钟"


def test_recurrence_text() -> None:
    monthly = Recurrence(Freq.MONTHLY, time(9, 0), "Asia/Shanghai", bymonthday=(26,))
    assert render.recurrence_text(monthly, "zh") == "每月26日 09:00"
    quarterly = Recurrence(
        Freq.QUARTERLY, time(9, 0), "Asia/Shanghai", byweekday=(WeekdaySpec(0, 1),)
    )
    assert render.recurrence_text(quarterly, "zh") == "每季度第1个月第一个周一 09:00"
    weekly = Recurrence(
        Freq.WEEKLY, time(19, 30), "Asia/Shanghai", interval=2, byweekday=(WeekdaySpec(1),)
    )
    assert render.recurrence_text(weekly, "en") == "every 2 weeks on Tue at 19:30"


def test_heading_does_not_repeat_the_type() -> None:
    assert render.heading("lecture", "学习新修订的党章", "zh") == "党课：学习新修订的党章"
    assert render.heading("lecture", "党课：学习新修订的党章", "zh") == "党课：学习新修订的党章"
    assert render.heading("theme_day", "主题党日", "zh") == "主题党日"
    assert render.heading("theme_day", " 主题党日 ", "zh") == "主题党日"
    assert render.heading("theme_day", "", "zh") == "主题党日"
    assert render.heading("theme_day", "主题党日", "en").startswith("主题党日")
    assert render.heading("theme_day", "March study", "en") == "Theme Party Day: March study"


def test_type_and_audience_names() -> None:
    assert render.type_name("theme_day", "zh") == "主题党日"
    assert render.type_name("no_such_type", "zh") == "其他活动"
    assert render.audience_name("group:7", "zh", {7: "第一党小组"}) == "第一党小组"
    assert render.audience_name("category:retired", "zh", {}) == "全体离退休党员"
    assert render.audience_name("committee", "en", {}) == "Committee"
