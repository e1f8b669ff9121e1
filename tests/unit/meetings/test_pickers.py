"""The no-typing pickers: the offered repeat rules parse, days and hours are what is shown."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.meetings.recurrence import Freq
from handlers.meetings import pickers as pick
from handlers.meetings.buttons import CancelDraft, PickDay, PickHour


def test_repeat_rules_offered_for_a_date_all_parse() -> None:
    day = date(2026, 3, 26)  # the fourth Thursday, first month of no quarter
    phrases = pick.repeat_phrases(day, 9, 0)
    assert phrases == {
        "w": "每周四 09:00",
        "m": "每月26日 09:00",
        "mn": "每月第4个周四 09:00",
        "q": "每季度末月26日 09:00",
    }
    rules = {code: pick.repeat_rule(code, day, 9, 0, "Asia/Shanghai") for code in phrases}
    assert rules["w"] is not None and rules["w"].freq is Freq.WEEKLY
    assert rules["q"] is not None and rules["q"].bymonth == (3, 6, 9, 12)
    assert pick.repeat_rule("typed", day, 9, 0, "Asia/Shanghai") is None  # no phrase of its own
    assert "mn" not in pick.repeat_phrases(date(2026, 3, 30), 9, 0)  # a fifth Monday


def test_day_and_hour_pickers() -> None:
    cancel = CancelDraft().data
    days = pick.day_picker(lambda d: PickDay(d).data, date(2026, 3, 2), "zh", cancel)
    buttons = [b for row in days.inline_keyboard for b in row]
    assert (
        buttons[0].text == "今天 3月2日（周一）"
        and buttons[0].callback_data == PickDay(date(2026, 3, 2)).data
    )
    assert buttons[1].text.startswith("明天") and len(buttons) == pick.DAYS_AHEAD + 1
    hours = pick.hour_picker(
        lambda h: PickHour(h).data, date(2026, 3, 2), datetime(2026, 3, 2, 15, 20), "zh", cancel
    )
    texts = [b.text for row in hours.inline_keyboard for b in row][:-1]
    assert texts[0] == "15:00" and texts[-1] == "21:00"
    later = pick.hour_picker(
        lambda h: PickHour(h).data, date(2026, 3, 3), datetime(2026, 3, 2, 15, 20), "zh", cancel
    )
    assert next(b.text for row in later.inline_keyboard for b in row) == "07:00"
