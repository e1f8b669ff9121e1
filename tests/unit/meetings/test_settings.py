"""Branch meeting settings: stored JSON in, validated values out, bad values ignored."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.domain.meetings import MeetingType
from bot.domain.meetings.cadence import DEFAULT_CADENCE, Period
from bot.services.meetings.branch_settings import BranchSettings
from bot.services.meetings.settings import MeetingSettings, from_branch_settings, merged
from handlers.meetings.settings import page_text


def test_defaults_when_nothing_is_stored() -> None:
    cfg = from_branch_settings({})
    assert cfg.reminders == (timedelta(days=1), timedelta(hours=1))
    assert (cfg.opens_before, cfg.closes_after) == (timedelta(minutes=30), timedelta(hours=1))
    assert cfg.radius_m == 300 and dict(cfg.cadence) == dict(DEFAULT_CADENCE)
    assert from_branch_settings(None) == cfg


def test_round_trip_keeps_other_features_settings() -> None:
    cfg = replace(
        MeetingSettings(),
        reminders=(timedelta(hours=2),),
        closes_after=timedelta(minutes=120),
        radius_m=500,
        cadence={MeetingType.LECTURE: Period.MONTH},
    )
    stored = merged({"dues": {"x": 1}}, cfg)
    assert stored["dues"] == {"x": 1}
    assert stored["meetings"]["reminders"] == "2h"
    assert from_branch_settings(stored) == cfg


def test_invalid_values_fall_back_one_by_one() -> None:
    cfg = from_branch_settings(
        {
            "meetings": {
                "reminders": "sometimes",
                "radius_m": -5,
                "opens_before_min": "thirty",
                "closes_after_min": 90,
                "cadence": {"tea_party": "month"},
            }
        }
    )
    assert cfg.reminders == MeetingSettings().reminders
    assert cfg.radius_m == 300 and cfg.opens_before == timedelta(minutes=30)
    assert cfg.closes_after == timedelta(minutes=90)
    assert dict(cfg.cadence) == dict(DEFAULT_CADENCE)
    assert from_branch_settings({"meetings": "garbage"}) == MeetingSettings()


def test_settings_page_uses_the_languages_colon_and_names_zones() -> None:
    s = BranchSettings(1, "支部", "Asia/Shanghai", from_branch_settings({}))
    en = page_text(s, "en")
    assert "：" not in en.replace("支部", "")
    assert "Beijing time" in en and "Asia/Shanghai" not in en
    zh = page_text(s, "zh")
    assert "北京时间" in zh and "Asia/Shanghai" not in zh
    other = page_text(replace(s, tz="America/Chicago"), "zh")
    assert "时区（America/Chicago）" in other
    urumqi = page_text(replace(s, tz="Asia/Urumqi"), "zh")
    assert "乌鲁木齐时间" in urumqi
