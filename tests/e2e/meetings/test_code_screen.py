"""The host's code screen re-checks the host's role at every refresh."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from handlers.meetings.buttons import RefreshCode
from storage.models.core import Member
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    messages_containing,
    newest_meeting,
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China


async def _meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def test_a_demoted_hosts_screen_stops_showing_codes(harness: Harness) -> None:
    harness.clock.set(T0)
    people = [SECRETARY, Person("委员老李", role="committee"), Person("王阿姨")]
    w = await make_world(harness, people)
    await _meeting(harness, w)
    harness.clock.set(START)
    li = w.user("委员老李")
    await li.send("/checkin")
    screen = await li.wait_message(contains=said("meetings.code.screen"))
    await li.wait_message(contains=said("meetings.code.qr_caption"))
    async with harness.data.db.transaction() as s:
        member = await s.get(Member, w.ids["委员老李"])
        assert member is not None
        member.role = "member"
    harness.clock.advance(timedelta(seconds=91))  # the code has changed twice since
    stopped = await li.wait_message(contains=said("meetings.code.not_host"), timeout=15)
    assert stopped.message_id == screen.message_id and "签到码：" not in stopped.body
    assert not stopped.inline_buttons
    for _ in range(100):  # the QR goes right after the text changed
        if not await messages_containing(li, said("meetings.code.qr_caption")):
            break
        await asyncio.sleep(0.05)
    assert not await messages_containing(li, said("meetings.code.qr_caption"))
    # Pressing 刷新 on an older copy re-checks too.
    answer = await li.press_data(
        RefreshCode((await newest_meeting(harness, w.branch_id)).id).data, screen.message_id
    )
    assert "只有" in (answer.get("text") or "")
