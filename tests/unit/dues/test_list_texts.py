"""Lists in dues and hours texts read right in each language (no 「、」 inside English)."""

from __future__ import annotations

from decimal import Decimal

from bot.services.dues import telling
from bot.services.dues.recording import Recorded
from bot.services.dues.reminders import _name_list
from handlers.dues import views
from handlers.dues.officer import recorded_text
from handlers.hours.activity import _names


def test_month_lists() -> None:
    assert telling.months_text([202604, 202603], "zh") == "2026年3月、2026年4月"
    assert telling.months_text([202604, 202603], "en") == "2026-03, 2026-04"
    assert views.months_text([202603, 202604], "en") == "2026-03, 2026-04"


def test_name_lists() -> None:
    people = [("王阿姨", 3, Decimal("30.00")), ("<b>李</b>", 4, Decimal("40.00"))]
    assert _name_list(people, "zh") == "王阿姨（3）、&lt;b&gt;李&lt;/b&gt;（4）"
    assert _name_list(people, "en") == "王阿姨 (3), &lt;b&gt;李&lt;/b&gt; (4)"
    assert _names(("甲", "乙"), "en") == "甲, 乙"
    assert _names(("甲", "乙"), "zh") == "甲、乙"


def test_skipped_list() -> None:
    result = Recorded((), (("甲", "self"), ("乙", "nothing_owed")), Decimal("0"), Decimal("0"))
    text = recorded_text(result, "en")
    assert "甲 (" in text and "; 乙 (already paid)" in text and "；" not in text
