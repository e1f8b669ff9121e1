"""Incomes are seen by the secretary and the one committee member in charge of dues only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

import jobs.dues
from handlers.dues.buttons import ConfirmPayment, Ledger
from storage.models.core import AuditEntry
from storage.models.dues import DuesPayment
from tests.e2e.conftest import Harness
from tests.e2e.dues.world import put_in_charge
from tests.e2e.meetings.world import (
    SECRETARY,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
PEOPLE = [
    SECRETARY,
    Person("委员老李", role="committee"),
    Person("委员小周", role="committee"),
    Person("王阿姨", group="第一党小组"),
]


@pytest.fixture(autouse=True)
async def dues_ticks_by_hand(harness: Harness) -> AsyncIterator[None]:
    await jobs.dues.stop(harness.app)
    yield
    await jobs.dues.stop(harness.app)


async def test_only_the_committee_member_in_charge_handles_dues(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec, li, zhou = w.user(SECRETARY.name), w.user("委员老李"), w.user("委员小周")

    # Nobody is in charge yet: a committee member is refused like a member.
    await li.send("/duesbasis 王阿姨 退休 5000")
    refused = await li.wait_message()
    assert not said("dues.basis.set").search(refused.body)
    # Only the secretary names the treasurer, and only a committee member can be named.
    await li.send("/duestreasurer 委员老李")
    assert not said("dues.treasurer.done").search((await li.wait_message()).body)
    await sec.send("/duestreasurer 王阿姨")
    await sec.wait_message(contains=said("dues.rule.treasurer_not_committee"))
    await put_in_charge(sec, "委员老李")

    await li.send("/duesbasis 王阿姨 退休 5000")
    await li.wait_message(contains=said("dues.basis.set"))
    wang = w.user("王阿姨")
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    ask = await li.wait_message(contains=said("dues.ask.payment"))

    # The other committee member sees no officer screen and cannot confirm or get the ledger.
    await zhou.send("/dues")
    own = await zhou.wait_message(contains=said("dues.title"))
    labels = [b["text"] for row in own.inline_buttons for b in row]
    assert not any("台账" in x or "待确认" in x for x in labels)
    async with harness.data.db.transaction() as s:
        payment = await s.scalar(
            select(DuesPayment).where(DuesPayment.member_id == w.ids["王阿姨"])
        )
        assert payment is not None
    forged = await zhou.press_data(ConfirmPayment(payment.id).data, own.message_id)
    assert "只有" in (forged.get("text") or "")
    ledger = await zhou.press_data(Ledger().data, own.message_id)
    assert "只有" in (ledger.get("text") or "")

    await li.press("✅ 确认", message_id=ask.message_id)
    await wang.wait_message(contains=said("dues.told.confirmed"))
    async with harness.data.db.transaction() as s:
        actions = list(
            await s.scalars(select(AuditEntry.action).where(AuditEntry.branch_id == w.branch_id))
        )
    assert "dues.treasurer" in actions
