"""Reminders as scheduled jobs: punctual, once each, across restarts, ticks racing, and DST."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import UTC, datetime, timedelta

import pytest

from bot.texts.meeting_facts import time_left
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    meetings_of,
    messages_containing,
    newest_meeting,
    recipients,
    reminder_keys,
    reminder_log,
    restart,
    start_sender,
    tick,
)
from tests.said import said

ONE_HOUR = time_left(timedelta(hours=1), "zh")

PEOPLE = [SECRETARY, Person("王阿姨", group="第一党小组"), Person("李大爷", group="第二党小组")]
# 5 March 2026, 09:00 in China.
START = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
DAY, HOUR = 86400, 3600


async def _create(h: Harness, people: list[Person] = PEOPLE) -> tuple[int, World]:
    w = await make_world(h, people)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-05 09:00 | 活动室 | 提醒测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id, w


async def test_reminders_at_the_offsets_not_to_those_on_leave(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    meeting_id, w = await _create(harness)
    li, wang = w.user("李大爷"), w.user("王阿姨")
    notice = await li.wait_message(contains=said("meetings.notice.new"))
    await li.press("📝 请假", message_id=notice.message_id)
    await li.wait_message(
        contains=said("meetings.leave.choose_reason")
    )  # the choice comes after the answer
    await li.press("外出")
    await li.wait_message(contains=said("meetings.leave.sent"))

    harness.clock.set(START - timedelta(days=1, seconds=1))
    await tick(harness)
    assert await reminder_keys(harness, meeting_id) == []
    harness.clock.advance(timedelta(seconds=2))
    await tick(harness)
    day_key = f"meeting:{meeting_id}:v1:reminder:{DAY}"
    assert await reminder_keys(harness, meeting_id) == [day_key]
    assert await recipients(harness, day_key) == sorted([w.ids["书记老张"], w.ids["王阿姨"]])
    reminder = await wang.wait_message(contains=said("meetings.notice.reminder"))
    assert "还有 1天 开始" in reminder.body  # the time set, though the tick came a second late
    await tick(harness)  # again: nothing new
    assert await reminder_keys(harness, meeting_id) == [day_key]

    harness.clock.set(START - timedelta(hours=1))
    await tick(harness)
    await wang.wait_message(contains=said("meetings.notice.reminder", left=ONE_HOUR))
    keys = await reminder_keys(harness, meeting_id)
    assert keys == [day_key, f"meeting:{meeting_id}:v1:reminder:{HOUR}"]
    assert len(await messages_containing(wang, said("meetings.notice.reminder"))) == 2
    assert len(await messages_containing(li, said("meetings.notice.reminder"))) == 0


async def test_no_reminder_to_those_checked_in_and_the_time_set_is_said(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE, settings={"meetings": {"reminders": "1h,5m"}})
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-05 09:00 | 活动室 | 提醒测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    meeting_id = (await newest_meeting(harness, w.branch_id)).id
    harness.clock.set(START - timedelta(minutes=10))
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    found = re.search(r"签到码：(\d{3}) (\d{3})", screen.body)
    assert found is not None
    wang, li = w.user("王阿姨"), w.user("李大爷")
    await wang.send(found.group(1) + found.group(2))
    await wang.wait_message(contains=said("meetings.checkin.ok"))

    harness.clock.set(START - timedelta(minutes=5) + timedelta(seconds=20))  # a tick 20 s late
    await tick(harness)
    key = f"meeting:{meeting_id}:v1:reminder:300"
    assert await reminder_keys(harness, meeting_id) == [key]
    # The host opened check-in, so is present too (issue 11): no reminder for either.
    assert await recipients(harness, key) == [w.ids["李大爷"]]
    reminder = await li.wait_message(contains=said("meetings.notice.reminder"))
    assert "还有 5分钟 开始" in reminder.body
    assert not await messages_containing(wang, said("meetings.notice.reminder"))


async def test_two_ticks_racing_queue_each_reminder_once(harness: Harness) -> None:
    harness.clock.set(T0)
    crowd = [SECRETARY, *(Person(f"党员{i}") for i in range(8))]
    meeting_id, w = await _create(harness, crowd)
    harness.clock.set(START - timedelta(hours=1))
    await asyncio.gather(tick(harness), tick(harness), tick(harness))
    keys = await reminder_keys(harness, meeting_id)
    # Missed, the 1-day reminder is superseded by the 1-hour one: one reminder, not two.
    assert keys == [f"meeting:{meeting_id}:v1:reminder:{HOUR}"]
    assert await recipients(harness, keys[0]) == sorted(w.ids.values())


async def test_restart_between_creation_and_reminder_sends_once(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    meeting_id, w = await _create(harness)
    wang = w.user("王阿姨")
    await wang.wait_message(contains=said("meetings.notice.new"))
    await restart(harness)
    harness.clock.set(START - timedelta(minutes=30))  # both reminder times passed meanwhile
    await restart(harness)
    await tick(harness)
    got = await wang.wait_message(contains=said("meetings.notice.reminder"))
    assert "还有 30分钟 开始" in got.body
    await restart(harness)
    await tick(harness)
    await asyncio.sleep(0.5)  # give a wrongly queued duplicate the chance to arrive
    assert len(await messages_containing(wang, said("meetings.notice.reminder"))) == 1
    keys = await reminder_keys(harness, meeting_id)
    assert keys == [f"meeting:{meeting_id}:v1:reminder:{HOUR}"]
    assert await reminder_log(harness, meeting_id) == {DAY: "superseded", HOUR: "sent"}

    # Down past the start: the missing reminder of a second meeting is skipped and logged.
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-05 20:00 | 活动室 | 晚上的课")
    await sec.wait_message(contains=said("meetings.new.created"))
    harness.clock.set(datetime(2026, 3, 5, 12, 10, tzinfo=UTC))
    evening = (await newest_meeting(harness, w.branch_id)).id
    with caplog.at_level(logging.WARNING, logger="bot.services.meetings.reminders"):
        await tick(harness)
    assert await reminder_keys(harness, evening) == []
    assert await reminder_log(harness, evening) == {HOUR: "skipped"}
    assert f"meeting {evening}: reminder" in caplog.text and "not running" in caplog.text


async def test_daylight_saving_branch_keeps_local_times(harness: Harness) -> None:
    # Europe/Berlin switches to summer time on 29 March 2026 at 01:00 UTC.
    harness.clock.set(datetime(2026, 3, 16, 8, 0, tzinfo=UTC))
    await start_sender(harness)
    w = await make_world(harness, PEOPLE, tz="Europe/Berlin")
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党小组会 | 每周一 19:00 | Gemeindesaal | 小组学习")
    await sec.wait_message(contains=said("meetings.oneline.group"))
    await sec.send("/newmeeting 主题党日 | 每周一 19:00 | Gemeindesaal | 周一学习")
    await sec.wait_message(contains=said("meetings.new.created_series"))
    starts = [m.starts_at for m in await meetings_of(harness, w.branch_id)][:3]
    assert starts == [
        datetime(2026, 3, 16, 18, 0, tzinfo=UTC),  # CET, UTC+1
        datetime(2026, 3, 23, 18, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 17, 0, tzinfo=UTC),  # CEST, UTC+2: still 19:00 on the wall
    ]
    wang = w.user("王阿姨")
    first = await wang.wait_message(contains=said("meetings.notice.new"))
    assert "19:00 (CET)" in first.body

    third = (await meetings_of(harness, w.branch_id))[2].id
    harness.clock.set(datetime(2026, 3, 29, 16, 59, tzinfo=UTC))
    await tick(harness)  # announces 30 March (23 March is past), no reminder yet
    assert await reminder_keys(harness, third) == []
    harness.clock.set(datetime(2026, 3, 29, 17, 0, tzinfo=UTC))  # Sunday 19:00 CEST: 1 day
    await tick(harness)
    assert await reminder_keys(harness, third) == [f"meeting:{third}:v1:reminder:{DAY}"]
    harness.clock.set(datetime(2026, 3, 30, 15, 59, tzinfo=UTC))
    await tick(harness)
    assert len(await reminder_keys(harness, third)) == 1
    harness.clock.set(datetime(2026, 3, 30, 16, 0, tzinfo=UTC))  # 18:00 CEST: 1 hour
    await tick(harness)
    assert len(await reminder_keys(harness, third)) == 2
    await wang.wait_message(contains=said("meetings.notice.reminder", left=ONE_HOUR))
    reminders = await messages_containing(wang, said("meetings.notice.reminder"))
    assert len(reminders) == 2
    assert all("3月30日（周一）19:00 (CEST)" in m.body for m in reminders)
    assert "还有 1天 开始" in reminders[0].body and "还有 1小时 开始" in reminders[1].body
