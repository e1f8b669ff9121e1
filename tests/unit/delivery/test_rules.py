"""Pure parts of the delivery feature: content limits, audience toggles, schedule times, texts."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Chat, Message, MessageEntity, User

from bot.services.delivery.audiences import Selection
from bot.services.delivery.broadcast import FILE_MAX_BYTES, Problem, check_content, title_of
from bot.services.delivery.notices import Content, visible_length
from bot.services.delivery.reports import Report
from handlers.delivery import render
from handlers.delivery.buttons import RefreshReport, RemindUnacked, ShowUnreached
from handlers.delivery.compose import _content_of
from handlers.delivery.draft import send_at
from jobs.delivery import views


def test_visible_length_counts_what_telegram_counts() -> None:
    assert visible_length("<b>a&amp;b</b>") == 3
    assert visible_length("&lt;b&gt;") == 3  # typed markup is text
    assert visible_length("😀") == 2  # UTF-16 code units, like Telegram's limit


def test_content_limits() -> None:
    assert check_content(Content(text="好" * 4096), None) is None
    assert check_content(Content(text="好" * 4097), None) is Problem.TEXT_TOO_LONG
    assert check_content(Content(text="<b>" + "x" * 4096 + "</b>"), None) is None
    assert check_content(Content(text="  "), None) is Problem.EMPTY
    photo = Content(photo_file_id="p", caption="说" * 1024)
    assert check_content(photo, None) is None
    assert check_content(Content(photo_file_id="p", caption="说" * 1025), None) is (
        Problem.CAPTION_TOO_LONG
    )
    doc = Content(document_file_id="d")
    assert check_content(doc, FILE_MAX_BYTES) is None
    assert check_content(doc, FILE_MAX_BYTES + 1) is Problem.FILE_TOO_BIG


def test_content_round_trips_through_json() -> None:
    c = Content(text="hi", buttons=((("A", "x:1"), ("B", "x:2")),))
    assert Content.from_json(c.to_json()) == c


def test_selection_toggles() -> None:
    s = Selection().toggle("g1").toggle("g2").toggle("cretired")
    assert s == Selection(groups=(1, 2), categories=("retired",))
    assert s.toggle("g1") == Selection(groups=(2,), categories=("retired",))
    assert s.toggle("com") == Selection(committee=True)
    assert s.toggle("sunstarted") == Selection(saved="unstarted")
    assert Selection(saved="unstarted").toggle("sunstarted").whole_branch
    assert s.toggle("all").whole_branch
    assert s.toggle("cnonsense") == s and s.toggle("gx") == s
    assert Selection.from_json(s.to_json()) == s


def test_title_is_short_plain_text() -> None:
    assert title_of(Content(text="<b>通知</b>：明天开会\n第二行")) == "通知：明天开会"
    assert title_of(Content(text="字" * 30)) == "字" * 20 + "…"


def test_send_at_is_local_time_in_the_branch_zone() -> None:
    now = datetime(2026, 5, 1, 23, 30, tzinfo=UTC)  # 07:30 on 2 May in Shanghai
    assert send_at(0, 9, "Asia/Shanghai", now) == datetime(2026, 5, 2, 1, 0, tzinfo=UTC)
    assert send_at(1, 9, "Asia/Shanghai", now) == datetime(2026, 5, 3, 1, 0, tzinfo=UTC)
    assert send_at(0, 13, "Asia/Shanghai", now) is None  # not an offered hour
    assert send_at(5, 9, "Asia/Shanghai", now) is None


def test_hour_picker_offers_only_future_hours_today() -> None:
    evening = datetime(2026, 5, 1, 13, 30, tzinfo=UTC)  # 21:30 in Shanghai
    assert render.hour_keyboard(1, 0, evening, "Asia/Shanghai", "zh") is None
    morning = datetime(2026, 5, 1, 1, 30, tzinfo=UTC)  # 09:30
    keyboard = render.hour_keyboard(1, 0, morning, "Asia/Shanghai", "zh")
    assert keyboard is not None
    labels = [b.text for row in keyboard.inline_keyboard for b in row]
    assert "09:00" not in labels and "10:00" in labels
    datas = [b.callback_data for row in keyboard.inline_keyboard for b in row]
    assert all(len(str(d).encode()) <= 64 for d in datas)


def test_report_groups_failure_reasons_and_offers_follow_ups() -> None:
    report = Report(
        notice_id=7,
        title="开会",
        status="done",
        ack=True,
        total=10,
        sent=6,
        acked=2,
        blocked=1,
        not_started=1,
        pending=0,
        cancelled=0,
        failed={"retries_exhausted": 1, "message_too_long": 1},
    )
    text, keyboard = views.final_report(report, "zh")
    assert "已送达：6 / 10" in text and "已确认收到：2 / 6" in text
    assert "屏蔽了机器人：1" in text and "还没开始使用机器人：1" in text
    assert "发送失败：2" in text and "文字太长：1" in text
    datas = [b.callback_data for row in keyboard.inline_keyboard for b in row]
    assert datas == [RemindUnacked(7).data, ShowUnreached(7).data, RefreshReport(7).data]


def test_formatting_is_kept_as_html() -> None:
    msg = Message(
        1,
        datetime(2026, 5, 1, tzinfo=UTC),
        Chat(1, "private"),
        from_user=User(1, "书记", False),
        text="明天 开会",
        entities=(MessageEntity(MessageEntity.BOLD, 0, 2),),
    )
    content, size = _content_of(msg)
    assert content.text == "<b>明天</b> 开会" and size is None
