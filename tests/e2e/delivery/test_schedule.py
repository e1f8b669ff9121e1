"""Scheduled broadcasts wait in the outbox until their time (the clock is moved, not waited)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from bot.texts import t
from handlers.delivery.buttons import ScheduleAt, Unschedule
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, World, deliveries, last_notice, make_world, sender
from tests.said import said

PEOPLE = [Person("书记老王", role="secretary"), Person("张大爷"), Person("李阿姨")]


async def _schedule_for_tomorrow_9(harness: Harness, text: str) -> tuple[int, World]:
    world = await make_world(harness, PEOPLE)
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))
    await sec.send(text)
    await sec.wait_message(contains=said("delivery.aud.prompt"))
    await sec.press("下一步")
    await sec.wait_message(contains=said("delivery.preview.summary"))
    await sec.press("定时发送")
    await sec.wait_message(contains=said("delivery.schedule.day"))
    await sec.press("明天")
    hours = await sec.wait_message(contains=said("delivery.schedule.hour"))
    assert "09:00" in hours.button_texts()
    popup = await sec.press("09:00")
    assert "已安排" in (popup.get("text") or "")  # not "开始发送"
    scheduled = await sec.wait_message(contains=said("delivery.scheduled"))
    local = harness.clock.now().astimezone(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=1)
    assert f"{local.year}年{local.month}月{local.day}日 09:00" in scheduled.body
    return world.branch_id, world


async def test_scheduled_send_goes_at_its_time(harness: Harness) -> None:
    async with sender(harness) as running:
        branch_id, world = await _schedule_for_tomorrow_9(harness, "明早九点的通知")
        notice = await last_notice(harness, branch_id)
        assert notice.status == "scheduled" and notice.send_at is not None
        running.wake()
        zhang = world.user("张大爷")
        assert not [m for m in await zhang.messages() if "明早九点" in m.body]
        rows = await deliveries(harness, notice.id)
        assert {r.state for r in rows} == {"queued"}
        harness.clock.set(notice.send_at - timedelta(minutes=1))
        running.wake()
        assert not [m for m in await zhang.messages() if "明早九点" in m.body]
        harness.clock.set(notice.send_at + timedelta(seconds=1))
        running.wake()
        await zhang.wait_message(contains="明早九点")
        await world.user("李阿姨").wait_message(contains="明早九点")
        sec = world.user("书记老王")
        report = await sec.wait_message(contains=said("delivery.report.title"), timeout=15)
        assert "已送达：3 / 3" in report.body
    rows = await deliveries(harness, notice.id)
    assert all(r.state == "sent" and r.sent_at and r.sent_at >= notice.send_at for r in rows)


async def test_cancelling_a_scheduled_send(harness: Harness) -> None:
    async with sender(harness) as running:
        branch_id, world = await _schedule_for_tomorrow_9(harness, "要取消的定时通知")
        sec = world.user("书记老王")
        await sec.press("取消定时发送")
        await sec.wait_message(contains=said("delivery.unscheduled"))
        notice = await last_notice(harness, branch_id)
        assert notice.status == "cancelled"
        assert notice.send_at is not None
        harness.clock.set(notice.send_at + timedelta(hours=1))
        running.wake()
        # A second press (a stale button) is refused and changes nothing.
        cancelled = await sec.last_message()
        assert cancelled is not None
        again = await sec.press_data(Unschedule(notice.id).data, cancelled.message_id)
        assert "无法再取消" in (again.get("text") or "")
    rows = await deliveries(harness, notice.id)
    assert rows and {r.state for r in rows} == {"cancelled"}
    assert not [m for m in await world.user("张大爷").messages() if "要取消" in m.body]


async def test_past_hour_cannot_be_chosen(harness: Harness) -> None:
    world = await make_world(harness, PEOPLE[:2])
    sec = world.user("书记老王")
    await sec.send("/broadcast")
    await sec.wait_message(contains=said("delivery.compose.prompt"))
    await sec.send("过去的时间")
    await sec.wait_message(contains=said("delivery.aud.prompt"))
    notice = await last_notice(harness, world.branch_id)
    local = harness.clock.now().astimezone(ZoneInfo("Asia/Shanghai"))
    past_hour = next((h for h in (7, 8, 9, 10, 11, 12) if h < local.hour), None)
    anchor = await sec.last_message()
    assert anchor is not None
    if past_hour is not None:
        answer = await sec.press_data(ScheduleAt(notice.id, 0, past_hour).data, anchor.message_id)
        assert "已经过去" in (answer.get("text") or "")
    # An hour never offered (3 am) on an offered day, and a day never offered (the guard's).
    forged = await sec.press_data(ScheduleAt(notice.id, 2, 3).data, anchor.message_id)
    assert "已经过去" in (forged.get("text") or "")
    forged = await sec.press_data(f"dl:at:{notice.id}:9:09", anchor.message_id)
    assert forged.get("text") == t("error.stale_button", "zh")
    assert (await last_notice(harness, world.branch_id)).status == "draft"
