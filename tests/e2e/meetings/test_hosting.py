"""Issue 11, items 3-5: the host is present, opens and closes check-in by hand, corrects the
register after the close (补登), and is offered 代签 only when it can work."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from sqlalchemy import select

from bot.sandbox.client import BotMessage, SandboxUser
from handlers.meetings.buttons import ManageMeeting
from storage.models.core import AuditEntry
from storage.models.meetings import Meeting
from tests.e2e.conftest import Harness
from tests.e2e.meetings.test_host_screen import code_of
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    attendance,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
    recipients,
    start_sender,
    tick,
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China
# The card's counts: the closed form once check-in is over, the open form before.
COUNTS = re.compile(
    "|".join(said(k).pattern for k in ("meetings.summary.counts", "meetings.summary.counts_open")),
    re.DOTALL,
)
PEOPLE = [
    SECRETARY,
    Person("组长老刘", group="第一党小组", role="group_leader"),
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第一党小组", bound=False),  # no phone
    Person("赵叔", group="第二党小组"),
]


async def schedule(h: Harness, w: World, line: str, who: str = "书记老张") -> int:
    user = w.user(who)
    await user.send(f"/newmeeting {line}")
    await user.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def card(user: SandboxUser, mid: int) -> BotMessage:
    await user.send("/meetings")
    listing = await user.wait_message(contains=said("meetings.list.upcoming"))
    await user.press_data(ManageMeeting(mid).data, listing.message_id)
    return await user.wait_message(contains=COUNTS)


async def test_the_host_who_opens_check_in_is_present_and_can_correct_after(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    await start_sender(harness)
    mid = await schedule(harness, w, "主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    harness.clock.set(START)
    sec = w.user("书记老张")
    await sec.send("/checkin")
    await sec.wait_message(contains=said("meetings.code.screen"))
    rows = await attendance(harness, mid)
    assert rows[w.ids["书记老张"]].state == "present"  # opening the screen is being there
    # Check-in closes (by the tick): the host is not absent, nor sent 补学.
    harness.clock.advance(timedelta(hours=2))
    await tick(harness)
    rows = await attendance(harness, mid)
    assert rows[w.ids["书记老张"]].state == "present"
    assert rows[w.ids["王阿姨"]].state == "absent"
    assert w.ids["书记老张"] not in await recipients(harness, f"meeting:{mid}:makeup")
    # The close's summary (also 应到…, 📊 签到表) lands first, not in place of the card below.
    await sec.wait_message(contains=said("meetings.summary.head"))
    # After the close the card offers 补登, which corrects the register with an audit entry.
    shown = await card(sec, mid)
    assert "✏️ 补登" in shown.button_texts() and "👤 代签" not in shown.button_texts()
    await sec.press("✏️ 补登", message_id=shown.message_id)
    page = await sec.wait_message(contains=said("meetings.proxy.correct"))
    answer = await sec.press("王阿姨", message_id=page.message_id)
    assert "补登" in (answer.get("text") or "")
    rows = await attendance(harness, mid)
    assert rows[w.ids["王阿姨"]].state == "present" and rows[w.ids["王阿姨"]].by_proxy
    async with harness.data.db.transaction() as s:
        audit = list(
            await s.scalars(select(AuditEntry).where(AuditEntry.action == "attendance.correct"))
        )
    assert [(a.target_id, a.before, a.actor_tg_id) for a in audit] == [
        (w.ids["王阿姨"], {"meeting_id": mid, "state": "absent"}, sec.id)
    ]


async def test_a_group_leader_hosting_her_group_meeting_is_present(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    mid = await schedule(
        harness, w, "党小组会 | 2026-03-03 09:00 | 活动室 | 小组学习", who="组长老刘"
    )
    harness.clock.set(START)
    liu = w.user("组长老刘")
    await liu.send("/checkin")
    await liu.wait_message(contains=said("meetings.code.screen"))
    assert (await attendance(harness, mid))[w.ids["组长老刘"]].state == "present"


async def test_open_early_and_close_now_by_hand(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    await start_sender(harness)
    far = await schedule(harness, w, "党课 | 2026-03-09 09:00 | 活动室 | 下周党课")
    mid = await schedule(harness, w, "主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    # A week ahead: nothing to open, no 代签 that would only say 「现在还不能签到」.
    shown = await card(sec, far)
    assert not {"▶ 现在开始签到", "👤 代签", "🔢 签到码"} & set(shown.button_texts())
    # Two hours before the start (check-in would open at 08:30): the host opens it now.
    harness.clock.set(START - timedelta(hours=2))
    shown = await card(sec, mid)
    assert "👤 代签" not in shown.button_texts()
    await sec.press("▶ 现在开始签到", message_id=shown.message_id)
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    await wang.send("/checkin")
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    await wang.send(code_of(screen))
    await wang.wait_message(contains=said("meetings.checkin.ok"))
    # Close now, from the code screen: the summary goes out at once, the screen says closed.
    await sec.press("⏹ 结束签到", message_id=screen.message_id)
    ask = await sec.wait_message(contains=said("meetings.checkin.close_ask"))
    await sec.press("⏹ 确认结束签到", message_id=ask.message_id)
    await sec.wait_message(contains=said("meetings.checkin.closed_now"))
    summary = await sec.wait_message(contains=said("meetings.summary.head"))
    assert "签到表" in " ".join(summary.button_texts())
    closed = {m.message_id: m for m in await sec.messages()}[screen.message_id]
    assert "签到已结束" in closed.body and not closed.inline_buttons
    rows = await attendance(harness, mid)
    assert rows[w.ids["王阿姨"]].state == "present"
    assert rows[w.ids["赵叔"]].state == "absent"
    async with harness.data.db.transaction() as s:
        meeting = await s.get(Meeting, mid)
        assert meeting is not None and meeting.closed_at == START - timedelta(hours=2)


async def test_proxy_list_puts_members_without_a_phone_first(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    mid = await schedule(harness, w, "主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    harness.clock.set(START)
    sec = w.user("书记老张")
    shown = await card(sec, mid)
    await sec.press("👤 代签", message_id=shown.message_id)
    page = await sec.wait_message(contains=said("meetings.proxy.choose"))
    names = [b["text"] for row in page.inline_buttons for b in row]
    assert names[0] == "李大爷"


async def test_a_cancelled_meeting_retires_its_buttons_everywhere(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    await start_sender(harness)
    mid = await schedule(harness, w, "主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    wang, sec = w.user("王阿姨"), w.user("书记老张")
    notice = await wang.wait_message(contains=said("meetings.notice.new"))
    assert "📝 请假" in notice.button_texts()
    shown = await card(sec, mid)
    await sec.press("❌ 取消本次会议", message_id=shown.message_id)
    ask = await sec.wait_message(contains=said("meetings.manage.confirm_one"))
    await sec.press("确定取消", message_id=ask.message_id)
    await wang.wait_message(contains=said("meetings.notice.cancelled"))
    # The first notice keeps its text; its buttons now say 已取消, and pressing says so.
    for _ in range(200):
        now = {m.message_id: m for m in await wang.messages()}[notice.message_id]
        if now.button_texts() == ["❌ 已取消"]:
            break
        await asyncio.sleep(0.05)
    assert now.button_texts() == ["❌ 已取消"] and now.body == notice.body
    answer = await wang.press("❌ 已取消", message_id=notice.message_id)
    assert "取消" in (answer.get("text") or "")
    # The host's card: 已取消, and no 签到码 / 代签 / 签到表 / changes.
    again = await card(sec, mid)
    assert "已取消" in again.body and not again.inline_buttons
