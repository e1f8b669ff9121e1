"""党费 end to end: a member's own basis report, 有疑问 and a second claim with a receipt photo,
settings, pauses, 3/5/6-month alerts, remittance and reconciliation."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

import jobs.dues
from storage.models.dues import DuesLine, DuesPayment, DuesRemittance
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    recipients,
    start_sender,
)
from tests.said import said

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 2 March, 10:00 in Shanghai
PHOTO = b"\xff\xd8\xff\xe0 receipt"
PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("赵叔", group="第二党小组"),
]


@pytest.fixture(autouse=True)
async def dues_ticks_by_hand(harness: Harness) -> AsyncIterator[None]:
    await jobs.dues.stop(harness.app)
    yield
    await jobs.dues.stop(harness.app)


async def payments(h: Harness, member_id: int) -> list[DuesPayment]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(DuesPayment).where(DuesPayment.member_id == member_id).order_by(DuesPayment.id)
        )
        return list(rows)


async def test_basis_report_question_and_second_claim_with_photo(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE[:2])
    wang, sec = w.user("王阿姨"), w.user("书记老张")
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    assert "还没有登记" in card.body
    await wang.press("📝 申报基数", message_id=card.message_id)
    await wang.wait_message(contains=said("dues.basis.choose"))
    await wang.press("离退休（养老金）")
    await wang.wait_message(contains=said("dues.basis.ask_amount"))
    await wang.send("三千")
    await wang.wait_message(contains=said("dues.amount.words"))
    await wang.send("4000")
    reported = await wang.wait_message(contains=said("dues.basis.reported"))
    assert "20.00" in reported.body
    ask = await sec.wait_message(contains=said("dues.ask.basis"))
    assert "4000" in ask.body and "王阿姨" in ask.body
    await sec.press("✅ 确认", message_id=ask.message_id)
    await wang.wait_message(contains=said("dues.told.basis_ok"))

    # 我已缴纳 with a receipt photo; the secretary questions it from 待确认.
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    await wang.send_photo(PHOTO)
    await wang.wait_message(contains=said("dues.pay.photo_saved"))
    first = (await payments(harness, w.ids["王阿姨"]))[0]
    assert first.photo_file_id is not None and first.amount == Decimal("20.00")

    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.glance", confirm=1))
    await sec.press("📥 待确认", message_id=card.message_id)
    item = await sec.wait_message(contains=said("dues.ask.photo"))
    await sec.press("❓ 有疑问", message_id=item.message_id)
    await sec.wait_message(contains=said("dues.decided.questioned"))
    await wang.wait_message(contains=said("dues.told.questioned"))
    async with harness.data.db.transaction() as s:
        line = await s.scalar(
            select(DuesLine).where(DuesLine.member_id == w.ids["王阿姨"], DuesLine.month == 202603)
        )
        assert line is not None and line.paid == Decimal("0.00") and line.claim_id is None

    # Reported again after talking it over: a new request the secretary can confirm.
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    states = [p.state for p in await payments(harness, w.ids["王阿姨"])]
    assert states == ["questioned", "pending"]
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("📥 待确认", message_id=card.message_id)
    item = await sec.wait_message(contains=said("dues.ask.payment"))
    await sec.press("✅ 确认", message_id=item.message_id)
    await wang.wait_message(contains=said("dues.told.confirmed"))


async def test_settings_pause_alerts_and_remittance(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    # Bases from months back: 李大爷 five months in arrears, 赵叔 six, 王阿姨 only this month.
    for line in (
        "/duesbasis 李大爷 退休 3000 2025-10",
        "/duesbasis 赵叔 退休 3000 2025-09",
        "/duesbasis 王阿姨 退休 3000",
    ):
        await sec.send(line)
        await sec.wait_message(contains=said("dues.basis.set"))
    await sec.send("/duesbasis 王阿姨 退休 3000 2025-01")
    await sec.wait_message(contains=said("dues.rule.too_old"))
    await sec.send("/duesset 2,20 2")
    await sec.wait_message(contains=said("dues.settings.done", days="2、20"))
    await sec.send("/duespause 王阿姨 长期住院")
    await sec.wait_message(contains=said("dues.pause.done"))

    report = await jobs.dues.tick(harness.data)
    assert report.reminded == 2
    serious = await recipients(harness, f"dues:remind:{w.branch_id}:2026-03-02:serious")
    assert serious == sorted([w.ids["李大爷"], w.ids["赵叔"]])
    assert await recipients(harness, f"dues:remind:{w.branch_id}:2026-03-02:gentle") == []
    alert5 = await sec.wait_message(contains=said("dues.alert.5"))
    assert "李大爷" in alert5.body and "赵叔" not in alert5.body
    alert6 = await sec.wait_message(contains=said("dues.alert.6"))
    assert "赵叔" in alert6.body
    await w.user("赵叔").wait_message(contains=said("dues.remind.serious"))
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    assert "赵叔" in card.body and "李大爷" in card.body

    # Pay 李大爷's March and hand it up; the reconciliation adds up.
    await sec.send("/duespaid 李大爷 15.00 2026-03")
    await sec.wait_message(contains=said("dues.record.done", count=1))
    await sec.send("/duesremit 2026-01 2026-12 15")
    await sec.wait_message(contains=said("dues.rule.bad_period"))
    await sec.send("/duesremit 2026-03 2026-03 15.001")
    await sec.wait_message(contains=said("dues.rule.too_precise"))
    await sec.send("/duesremit 2026-03 2026-03 10")
    done = await sec.wait_message(contains=said("dues.remit.done"))
    assert "收缴 15.00" in done.body and "已上缴 10.00" in done.body and "结存 5.00" in done.body
    await sec.send_photo(PHOTO)
    await sec.wait_message(contains=said("dues.pay.photo_saved"))
    async with harness.data.db.transaction() as s:
        # The database is shared by the session's tests: this branch's row, not the first.
        remitted = await s.scalar(
            select(DuesRemittance).where(DuesRemittance.branch_id == w.branch_id)
        )
        assert remitted is not None and remitted.photo_file_id is not None
        assert remitted.amount == Decimal("10.00")
