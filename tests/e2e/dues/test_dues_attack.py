"""党费 under attack: forged and replayed buttons, one's own basis, concurrent taps."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

import jobs.dues
from handlers.dues.buttons import (
    ConfirmBasis,
    ConfirmPayment,
    PublishMonth,
    PublishYear,
    QuestionPayment,
    RecordDone,
    ReportMonth,
    ReportYear,
    SubmitMonths,
)
from storage.models.approvals import ApprovalRequest
from storage.models.dues import DuesBasis, DuesLine, DuesPayment, DuesRemittance, DuesReport
from tests.e2e.conftest import Harness
from tests.e2e.dues.world import put_in_charge
from tests.e2e.meetings.world import (
    SECRETARY,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    start_sender,
)
from tests.said import said

T0 = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # Monday 2 March, 10:00 in Shanghai

PEOPLE = [
    SECRETARY,
    Person("委员老李", role="committee", group="第一党小组"),
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
]


@pytest.fixture(autouse=True)
async def dues_ticks_by_hand(harness: Harness) -> AsyncIterator[None]:
    await jobs.dues.stop(harness.app)
    yield
    await jobs.dues.stop(harness.app)


async def line(h: Harness, member_id: int, month: int) -> DuesLine | None:
    async with h.data.db.transaction() as s:
        return await s.scalar(
            select(DuesLine).where(DuesLine.member_id == member_id, DuesLine.month == month)
        )


async def the_payment(h: Harness, member_id: int) -> DuesPayment:
    async with h.data.db.transaction() as s:
        found = await s.scalar(select(DuesPayment).where(DuesPayment.member_id == member_id))
        assert found is not None
        return found


async def approval(h: Harness, item_id: int) -> ApprovalRequest:
    async with h.data.db.transaction() as s:
        found = await s.get(ApprovalRequest, item_id)
        assert found is not None
        return found


async def test_a_basis_button_forged_with_a_payment_claims_id_decides_nothing(
    harness: Harness,
) -> None:
    """du:bok takes an approval id: one of a payment claim must not be decided as a basis."""
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    ask = await sec.wait_message(contains=said("dues.ask.payment"))
    payment = await the_payment(harness, w.ids["王阿姨"])
    assert payment.approval_id is not None

    forged = await sec.press_data(ConfirmBasis(payment.approval_id).data, ask.message_id)
    assert "没有找到" in (forged.get("text") or "")
    assert (await approval(harness, payment.approval_id)).state == "pending"
    assert (await the_payment(harness, w.ids["王阿姨"])).state == "pending"

    # The real button still works, once.
    await sec.press("✅ 确认", message_id=ask.message_id)
    await wang.wait_message(contains=said("dues.told.confirmed"))
    found = await line(harness, w.ids["王阿姨"], 202603)
    assert found is not None and found.paid == Decimal("25.00")


async def bases_of(h: Harness, member_id: int) -> list[DuesBasis]:
    async with h.data.db.transaction() as s:
        return list(await s.scalars(select(DuesBasis).where(DuesBasis.member_id == member_id)))


async def test_an_officer_cannot_record_or_waive_their_own_basis(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec, li = w.user("书记老张"), w.user("委员老李")
    await put_in_charge(sec, "委员老李")
    await sec.send("/duesbasis 书记老张 免交 家庭困难")
    refused = await sec.wait_message(contains=said("dues.rule.own_basis"))
    assert "已登记" not in refused.body
    assert await bases_of(harness, w.ids["书记老张"]) == []
    await li.send("/duesbasis 委员老李 退休 1000")
    await li.wait_message(contains=said("dues.rule.own_basis"))
    assert await bases_of(harness, w.ids["委员老李"]) == []

    # Another officer records it, as for anyone else.
    await li.send("/duesbasis 书记老张 退休 4000")
    await li.wait_message(contains=said("dues.basis.set"))
    [basis] = await bases_of(harness, w.ids["书记老张"])
    assert basis.state == "confirmed" and basis.value == Decimal("4000")


async def test_a_typed_basis_amount_goes_on_after_a_restart(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    wang, sec = w.user("王阿姨"), w.user("书记老张")
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("📝 申报基数", message_id=card.message_id)
    await wang.wait_message(contains=said("dues.basis.choose"))
    await wang.press("离退休（养老金）")
    await wang.wait_message(contains=said("dues.basis.ask_amount"))
    await harness.restart()
    await start_sender(harness)
    await wang.send("4000")
    reported = await wang.wait_message(contains=said("dues.basis.reported"))
    assert "20.00" in reported.body
    await sec.wait_message(contains=said("dues.ask.basis"))
    [basis] = await bases_of(harness, w.ids["王阿姨"])
    assert basis.state == "pending" and basis.value == Decimal("4000")


async def test_a_receipt_photo_after_a_restart_is_attached(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    wang, sec = w.user("王阿姨"), w.user("书记老张")
    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    await harness.restart()
    await wang.send_photo(b"\xff\xd8\xff\xe0 receipt")
    await wang.wait_message(contains=said("dues.pay.photo_saved"))
    assert (await the_payment(harness, w.ids["王阿姨"])).photo_file_id is not None


async def test_text_instead_of_a_receipt_photo_ends_the_photo_step(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    wang, sec = w.user("王阿姨"), w.user("书记老张")
    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    await wang.send("没有收据")
    await wang.wait_message(contains=said("dues.pay.no_photo"))
    await wang.send_photo(b"\xff\xd8\xff\xe0 later")
    await wang.wait_message(contains=said("error.unsupported_message"))
    assert (await the_payment(harness, w.ids["王阿姨"])).photo_file_id is None


async def test_a_double_tap_on_submit_makes_one_claim(harness: Harness) -> None:
    import asyncio

    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    wang, sec = w.user("王阿姨"), w.user("书记老张")
    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    first, second = await asyncio.gather(
        wang.press_data(SubmitMonths().data, picker.message_id),
        wang.press_data(SubmitMonths().data, picker.message_id),
    )
    answers = [first.get("text") or "", second.get("text") or ""]
    assert any("按钮已失效" in a for a in answers), answers
    assert not any("至少选择" in a for a in answers), answers
    await wang.wait_message(contains=said("dues.pay.sent"))
    async with harness.data.db.transaction() as s:
        mine = await s.scalars(select(DuesPayment).where(DuesPayment.member_id == w.ids["王阿姨"]))
        assert len(list(mine)) == 1


async def remittances(h: Harness, branch_id: int) -> list[DuesRemittance]:
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(DuesRemittance)
            .where(DuesRemittance.branch_id == branch_id)
            .order_by(DuesRemittance.id)
        )
        return list(rows)


async def test_a_remittance_date_is_checked_and_defaults_to_the_local_day(
    harness: Harness,
) -> None:
    harness.clock.set(datetime(2026, 3, 1, 17, 0, tzinfo=UTC))  # 2 March, 01:00 in Shanghai
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/duesremit 2026-01 2026-02 10 2026-13-40")
    await sec.wait_message(contains=said("dues.remit.usage"))
    await sec.send("/duesremit 2026-01 2026-02 10 2026-03-09")
    await sec.wait_message(contains=said("dues.rule.remit_future"))
    assert await remittances(harness, w.branch_id) == []
    await sec.send("/duesremit 2026-01 2026-02 10")
    await sec.wait_message(contains=said("dues.remit.done"))
    [row] = await remittances(harness, w.branch_id)
    assert row.remitted_on == date(2026, 3, 2) and row.amount == Decimal("10.00")


async def test_an_officer_of_another_branch_decides_and_sees_nothing(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    other = await make_world(harness, [Person("外支部书记", role="secretary")])
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    await sec.send("/duesbasis 王阿姨 退休 5000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    await wang.press("✅ 我已缴纳", message_id=card.message_id)
    picker = await wang.wait_message(contains=said("dues.pay.choose"))
    await wang.press("📨 提交", message_id=picker.message_id)
    await wang.wait_message(contains=said("dues.pay.sent"))
    payment = await the_payment(harness, w.ids["王阿姨"])
    stranger = other.user("外支部书记")
    await stranger.send("/duesbasis 王阿姨 免交 困难")
    await stranger.wait_message(contains=said("dues.member_unknown", name="王阿姨"))
    await stranger.send("/dues")
    mine = await stranger.wait_message(contains=said("dues.calc.none"))
    assert payment.approval_id is not None
    for data in (
        ConfirmPayment(payment.id).data,
        QuestionPayment(payment.id).data,
        ConfirmBasis(payment.approval_id).data,
    ):
        answer = await stranger.press_data(data, mine.message_id)
        assert "没有找到" in (answer.get("text") or ""), (data, answer)
    assert (await the_payment(harness, w.ids["王阿姨"])).state == "pending"
    assert len(await bases_of(harness, w.ids["王阿姨"])) == 1
    found = await line(harness, w.ids["王阿姨"], 202603)
    assert found is not None and found.paid == Decimal("0.00")


async def test_only_the_secretary_publishes_the_collection_report(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    li = w.user("委员老李")
    await put_in_charge(w.user("书记老张"), "委员老李")
    await li.send("/dues")
    card = await li.wait_message(contains=said("dues.title"))
    await li.press("📊 收缴公示", message_id=card.message_id)
    preview = await li.wait_message(contains=said("dues.report.title"))
    labels = [b["text"] for row in preview.inline_buttons for b in row]
    assert "📢 发布到支部" not in labels
    assert "由书记确认后发布" in preview.body
    forged = await li.press_data(PublishMonth(date(2026, 3, 1)).data, preview.message_id)
    assert "只有支部书记" in (forged.get("text") or "")
    async with harness.data.db.transaction() as s:
        published = await s.scalar(
            select(DuesReport).where(
                DuesReport.branch_id == w.branch_id, DuesReport.published_at.is_not(None)
            )
        )
    assert published is None


async def test_a_second_tap_on_record_submit_keeps_the_result_on_screen(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/duesbasis 李大爷 退休 6000")
    await sec.wait_message(contains=said("dues.basis.set"))
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    await sec.press("🧾 登记缴费", message_id=card.message_id)
    await sec.wait_message(contains=said("dues.record.choose_group"))
    await sec.press("第二党小组")
    screen = await sec.wait_message(contains=said("dues.record.choose"))
    await sec.press("⬜ 李大爷", message_id=screen.message_id)
    await sec.wait_message(contains=said("dues.record.choose"))
    await sec.press("📨 提交", message_id=screen.message_id)
    await sec.wait_message(contains=said("dues.record.done", count=1))
    again = await sec.press_data(RecordDone(w.groups["第二党小组"]).data, screen.message_id)
    assert "按钮已失效" in (again.get("text") or "")
    [payment] = [await the_payment(harness, w.ids["李大爷"])]
    assert payment.amount == Decimal("60.00") and payment.state == "confirmed"


async def test_a_period_that_has_not_begun_is_neither_shown_nor_published(
    harness: Harness,
) -> None:
    harness.clock.set(T0)  # March 2026
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/dues")
    card = await sec.wait_message(contains=said("dues.title"))
    for data in (
        PublishMonth(date(2026, 12, 1)).data,
        PublishYear(2027).data,
        ReportMonth(date(2026, 4, 1)).data,
        ReportYear(2099).data,
    ):
        answer = await sec.press_data(data, card.message_id)
        assert "还没到" in (answer.get("text") or ""), (data, answer)
    async with harness.data.db.transaction() as s:
        stored = await s.scalar(select(DuesReport).where(DuesReport.branch_id == w.branch_id))
    assert stored is None
    # Last month's report is still there to publish.
    await sec.press("📊 收缴公示", message_id=card.message_id)
    preview = await sec.wait_message(contains=said("dues.report.title"))
    await sec.press("📢 发布到支部", message_id=preview.message_id)
    await sec.wait_message(contains=said("dues.report.published"))


async def test_a_forged_basis_kind_gets_an_answer_and_reports_nothing(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    wang = w.user("王阿姨")
    await wang.send("/dues")
    card = await wang.wait_message(contains=said("dues.title"))
    for kind in ("waived", "reduced", "zzz"):
        answer = await wang.press_data(f"du:mk:{kind}", card.message_id)
        assert "按钮已失效" in (answer.get("text") or ""), (kind, answer)
    await wang.send("0")
    await wang.wait_message(contains=said("error.unknown_input"))
    assert await bases_of(harness, w.ids["王阿姨"]) == []
