"""After the meeting: the secretary's summary (rate, quorum), absentees, and 补学."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from handlers.meetings.buttons import MadeUp
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    attendance,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    messages_containing,
    newest_meeting,
    recipients,
    start_sender,
    tick,
)
from tests.said import said

PEOPLE = [
    SECRETARY,  # full member, votes
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("赵叔", group="第二党小组"),
    Person("预备党员小钱", group="第一党小组", category="probationary"),
]
START = datetime(2026, 3, 5, 1, 0, tzinfo=UTC)


async def _general_meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 支部党员大会 | 2026-03-05 09:00 | 会议室 | 一季度党员大会")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def _code(h: Harness, w: World) -> str:
    sec = w.user("书记老张")
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    found = re.search(r"签到码：(\d{3}) (\d{3})", screen.body)
    assert found is not None
    return found.group(1) + found.group(2)


async def test_summary_with_quorum_then_makeup(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    meeting_id = await _general_meeting(harness, w)
    zhao = w.user("赵叔")
    notice = await zhao.wait_message(contains=said("meetings.notice.new"))
    await zhao.press("📝 请假", message_id=notice.message_id)
    await zhao.wait_message(
        contains=said("meetings.leave.choose_reason")
    )  # the choice comes after the answer
    await zhao.press("身体不适")
    sec = w.user("书记老张")
    ask = await sec.wait_message(contains=said("meetings.leave.ask"))
    await sec.press("✅ 批准", message_id=ask.message_id)

    harness.clock.set(START - timedelta(minutes=5))
    code = await _code(harness, w)  # the host who shows the code is present by that
    for name in ("预备党员小钱",):
        await w.user(name).send(code)
        await w.user(name).wait_message(contains=said("meetings.checkin.ok"))
    harness.clock.set(START + timedelta(minutes=59))
    await tick(harness)
    assert await recipients(harness, f"meeting:{meeting_id}:summary") == []
    harness.clock.set(START + timedelta(minutes=60))
    await tick(harness)
    await tick(harness)  # twice: still one summary, one make-up notice

    summary = await sec.wait_message(contains=said("meetings.summary.head"))
    body = summary.body
    assert "应到 5 人，实到 2 人" in body
    assert "请假 1 人" in body and "缺席 2 人" in body
    assert "出席率：40.0%" in body
    # 4 voting members (the probationary member has no vote); 1 of them present, 3 needed.
    assert "到会人数不足" in body and "有表决权党员 4 人，到会 1 人，需 3 人" in body
    assert "缺席：王阿姨、李大爷" in body
    assert await recipients(harness, f"meeting:{meeting_id}:summary") == [w.ids["书记老张"]]
    missed = sorted(w.ids[n] for n in ("王阿姨", "李大爷", "赵叔"))
    assert await recipients(harness, f"meeting:{meeting_id}:makeup") == missed
    rows = await attendance(harness, meeting_id)
    assert {n: rows[w.ids[n]].state for n in ("王阿姨", "李大爷", "赵叔")} == {
        "王阿姨": "absent",
        "李大爷": "absent",
        "赵叔": "leave_approved",
    }

    wang = w.user("王阿姨")
    makeup = await wang.wait_message(contains=said("meetings.makeup.notice"))
    await wang.press("📖 已补学", message_id=makeup.message_id)
    await wang.wait_message(contains=said("meetings.makeup.done"))
    again = await wang.press("📖 已补学", message_id=makeup.message_id)
    assert "已经补学过" in (again.get("text") or "")
    assert len(await messages_containing(wang, said("meetings.makeup.done"))) == 1
    # Someone who was there has nothing to make up, even with a forged button.
    qian = w.user("预备党员小钱")
    last = await qian.last_message()
    assert last is not None
    answer = await qian.press_data(MadeUp(meeting_id).data, last.message_id)
    assert "不需要补学" in (answer.get("text") or "")
    rows = await attendance(harness, meeting_id)
    assert rows[w.ids["王阿姨"]].made_up_at is not None
    assert rows[w.ids["王阿姨"]].state == "absent"  # made up, still recorded as unexcused
    assert rows[w.ids["预备党员小钱"]].made_up_at is None


async def test_quorum_held_when_more_than_half_the_voters_come(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    meeting_id = await _general_meeting(harness, w)
    harness.clock.set(START)
    code = await _code(harness, w)  # the host who shows the code is present by that
    for name in ("王阿姨", "李大爷"):
        await w.user(name).send(code)
        await w.user(name).wait_message(contains=said("meetings.checkin.ok"))
    harness.clock.set(START + timedelta(hours=2))
    await tick(harness)
    summary = await w.user("书记老张").wait_message(contains=said("meetings.summary.head"))
    assert "到会人数符合规定" in summary.body and "到会 3 人" in summary.body
    assert await recipients(harness, f"meeting:{meeting_id}:makeup") == sorted(
        [w.ids["赵叔"], w.ids["预备党员小钱"]]
    )
