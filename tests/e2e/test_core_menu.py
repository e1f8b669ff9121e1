"""The big-button menu reaches every member feature without typing a command."""

from __future__ import annotations

from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, Person, make_world
from tests.said import said


async def test_dues_and_hours_are_one_tap_away(harness: Harness) -> None:
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    wang = w.user("王阿姨")
    await wang.send("/start")
    home = await wang.wait_message()
    assert home.reply_keyboard is not None
    flat = [b for row in home.reply_keyboard for b in row]
    assert t("menu.dues", "zh") in flat and t("menu.hours", "zh") in flat
    await wang.press(t("menu.dues", "zh"))
    await wang.wait_message(contains=said("dues.title"))
    await wang.press(t("menu.hours", "zh"))
    await wang.wait_message(contains=said("hours.menu"))
