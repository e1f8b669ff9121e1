"""党费 end to end: basis, 「我已缴纳」 confirmed once, bulk recording, reminders, 公示, ledger."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

import jobs.dues
from handlers.dues.buttons import ConfirmPayment, Ledger, PickMonth, PublishMonth, SubmitMonths
from storage.models.dues import DuesLine, DuesPayment
from tests.e2e.conftest import Harness
from tests.e2e.dues.world import put_in_charge
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

PEOPLE = [
    SECRETARY,
    Person("委员老李", role="committee", group="第一党小组"),
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("赵叔", group="第二党小组", category="employed"),
]


@pytest.fixture(autouse=True)
async def dues_ticks_by_hand(harness: Harness) -> AsyncIterator[None]:
    await jobs.dues.stop(harness.app)
    yield
    await jobs.dues.stop(harness.app)


async def lines(h: Harness, member_id: int) -> dict[int, DuesLine]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(select(DuesLine).where(DuesLine.member_id == member_id))
        return {r.month: r for r in rows}


async def test_claim_confirmed_once_and_own_payment_refused(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await put_in_charge(sec, "委员老李")
    await sec.send("/duesbasis 王阿姨 退休 三千")
    await sec.wait_message(contains=said("dues.amount.words"))
    await sec.send("/duesbasis 王阿姨 退休 3000.123")
    await sec.wait_message(contains=said("dues.rule.too_precise"))
    await sec.send("/duesbasis 王阿姨 退休 -5")
    await sec.wait_message(contains=said("dues.rule.negative"))
    assert await lines(harness, w.ids["王阿姨"]) == {}
    await sec.send("/duesbasis 王阿姨 退休 5000")
    done = await sec.wait_message(contains=said("dues.basis.set"))
    assert "25.00" in done.body and "0.5%" in done.body

    wang = w.user("王阿姨")
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    assert "25.00" in card.body
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    # The branch allows two months ahead: a forged press for the fourth is refused.
    await wang.press_data(PickMonth(date(2026, 6, 1)).data, picker.message_id)
    too_far = await wang.press_data(SubmitMonths().data, picker.message_id)
    assert "预交" in (too_far.get("text") or "")
    await wang.press_data(PickMonth(date(2026, 6, 1)).data, picker.message_id)
    await wang.press_data(SubmitMonths().data, picker.message_id)
    sent = await wang.wait_message(contains=said("dues.pay.sent"))
    assert "25.00" in sent.body
    async with harness.data.db.transaction() as s:
        payment = await s.scalar(
            select(DuesPayment).where(DuesPayment.member_id == w.ids["王阿姨"])
        )
        assert payment is not None and payment.state == "pending"
        assert payment.months == [202603]
        payment_id = payment.id

    # The secretary and the committee member are both asked; both press at once.
    ask_sec = await sec.wait_message(contains=said("dues.ask.payment"))
    li = w.user("委员老李")
    ask_li = await li.wait_message(contains=said("dues.ask.payment"))
    import asyncio

    first, second = await asyncio.gather(
        sec.press("✅ 确认", message_id=ask_sec.message_id),
        li.press("✅ 确认", message_id=ask_li.message_id),
    )
    texts = [(first.get("text") or ""), (second.get("text") or "")]
    assert any("已经处理过了" in x for x in texts)
    line = (await lines(harness, w.ids["王阿姨"]))[202603]
    assert line.paid == Decimal("25.00") and line.payment_id == payment_id
    told = await wang.wait_message(contains=said("dues.told.confirmed"))
    assert "确认" in told.body

    # One's own claim cannot be confirmed by oneself (even with a forged button).
    await sec.send("/duesbasis 委员老李 在职 6000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await li.send("/dues")
    card = await li.wait_message(contains=said("dues.title"))
    await li.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await li.wait_message(contains=said("dues.pay.choose"))
    await li.press("📨 提交", message_id=picker.message_id)
    await li.wait_message(contains=said("dues.pay.sent"))
    async with harness.data.db.transaction() as s:
        own = await s.scalar(select(DuesPayment).where(DuesPayment.member_id == w.ids["委员老李"]))
        assert own is not None
    refused = await li.press_data(ConfirmPayment(own.id).data, picker.message_id)
    assert "自己" in (refused.get("text") or "")
    assert (await lines(harness, w.ids["委员老李"]))[202603].paid == Decimal("0.00")


async def test_bulk_record_reminders_report_and_ledger(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    for name, kind, amount in (
        ("王阿姨", "退休", "3000"),
        ("李大爷", "退休", "6000"),
        ("赵叔", "在职", "8000"),
    ):
        await sec.send(f"/duesbasis {name} {kind} {amount}")
        await sec.wait_message(contains=said("dues.basis.set", name=name))
    # The whole second group paid in cash at the meeting.
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("🧾 登记缴费", message_id=card.message_id)
    await sec.wait_message(contains=said("dues.record.choose_group"))
    await sec.press("第二党小组")
    await sec.wait_message(contains=said("dues.record.choose"))
    await sec.press("⬜ 李大爷")
    await sec.wait_message(contains=said("dues.record.choose"))
    await sec.press("⬜ 赵叔")
    await sec.wait_message(contains=said("dues.record.choose"))
    await sec.press("📨 提交")
    done = await sec.wait_message(contains=said("dues.record.done", count=2))
    assert "180.00" in done.body  # 60.00 + 120.00
    # A voluntary extra on a direct record; a future month beyond the limit is refused.
    await sec.send("/duespaid 王阿姨 20 2026-07")
    await sec.wait_message(contains=said("dues.rule.too_far_ahead"))
    await sec.send("/duespaid 王阿姨 20")
    extra = await sec.wait_message(contains=said("dues.record.extra"))
    assert "5.00" in extra.body

    # Reminders on the 10th: nobody unpaid is left but the secretary and 委员老李 (no basis
    # recorded: not owed), so nobody is reminded; open a debt for 王阿姨 next month.
    harness.clock.set(datetime(2026, 4, 10, 2, 0, tzinfo=UTC))
    report = await jobs.dues.tick(harness.data)
    assert report.opened >= 4
    again = await jobs.dues.tick(harness.data)
    assert again.opened == 0 and again.reminded == 0  # once, whatever restarts
    reminded = await recipients(harness, f"dues:remind:{w.branch_id}:2026-04-10:gentle")
    assert w.ids["王阿姨"] in reminded and w.ids["李大爷"] in reminded
    assert w.ids["委员老李"] not in reminded  # no basis: nothing owed yet
    wang = w.user("王阿姨")
    await wang.wait_message(contains=said("dues.remind.gentle"))

    # 公示 for March: counts and totals, no amounts per person, published on confirmation.
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("📊 收缴公示", message_id=card.message_id)
    preview = await sec.wait_message(contains=said("dues.report.title"))
    assert "已缴 3 人" in preview.body and "200.00" in preview.body
    assert "王阿姨" not in preview.body and "6000" not in preview.body
    await sec.press("📢 发布到支部", message_id=preview.message_id)
    published = await wang.wait_message(contains=said("dues.report.title"))
    assert "15.00" not in published.body
    again_press = await sec.press_data(PublishMonth(date(2026, 3, 1)).data, preview.message_id)
    assert "已经发布过了" in (again_press.get("text") or "")
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("📊 收缴公示", message_id=card.message_id)
    await sec.wait_message(contains=said("dues.report.title", period="2026-03"))
    await sec.press("📅 2026年全年")
    year = await sec.wait_message(contains=said("dues.report.title", period="2026"))
    assert "已缴 0 人，未缴 3 人" in year.body  # April is open for all three

    # The ledger goes to officers only.
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("📒 党费台账", message_id=card.message_id)
    doc = await sec.wait_message(contains=said("dues.ledger.caption"))
    assert doc.document is not None
    book = load_workbook(io.BytesIO(await sec.download(doc.document["file_id"])))
    sheet = book.active
    head = [c.value for c in sheet[1]]
    assert head[:5] == ["姓名", "党小组", "2026年1月 应缴", "2026年1月 实缴", "2026年1月 日期"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[0]}
    march = head.index("2026年3月 应缴")
    assert rows["李大爷"][march : march + 3] == (60, 60, datetime(2026, 3, 2))
    assert rows["合计收缴"][1] == "200.00"  # 60 + 120 + 20 (5 of it extra); none remitted
    assert rows["结存"][1] == "200.00"
    refused = await wang.press_data(Ledger().data, published.message_id)
    assert "只有" in (refused.get("text") or "")
