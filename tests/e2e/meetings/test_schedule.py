"""Scheduling as a secretary meets it: the button flow, one line, series, edits, bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from handlers.meetings.buttons import CancelOne, MoveMeeting, Publish
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    last_id,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    meetings_of,
    newest_meeting,
    recipients,
    start_sender,
)
from tests.said import said

PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("小赵", group="第一党小组", category="probationary"),
    Person("积极分子钱", category="activist"),
]


async def test_button_flow_publishes_and_notifies_the_audience(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/newmeeting")
    await sec.wait_message(contains=said("meetings.new.choose_type"))
    await sec.press("主题党日")
    await sec.wait_message(contains=said("meetings.new.ask_title"))
    await sec.send("学习党的二十大精神")
    await sec.wait_message(contains=said("meetings.new.choose_day"))
    await sec.press("明天")
    await sec.wait_message(contains=said("meetings.new.choose_hour"))
    await sec.press("09:00")
    await sec.wait_message(contains=said("meetings.new.choose_minute"))
    await sec.press("09:30")
    await sec.wait_message(contains=said("meetings.new.choose_repeat"))
    await sec.press("只开这一次")
    await sec.wait_message(contains=said("meetings.new.choose_duration"))
    await sec.press("1个半小时")
    await sec.wait_message(contains=said("meetings.new.ask_place"))
    await sec.send("社区活动室")
    await sec.wait_message(contains=said("meetings.new.location_skip_hint"))
    await sec.press("跳过")
    await sec.wait_message(contains=said("meetings.new.choose_audience"))
    await sec.press("全体党员")
    await sec.wait_message(contains=said("meetings.new.ask_agenda"))
    await sec.send("一、学习文件；二、交流发言")
    await sec.wait_message(contains=said("meetings.new.agenda_added"))
    await sec.send_document("学习材料.pdf", b"%PDF-1.4 demo", mime_type="application/pdf")
    await sec.wait_message(contains=said("meetings.new.file_added", n=1))
    await sec.press("下一步")
    preview = await sec.wait_message(contains=said("meetings.new.preview"))
    assert "社区活动室" in preview.body and "09:30" in preview.body
    await sec.press("确认发布")
    done = await sec.wait_message(contains=said("meetings.new.created"))
    assert "4 人" in done.body  # secretary, 王, 李, 小赵; not the activist
    # The card keeps its summary, loses its buttons and says so; a late press is answered kindly.
    card = {m.message_id: m for m in await sec.messages()}[preview.message_id]
    assert "社区活动室" in card.body and "已经发布" in card.body and card.inline_buttons == []
    late = await sec.press_data(Publish().data, preview.message_id)
    assert "会议已发布" in (late.get("text") or "")
    card = {m.message_id: m for m in await sec.messages()}[preview.message_id]
    assert "过期" not in card.body and "社区活动室" in card.body

    meeting = await newest_meeting(harness, w.branch_id)
    assert meeting.starts_at == datetime(2026, 3, 3, 1, 30, tzinfo=UTC)
    assert meeting.ends_at == meeting.starts_at + timedelta(minutes=90)
    assert meeting.title == "学习党的二十大精神"
    notice = await w.user("王阿姨").wait_message(contains=said("meetings.notice.new"))
    assert "3月3日（周二）09:30–11:00" in notice.body
    assert {b["text"] for row in notice.inline_buttons for b in row} >= {"✅ 参加", "📝 请假"}
    expected = sorted(w.ids[n] for n in ("书记老张", "王阿姨", "李大爷", "小赵"))
    assert await recipients(harness, f"meeting:{meeting.id}:v1:notice") == expected
    assert not [
        m
        for m in await w.user("积极分子钱").messages()
        if said("meetings.notice.new").search(m.body)
    ]
    assert "📎 学习材料 1 份" in notice.body
    await w.user("王阿姨").press("📎 学习材料", message_id=notice.message_id)
    await w.user("王阿姨").wait_message(
        contains=said("meetings.materials.head", agenda="一、学习文件；二、交流发言")
    )
    doc = await w.user("王阿姨").wait_message()
    assert doc.document is not None and doc.document["file_name"] == "学习材料.pdf"


async def test_group_leader_schedules_for_own_group_with_a_map_point(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(
        harness, [*PEOPLE, Person("一组组长", group="第一党小组", role="group_leader")]
    )
    leader = w.user("一组组长")
    await leader.send("/newmeeting")
    types = await leader.wait_message(contains=said("meetings.new.choose_type"))
    offered = types.button_texts()
    assert "党小组会" in offered and "支部党员大会" not in offered and "支委会" not in offered
    await leader.press("党小组会")
    await leader.wait_message(contains=said("meetings.new.ask_title"))
    await leader.press("就用")
    await leader.wait_message(contains=said("meetings.new.choose_day"))
    await leader.press("明天")
    await leader.wait_message(contains=said("meetings.new.choose_hour"))
    await leader.press("15:00")
    await leader.wait_message(contains=said("meetings.new.choose_minute"))
    await leader.press("15:00")
    await leader.wait_message(contains=said("meetings.new.choose_repeat"))
    await leader.press("只开这一次")
    await leader.wait_message(contains=said("meetings.new.choose_duration"))
    await leader.press("1小时")
    await leader.wait_message(contains=said("meetings.new.ask_place"))
    await leader.send("王阿姨家楼下凉亭")
    await leader.wait_message(contains=said("meetings.new.ask_location"))
    await leader.send_location(39.9087, 116.3975)
    await leader.wait_message(contains=said("meetings.new.location_saved"))
    await leader.wait_message(
        contains=said("meetings.new.ask_agenda")
    )  # one group: no audience question
    await leader.press("下一步")
    await leader.wait_message(contains=said("meetings.new.has_location"))
    await leader.press("确认发布")
    await leader.wait_message(contains=said("meetings.new.created"))
    meeting = await newest_meeting(harness, w.branch_id)
    assert meeting.audience == f"group:{w.groups['第一党小组']}"
    assert (meeting.place_lat, meeting.place_lon) == (39.9087, 116.3975)
    assert await recipients(harness, f"meeting:{meeting.id}:v1:notice") == sorted(
        [w.ids["王阿姨"], w.ids["小赵"], w.ids["一组组长"]]
    )


async def test_one_line_creates_a_group_meeting_and_a_series(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-26 09:00 | 社区活动室 | 学习二十大精神")
    await sec.wait_message(contains=said("meetings.new.created"))
    one = await newest_meeting(harness, w.branch_id)
    assert (one.title, one.place, one.audience) == ("学习二十大精神", "社区活动室", "branch")
    assert one.starts_at == datetime(2026, 3, 26, 1, 0, tzinfo=UTC)

    await sec.send("/newmeeting 党课 | 每月第一个周一 19:30 | 党员活动室 | 党史学习")
    reply = await sec.wait_message(contains=said("meetings.new.created_series"))
    assert "最近 2 次" in reply.body
    lectures = [m for m in await meetings_of(harness, w.branch_id) if m.type == "lecture"]
    # 19:30 in China is 11:30 UTC; today (2 March) is itself a first Monday, and 60 days
    # ahead reach the first Monday of April but not of May.
    assert [m.starts_at for m in lectures] == [
        datetime(2026, 3, 2, 11, 30, tzinfo=UTC),
        datetime(2026, 4, 6, 11, 30, tzinfo=UTC),
    ]
    assert all(m.series_id == lectures[0].series_id is not None for m in lectures)
    # The first occurrence is announced now; the second a week before it (by the tick).
    assert lectures[0].announced_at is not None and lectures[1].announced_at is None


async def test_bad_input_is_refused_and_nothing_is_stored(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 党课 | 2026-03-01 09:00 | 活动室 | 过去的会")
    await sec.wait_message(contains=said("meetings.error.starts_in_past"))
    await sec.send("/newmeeting 党课 | 2026-03-10 09:00-08:00 | 活动室 | 倒着开")
    await sec.wait_message(contains=said("meetings.error.ends_not_after_start"))
    await sec.send("/newmeeting 茶话会 | 2026-03-10 09:00 | 活动室 | 不存在的类型")
    await sec.wait_message(contains=said("meetings.oneline.type"))
    await sec.send("/newmeeting 党课 | 每月三十二日 9点 | 活动室 | 怪规则")
    await sec.wait_message(contains=said("meetings.new.oneline_bad"))
    member = w.user("王阿姨")
    await member.send("/newmeeting 党课 | 2026-03-10 09:00 | 活动室 | 越权")
    await member.wait_message(contains=said("meetings.refuse.not_allowed"))
    assert await meetings_of(harness, w.branch_id) == []


async def test_move_one_occurrence_and_cancel_notify_those_told(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    w = await make_world(harness, PEOPLE[:3])
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 每周四 09:00 | 活动室 | 周四学习")
    await sec.wait_message(contains=said("meetings.new.created_series"))
    wang = w.user("王阿姨")
    await wang.wait_message(contains=said("meetings.notice.new"))
    first, second, *rest = await meetings_of(harness, w.branch_id)
    await sec.send("/meetings")
    await sec.wait_message(contains=said("meetings.list.upcoming"))
    await sec.press_data(MoveMeeting(first.id).data, await last_id(sec))
    await sec.wait_message(contains=said("meetings.manage.move_day"))
    await sec.press("3月6日")
    await sec.wait_message(contains=said("meetings.new.choose_hour"))
    await sec.press("14:00")
    await sec.wait_message(contains=said("meetings.new.choose_minute"))
    await sec.press("14:30")
    await sec.wait_message(contains=said("meetings.manage.changed"))
    change = await wang.wait_message(contains=said("meetings.notice.changed"))
    assert "3月6日（周五）14:30" in change.body
    moved, untouched = (await meetings_of(harness, w.branch_id))[:2]
    assert moved.id == first.id and moved.starts_at == datetime(2026, 3, 6, 6, 30, tzinfo=UTC)
    assert moved.original_start_utc == datetime(2026, 3, 5, 1, 0, tzinfo=UTC)
    assert (untouched.id, untouched.starts_at) == (second.id, second.starts_at)
    assert untouched.version == 1 and moved.version == 2

    await sec.press_data(CancelOne(first.id).data, await last_id(sec))
    await sec.wait_message(contains=said("meetings.manage.cancelled"))
    gone = await wang.wait_message(contains=said("meetings.notice.cancelled"))
    assert "3月6日" in gone.body
    assert await recipients(harness, f"meeting:{first.id}:cancel") == sorted(w.ids.values())
    after = {m.id: m.status for m in await meetings_of(harness, w.branch_id)}
    assert after[first.id] == "cancelled" and after[second.id] == "scheduled"
    assert all(after[m.id] == "scheduled" for m in rest)
