"""Forged button data and /start payloads: absurd ids, impossible dates, out-of-range fields.

Every kind of button the bot makes is pressed with numbers no button of ours carries; each
press must get a polite answer and never reach the error handler (an overflow, a bad date).
"""

from __future__ import annotations

import logging
import re

import pytest

from bot.domain.payloads import MAX_ID
from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, Person, make_world
from tests.forged_data import all_templates
from tests.said import said

HUGE = str(10**30)
INT64 = str(2**63)
BIG = str(MAX_ID)  # passes the guard: the handlers must cope with an id that does not exist

ABSURD = [
    {"n": HUGE, "d": "20261399", "h": "99", "m": "77", "s": "99999", "y": "202613"},
    {"n": INT64, "d": "99999999", "h": "24", "m": "60", "s": "400000", "y": "999999"},
    {"n": BIG, "d": "20260230", "h": "23", "m": "59", "s": "399", "y": "190001"},
]


def expand(template: str) -> list[str]:
    return [fill(template, values) for values in ABSURD]


def fill(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w)\}", lambda m: values[m.group(1)], template)


@pytest.mark.timeout(300)
async def test_every_button_kind_with_absurd_numbers_gets_a_polite_answer(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    world = await make_world(harness, [SECRETARY, Person("党员小李", group="第一党小组")])
    failures: list[tuple[str, str, object]] = []
    for name in (SECRETARY.name, "党员小李"):
        person = world.user(name)
        await person.send("/help")
        anchor = await person.wait_message(contains=said("help.member"))
        for template in all_templates():
            for data in expand(template):
                if len(data.encode()) > 64:
                    continue  # Telegram itself refuses such a button
                with caplog.at_level(logging.ERROR):
                    caplog.clear()
                    answer = await person.press_data(data, anchor.message_id)
                    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
                if not answer.get("answered") or errors:
                    failures.append((name, data, errors))
    assert not failures, "\n".join(map(str, failures))


@pytest.mark.parametrize(
    "payload",
    [f"c_{HUGE}_ABC123", f"c_{INT64}_ABC123", f"c_{BIG}_ABC123", f"i_{HUGE}", f"b_{HUGE}x", "s_"],
)
async def test_start_payloads_with_absurd_numbers_get_a_polite_answer(
    harness: Harness, caplog: pytest.LogCaptureFixture, payload: str
) -> None:
    person = await harness.user("王大爷")
    with caplog.at_level(logging.ERROR):
        await person.start(payload)
        reply = await person.wait_message()
    assert reply.text and t("error.generic", "zh") not in reply.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
