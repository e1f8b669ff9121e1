"""Duty records in a few taps; the group leader confirms, the secretary rejects through
/approve, nobody decides their own; days outside the claim are refused; the monthly nudge."""

from __future__ import annotations

from datetime import timedelta

import jobs.posts
from handlers.posts.buttons import ConfirmDuty, DutyDay, StartDuty
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (  # noqa: F401
    meetings_cleanup,
    notice_keys,
    start_sender,
)
from tests.e2e.posts.world import T0, add_post, duties, posts_world
from tests.said import said

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_record_duty_confirm_and_reject(harness: Harness) -> None:
    w = await posts_world(harness)
    await start_sender(harness)
    post = await add_post(w, "楼道保洁员", holders=("王阿姨",), claimed_at=T0 - timedelta(days=3))
    member = w.user("王阿姨")
    await member.send("/posts")
    home = await member.wait_message(contains=said("posts.home.title"))
    await member.press("✅ 我的岗位：楼道保洁员", message_id=home.message_id)
    detail = await member.wait_message(contains="楼道保洁员")
    await member.press("📝 记录履职", message_id=detail.message_id)
    when = await member.wait_message(contains=said("posts.duty.when"))
    assert "📅 选其他日期" in when.button_texts()
    # forged days: tomorrow, and before the claim
    tomorrow = (T0 + timedelta(days=1)).date()
    early = (T0 - timedelta(days=10)).date()
    future = await member.press_data(DutyDay(post, tomorrow).data, when.message_id)
    assert "还没到" in (future.get("text") or "")
    before = await member.press_data(DutyDay(post, early).data, when.message_id)
    assert "还没有认领" in (before.get("text") or "")
    await member.press("今天", message_id=when.message_id)
    await member.wait_message(contains=said("posts.duty.what"))
    await member.send("清理三单元楼道杂物")
    hours = await member.wait_message(contains=said("posts.duty.hours_ask"))
    await member.press("1.5", message_id=hours.message_id)
    await member.wait_message(contains=said("posts.duty.photo_ask"))
    await member.send_document("note.pdf", b"%PDF-1.4", mime_type="application/pdf")
    await member.wait_message(contains=said("posts.refuse.not_image"))
    await member.send_photo(PNG)
    added = await member.wait_message(contains=said("posts.duty.photo_added", n=1))
    await member.press("📤 提交", message_id=added.message_id)
    await member.wait_message(contains=said("posts.duty.sent"))
    [row] = await duties(w)
    assert (row.state, row.halves, len(row.photos)) == ("pending", 3, 1)
    assert row.day == (T0 + timedelta(hours=8)).date()

    leader = w.user("组长老李")
    ask = await leader.wait_message(contains="清理三单元楼道杂物")
    # the member cannot confirm their own record
    confirm = ConfirmDuty.parse(ask.button("确认")["callback_data"])
    assert confirm is not None
    own = await member.press_data(confirm.data, added.message_id)
    assert "不能确认自己" in (own.get("text") or "")
    await leader.press("✅ 确认", message_id=ask.message_id)
    told = await member.wait_message(contains=said("posts.duty.confirmed", by="组长老李"))
    assert "楼道保洁员" in told.body
    # a second record, rejected by the secretary through /approve
    await member.send("/posts")
    home = await member.wait_message(contains=said("posts.home.title"))
    await member.press_data(StartDuty(post).data, home.message_id)
    when = await member.wait_message(contains=said("posts.duty.when"))
    await member.press("昨天", message_id=when.message_id)
    await member.wait_message(contains=said("posts.duty.what"))
    await member.send("入户走访")
    hours = await member.wait_message(contains=said("posts.duty.hours_ask"))
    await member.press("不填时长", message_id=hours.message_id)
    photo = await member.wait_message(contains=said("posts.duty.photo_ask"))
    await member.press("📤 提交", message_id=photo.message_id)
    await member.wait_message(contains=said("posts.duty.sent"))
    sec = w.user("书记老张")
    await sec.send("/approve")
    item = await sec.wait_message(contains="入户走访")
    await sec.press("❌ 不通过", message_id=item.message_id)
    why = await sec.wait_message(contains=said("posts.approve.reason"))
    await sec.press("无法核实", message_id=why.message_id)
    told = await member.wait_message(contains=said("posts.duty.rejected"))
    assert "无法核实" in told.body
    assert [(d.state, d.halves) for d in await duties(w)] == [("confirmed", 3), ("rejected", 0)]


async def test_the_monthly_nudge_reaches_holders_without_duty_once(harness: Harness) -> None:
    w = await posts_world(harness)
    await start_sender(harness)
    await add_post(w, "宣传员", capacity=3, holders=("王阿姨", "小钱"))
    harness.clock.set(T0.replace(day=25))
    # the database is shared with other tests' branches: count this branch's notices
    assert await jobs.posts.run(harness.data) >= 2
    assert await jobs.posts.run(harness.data) == 0
    keys = await notice_keys(harness, w.branch_id, "posts:nudge:")
    assert sorted(keys) == sorted(f"posts:nudge:{w.ids[n]}:2026-03" for n in ("王阿姨", "小钱"))
    nudge = await w.user("小钱").wait_message(contains=said("posts.nudge"))
    assert "宣传员" in nudge.body
