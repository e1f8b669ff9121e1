"""Issue 11, item 13: wording and formats a reader meets."""

from __future__ import annotations

import io
from datetime import date, timedelta

from openpyxl import load_workbook

from bot.domain.meetings import MeetingType
from handlers.meetings.buttons import MeetingRegister
from handlers.meetings.new_details import preview
from handlers.meetings.state import Draft
from handlers.members.views import fmt_date, fmt_time
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
)
from tests.said import said


async def test_register_file_invite_caption_and_dates_read_naturally(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-03 09:00 | 活动室 | 党课")
    await sec.wait_message(contains=said("meetings.new.created"))
    mid = (await newest_meeting(harness, w.branch_id)).id
    harness.clock.set(T0 + timedelta(days=1, hours=3))
    await sec.press_data(MeetingRegister(mid).data, (await sec.wait_message()).message_id)
    doc = await sec.wait_message(contains=said("meetings.report.caption"))
    assert doc.document is not None
    assert doc.document["file_name"] == "签到表_党课_2026年03月03日_含个人信息.xlsx"
    assert "1 次会议，2 人" in doc.body  # people, not 「名党员」 (activists are not members)
    book = load_workbook(io.BytesIO(await sec.download(doc.document["file_id"])))
    header = [str(c) for c in next(book.active.iter_rows(min_row=2, values_only=True)) if c]
    assert "3月3日\n党课" in header  # not 「党课\n党课」
    # The invite link says how many used it in a sentence.
    await sec.send("/invite")
    invite = await sec.wait_message(contains=said("members.invite.caption"))
    assert "已用 0 人（不限人数）" in invite.body and "限 不限" not in invite.body


def test_dates_on_chinese_screens_and_the_draft_end_time() -> None:
    assert fmt_date(date(1976, 8, 1), "zh") == "1976年8月1日"
    assert fmt_date(date(1976, 8, 1), "en") == "1976-08-01"
    assert fmt_time(T0, "Asia/Shanghai", "zh") == "2026年3月2日 09:00"
    draft = Draft(
        1,
        "Asia/Shanghai",
        type=MeetingType.LECTURE,
        title="学习党章",
        day=date(2026, 3, 3),
        hour=9,
        minute=0,
        duration=timedelta(minutes=90),
    )
    assert "09:00–10:30" in preview(draft, "zh")


async def test_sent_to_counts_only_who_can_receive_it(harness: Harness) -> None:
    harness.clock.set(T0)
    people = [SECRETARY, Person("王阿姨"), Person("李大爷", bound=False)]
    w = await make_world(harness, people)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-03 09:00 | 活动室 | 党课")
    published = await sec.wait_message(contains=said("meetings.new.created"))
    assert "正在发给 2 人" in published.body  # not 3: 李大爷 has no Telegram account
