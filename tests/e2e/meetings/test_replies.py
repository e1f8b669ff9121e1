"""Issue 11, item 14: replies that help — a greeting, a question about the next meeting, a
photo where a code is expected, an applicant's /checkin."""

from __future__ import annotations

from datetime import timedelta

from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.e2e.members.support import branch_with_secretary, payload_of, register
from tests.e2e.test_core import _PNG
from tests.said import said


async def test_greeting_question_and_photo_get_useful_answers(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 学习党章")
    await sec.wait_message(contains=said("meetings.new.created"))
    # The notice comes through the outbox; let it land so it is not read as the greeting's answer.
    await wang.wait_message(contains=said("meetings.notice.new"))
    await wang.send("你好")
    hello = await wang.wait_message()
    assert "您好" in hello.body and hello.reply_keyboard
    await wang.send("下周的会几点开")
    await wang.wait_message(contains=said("chat.when"))
    listing = await wang.wait_message(contains=said("meetings.list.upcoming"))
    assert "学习党章" in listing.body and "09:00" in listing.body
    # A photo where the code is expected: the question again, not "can't handle photos".
    harness.clock.set(T0 + timedelta(days=1))
    await wang.send("/checkin")
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    await wang.send_photo(_PNG)
    again = await wang.wait_message()
    assert "6 位数字" in again.body


async def test_a_pending_applicant_checking_in_hears_the_application_waits(
    harness: Harness,
) -> None:
    setup = await branch_with_secretary(harness)
    await setup.secretary.send("/invite")
    payload = payload_of(
        await setup.secretary.wait_message(contains=said("members.invite.caption"))
    )
    person = await harness.user("新人")
    await register(person, payload, "周淑芬", group="第二党小组")
    await person.send("/checkin")
    answer = await person.wait_message()
    assert "等待书记审核" in answer.body
