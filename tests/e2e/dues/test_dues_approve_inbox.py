"""/approve is one inbox: a dues claim waiting for confirmation is there with its buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

import jobs.dues
from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
async def dues_ticks_by_hand(harness: Harness) -> AsyncIterator[None]:
    await jobs.dues.stop(harness.app)
    yield
    await jobs.dues.stop(harness.app)


async def test_a_waiting_dues_claim_is_in_approve_and_a_member_is_refused(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    sec, wang = w.user(SECRETARY.name), w.user("王阿姨")
    await sec.send("/approve")
    await sec.wait_message(contains=said("members.approve.none"))

    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    # Officers are told of the claim as it comes; /approve must show it again, later.
    await sec.wait_message(contains=said("dues.ask.payment"))

    await sec.send("/approve")
    ask = await sec.wait_message(contains=said("dues.ask.payment", name="王阿姨"))
    assert "✅ 确认" in ask.button_texts()
    await sec.press("✅ 确认", message_id=ask.message_id)
    await wang.wait_message(contains=said("dues.told.confirmed"))

    await wang.send("/approve")
    refused = await wang.wait_message()
    assert "王阿姨" not in refused.body and "确认" not in refused.button_texts()


async def test_an_officers_start_lists_the_waiting_dues_claim(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    sec, wang = w.user(SECRETARY.name), w.user("王阿姨")
    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    await sec.wait_message(contains=said("dues.ask.payment"))
    await sec.send("/start")
    todo = await sec.wait_message(contains=said("home.todo.head"))
    assert t("home.todo.dues_payment", "zh", n=1) in todo.body
