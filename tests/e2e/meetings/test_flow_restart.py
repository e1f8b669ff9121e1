"""Meetings flows live in the database: a person midway goes on after a restart, or on another
Application built against the same database, exactly where they were."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import build_application
from bot.plumbing.runner import serve
from bot.sandbox.client import SandboxUser
from bot.texts import t
from handlers.meetings.buttons import ChangePlace, CheckInTo, Publish
from storage.models.conversations import Conversation
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    attendance,
    last_id,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
    notice_keys,
    restart,
    start_sender,
)
from tests.e2e.meetings.world import _manual_ticks as manual_ticks
from tests.said import said

WANG = Person("王阿姨", group="第一党小组")


async def _flow_of(h: Harness, user: SandboxUser) -> Conversation | None:
    async with h.data.db.read() as s:
        return (
            await s.execute(select(Conversation).where(Conversation.user_id == user.id))
        ).scalar_one_or_none()


async def _published(h: Harness, w: World, line: str) -> int:
    sec = w.user("书记老张")
    await sec.send(f"/newmeeting {line}")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def test_newmeeting_wizard_goes_on_after_restarts(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, WANG])
    sec = w.user("书记老张")
    await sec.send("/newmeeting")
    await sec.wait_message(contains=said("meetings.new.choose_type"))
    await sec.press("主题党日")
    await sec.wait_message(contains=said("meetings.new.ask_title"))
    # Midway at a typed step: the draft is a JSON row, not process memory.
    row = await _flow_of(harness, sec)
    assert row is not None and row.flow == "meetings" and row.step == "title"
    assert row.data["draft"]["type"] == "theme_day"
    await restart(harness)
    await sec.send("重启后的主题党日")
    await sec.wait_message(contains=said("meetings.new.choose_day"))
    await sec.press("明天")
    await sec.wait_message(contains=said("meetings.new.choose_hour"))
    # Midway at a button step.
    await restart(harness)
    await sec.press("09:00")
    await sec.wait_message(contains=said("meetings.new.choose_minute"))
    await sec.press("09:30")
    await sec.wait_message(contains=said("meetings.new.choose_repeat"))
    await sec.press("只开这一次")
    await sec.wait_message(contains=said("meetings.new.choose_duration"))
    await sec.press("1个半小时")
    await sec.wait_message(contains=said("meetings.new.ask_place"))
    await restart(harness)
    await sec.send("社区活动室")
    await sec.wait_message(contains=said("meetings.new.location_skip_hint"))
    await sec.press("跳过")
    await sec.wait_message(contains=said("meetings.new.choose_audience"))
    await sec.press("全体党员")
    await sec.wait_message(contains=said("meetings.new.ask_agenda"))
    await sec.send("一、学习文件")
    await sec.wait_message(contains=said("meetings.new.agenda_added"))
    await restart(harness)
    await sec.press("下一步")
    preview = await sec.wait_message(contains=said("meetings.new.preview"))
    assert "社区活动室" in preview.body and "09:30" in preview.body
    await sec.press("确认发布")
    await sec.wait_message(contains=said("meetings.new.created"))
    meeting = await newest_meeting(harness, w.branch_id)
    assert meeting.title == "重启后的主题党日"
    assert meeting.starts_at == datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    assert meeting.ends_at == meeting.starts_at + timedelta(minutes=90)
    assert meeting.place == "社区活动室" and meeting.agenda == "一、学习文件"
    # After a restart, a late press on the published card is still answered kindly.
    await restart(harness)
    late = await sec.press_data(Publish().data, preview.message_id)
    assert "会议已发布" in (late.get("text") or "")


async def test_meeting_place_edit_goes_on_after_restart(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, WANG])
    sec = w.user("书记老张")
    meeting_id = await _published(harness, w, "党课 | 2026-03-05 19:00 | 活动室 | 党课")
    await sec.press_data(ChangePlace(meeting_id).data, await last_id(sec))
    await sec.wait_message(contains=said("meetings.manage.ask_place"))
    await restart(harness)
    await sec.send("社区二楼会议室")
    await sec.wait_message(contains=said("meetings.manage.changed"))
    assert (await newest_meeting(harness, w.branch_id)).place == "社区二楼会议室"
    assert await _flow_of(harness, sec) is None


async def test_leave_reason_goes_on_after_restart(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, [SECRETARY, WANG])
    sec = w.user("书记老张")
    meeting_id = await _published(harness, w, "党课 | 2026-03-05 19:00 | 活动室 | 党课")
    wang = w.user("王阿姨")
    notice = await wang.wait_message(contains=said("meetings.notice.new"))
    await wang.press("📝 请假", message_id=notice.message_id)
    picker = await wang.wait_message(contains=said("meetings.leave.choose_reason"))
    await restart(harness)
    await wang.send("要去医院复查")
    await wang.wait_message(contains=said("meetings.leave.sent"))
    assert (await attendance(harness, meeting_id))[w.ids["王阿姨"]].state == "leave_pending"
    assert len(await notice_keys(harness, w.branch_id, "leave:")) == 1
    # The reason buttons are used up, typed or not.
    shown = {m.message_id: m for m in await wang.messages()}[picker.message_id]
    assert shown.inline_buttons == []
    request = await sec.wait_message(contains=said("meetings.leave.ask"))
    assert "要去医院复查" in request.body


async def test_settings_typed_value_goes_on_after_restart(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY])
    sec = w.user("书记老张")
    await sec.send("/settings")
    page = await sec.wait_message(contains=said("meetings.settings.page"))
    await sec.press("⏰ 会前提醒", message_id=page.message_id)
    await sec.wait_message(contains=said("meetings.settings.menu.rm"))
    await sec.press("✍️ 自己输入")
    await sec.wait_message(contains=said("meetings.settings.ask_reminders"))
    await restart(harness)
    await sec.send("3d,2h")
    page = await sec.wait_message(contains=said("meetings.settings.page"))
    assert "会前提醒：3天、2小时" in page.body
    await sec.press("🌐 时区", message_id=page.message_id)
    await sec.wait_message(contains=said("meetings.settings.menu.tz"))
    await sec.press("✍️ 自己输入")
    await sec.wait_message(contains=said("meetings.settings.ask_tz"))
    await restart(harness)
    await sec.send("Europe/Berlin")
    await sec.wait_message(
        contains=said("meetings.settings.page", tz=t("meetings.zone.berlin", "zh"))
    )
    assert await _flow_of(harness, sec) is None


async def test_checkin_code_goes_on_after_restart(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, WANG])
    # Two meetings open at once: six digits typed out of the blue would only get "which one?",
    # so a check-in after the restart proves the chosen meeting was kept.
    first = await _published(harness, w, "主题党日 | 2026-03-03 09:00 | 活动室 | 签到甲")
    await _published(harness, w, "党课 | 2026-03-03 09:00 | 二楼 | 签到乙")
    harness.clock.set(T0 + timedelta(days=1, minutes=-20))
    sec = w.user("书记老张")
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen", title="签到甲"))
    found = re.search(r"签到码：(\d{3}) (\d{3})", screen.body)
    assert found is not None
    code = found.group(1) + found.group(2)
    wang = w.user("王阿姨")
    await wang.send("/checkin")
    choose = await wang.wait_message(contains=said("meetings.checkin.choose"))
    await wang.press_data(CheckInTo(first).data, choose.message_id)
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    await restart(harness)
    await wang.send("000000" if code != "000000" else "111111")  # wrong: still waiting
    await wang.wait_message(contains=said("meetings.refuse.wrong_code"))
    await restart(harness)
    await wang.send(code)
    await wang.wait_message(contains=said("meetings.checkin.ok"))
    assert (await attendance(harness, first))[w.ids["王阿姨"]].method == "code"
    assert await _flow_of(harness, wang) is None


async def test_step_two_on_a_second_application_over_the_same_database(harness: Harness) -> None:
    """Step 1 is handled by one Application; it is stopped, a second one is built with
    build_application against the same database (and sandbox), and handles step 2."""
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, WANG])
    sec = w.user("书记老张")
    first = harness.app
    await sec.send("/newmeeting")
    await sec.wait_message(contains=said("meetings.new.choose_type"))
    await sec.press("主题党日")
    await sec.wait_message(contains=said("meetings.new.ask_title"))

    await harness.stop()
    second = build_application(
        harness.settings, clock=harness.clock, token=harness.token, poll_timeout=1
    )
    assert second is not first
    harness.app, harness.stop_event = second, asyncio.Event()
    started = asyncio.Event()
    harness.task = asyncio.create_task(
        serve(second, harness.stop_event, poll_timeout=1, started=started)
    )
    await asyncio.wait_for(started.wait(), 15)
    manual_ticks(harness)

    await sec.send("第二个进程接着填")
    await sec.wait_message(contains=said("meetings.new.choose_day"))
    row = await _flow_of(harness, sec)
    assert row is not None and row.data["draft"]["title"] == "第二个进程接着填"
    await sec.press("明天")
    await sec.wait_message(contains=said("meetings.new.choose_hour"))


async def test_a_message_no_wizard_step_takes_is_answered_as_usual_and_the_draft_stays(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY])
    sec = w.user("书记老张")
    await sec.send("/newmeeting")
    await sec.wait_message(contains=said("meetings.new.choose_type"))
    await sec.press("主题党日")
    await sec.wait_message(contains=said("meetings.new.ask_title"))
    await sec.send("学习新党章")
    await sec.wait_message(contains=said("meetings.new.choose_day"))
    # Only buttons are expected now: text and a sticker-like message get the usual answers.
    await sec.send("嗯嗯嗯嗯嗯")
    await sec.wait_message(contains=said("error.unknown_input"))
    await sec.send_photo(b"\x89PNG not really")
    await sec.wait_message(contains=said("error.unsupported_message"))
    await sec.press("明天")
    await sec.wait_message(contains=said("meetings.new.choose_hour"))
    row = await _flow_of(harness, sec)
    assert row is not None and row.step == "wizard"
    assert row.data["draft"]["title"] == "学习新党章"
