"""/meetings for members, the .xlsx register for secretaries and group leaders, /settings."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime

from openpyxl import load_workbook
from sqlalchemy import select

from bot.sandbox.client import SandboxUser
from bot.texts import t
from handlers.meetings.buttons import ReportGroup, SetRadius
from storage.models.core import Branch, Member
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    World,
    history_world,
    last_id,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said

MID_MARCH = datetime(2026, 3, 15, 2, 0, tzinfo=UTC)


async def _register(user: SandboxUser, period: str, scope: str) -> list[list[object]]:
    await user.send("/report")
    await user.wait_message(contains=said("meetings.report.choose_period"))
    await user.press(period)
    choice = await user.wait_message(contains=said("meetings.report.choose_group"))
    await user.press(scope, message_id=choice.message_id)
    doc = await user.wait_message(contains=said("meetings.report.caption"))
    assert doc.document is not None and doc.document["file_name"].endswith(".xlsx")
    book = load_workbook(io.BytesIO(await user.download(doc.document["file_id"])))
    return [list(row) for row in book.active.iter_rows(values_only=True)]


def _by_name(rows: list[list[object]]) -> dict[object, list[object]]:
    return {row[0]: row for row in rows[2:]}


async def test_register_for_the_quarter_whole_branch_and_one_group(harness: Harness) -> None:
    harness.clock.set(MID_MARCH)
    w = await history_world(harness)
    sec = w.user("书记老张")
    rows = await _register(sec, "本季度", "全支部")
    head = rows[1]
    assert head[:2] == ["姓名", "党小组"]
    assert [str(h).split("\n")[0] for h in head[2:5]] == ["1月20日", "2月10日", "2月12日"]
    assert head[5:] == ["应参加", "出席", "请假", "缺席", "补学", "出席率"]
    by = _by_name(rows)
    assert by["书记老张"][2:5] == ["出席", "出席", "—"]
    assert by["王阿姨"][2:5] == ["缺席", "—", "缺席"]
    assert by["李大爷"][2:5] == ["请假", "—", "—"]
    assert by["小钱"][2:5] == ["迟到", "—", "代签"]
    assert by["孙姐"][2:5] == ["补学", "—", "—"]
    assert by["赵叔"][2] == "请假(待批)"
    assert by["小钱"][5:] == [2, 2, 0, 0, 0, "100.0%"]
    assert by["王阿姨"][5:] == [2, 0, 0, 2, 0, "0.0%"]

    group = await _register(sec, "本季度", "第一党小组")
    names = [r[0] for r in group[2:]]
    assert names == ["王阿姨", "小钱"]
    assert len(group[1]) == 2 + 2 + 6  # the committee meeting is not theirs

    last_quarter = await _register(sec, "上季度", "全支部")
    assert [str(h).split("\n")[0] for h in last_quarter[1][2:4]] == ["11月15日", "11月20日"]


async def test_group_leader_sees_only_own_group_and_members_cannot_export(
    harness: Harness,
) -> None:
    harness.clock.set(MID_MARCH)
    w = await history_world(harness)
    async with harness.data.db.transaction() as s:
        wang = await s.get(Member, w.ids["王阿姨"])
        assert wang is not None
        wang.role = "group_leader"
    leader = w.user("王阿姨")
    await leader.send("/report")
    await leader.wait_message(contains=said("meetings.report.choose_period"))
    await leader.press("本季度")
    choice = await leader.wait_message(contains=said("meetings.report.choose_group"))
    offered = [b["text"] for row in choice.inline_buttons for b in row]
    assert offered == ["第一党小组"]
    forged = await leader.press_data(
        ReportGroup("this_quarter", w.groups["第二党小组"]).data, choice.message_id
    )
    assert "只有" in (forged.get("text") or "")
    forged = await leader.press_data(ReportGroup("this_quarter", 0).data, choice.message_id)
    assert "只有" in (forged.get("text") or "")
    member = w.user("李大爷")
    await member.send("/report")
    await member.wait_message(contains=said("meetings.refuse.not_allowed"))


async def test_member_overview_shows_own_attendance(harness: Harness) -> None:
    harness.clock.set(MID_MARCH)
    w = await history_world(harness)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-26 09:00 | 活动室 | 三月主题党日")
    await sec.wait_message(contains=said("meetings.new.created"))
    await sec.send("/newmeeting 党课 | 2026-03-27 09:00 | 活动室 | 党课：学习新修订的党章")
    await sec.wait_message(contains=said("meetings.new.created"))
    wang = w.user("王阿姨")
    await wang.send("/meetings")
    page = await wang.wait_message(contains=said("meetings.list.upcoming"))
    lines = page.body.splitlines()
    assert any("党课：学习新修订的党章" in x for x in lines)
    assert not any("党课：党课" in x for x in lines)
    assert any("三月主题党日" in x and "未回复" in x for x in lines)
    assert any("往期group_meeting" in x and "缺席" in x for x in lines)
    assert any("往期theme_day" in x and "已签到" in x for x in lines)
    assert not any("往期committee" in x for x in lines)  # not hers
    buttons = [b["text"] for row in page.inline_buttons for b in row]
    assert "📝 请假：3月26日 三月主题党日" in buttons  # dated (issue 11)
    assert "🗓 安排会议" not in buttons
    sun = w.user("孙姐")
    await sun.send("/meetings")
    sun_page = await sun.wait_message(contains=said("meetings.list.upcoming"))
    assert any("往期general_meeting" in x and "（已补学）" in x for x in sun_page.body.splitlines())


async def test_meetings_before_joining_are_not_shown_as_absent(harness: Harness) -> None:
    harness.clock.set(MID_MARCH)
    w = await history_world(harness)
    async with harness.data.db.transaction() as s:
        li = await s.get(Member, w.ids["李大爷"])
        assert li is not None
        li.created_at = datetime(2026, 1, 1, 2, 0, tzinfo=UTC)  # approved after November
    member = w.user("李大爷")
    await member.send("/meetings")
    page = await member.wait_message(contains=said("meetings.list.upcoming"))
    lines = page.body.splitlines()
    for title in ("往期theme_day", "往期lecture"):
        line = next(x for x in lines if title in x)
        assert "缺席" not in line and "—" in line.split("——")[-1]
    assert any("往期general_meeting" in x and "已请假" in x for x in lines)
    # Someone in the branch all along, with no record, is still absent.
    wang = w.user("王阿姨")
    await wang.send("/meetings")
    page = await wang.wait_message(contains=said("meetings.list.upcoming"))
    assert any("往期lecture" in x and "缺席" in x for x in page.body.splitlines())


async def test_settings_change_with_buttons_and_typing(harness: Harness) -> None:
    harness.clock.set(MID_MARCH)
    w = await _settings_world(harness)
    sec = w.user("书记老张")
    await sec.send("/settings")
    page = await sec.wait_message(contains=said("meetings.settings.page"))
    assert "会前提醒：1天、1小时" in page.body and "时区：北京时间" in page.body
    await sec.press("⏰ 会前提醒", message_id=page.message_id)
    await sec.wait_message(contains=said("meetings.settings.menu.rm"))
    await sec.press("2小时")
    page = await sec.wait_message(contains=said("meetings.settings.page"))
    assert "会前提醒：2小时" in page.body
    await sec.press("🕘 签到时间")
    await sec.wait_message(contains=said("meetings.settings.menu.win"))
    await sec.press("开始后120分钟截止")
    await sec.wait_message(contains=said("meetings.settings.page"))
    await sec.press("📍 签到范围")
    await sec.wait_message(contains=said("meetings.settings.menu.rd"))
    await sec.press("500米")
    await sec.wait_message(contains=said("meetings.settings.page", radius=500))
    await sec.press("🌐 时区")
    picker = await sec.wait_message(contains=said("meetings.settings.menu.tz"))
    assert {"北京时间", "乌鲁木齐时间"} <= set(picker.button_texts())
    assert not [b for b in picker.button_texts() if "Asia/" in b]
    await sec.press("✍️ 自己输入")
    await sec.wait_message(contains=said("meetings.settings.ask_tz"))
    await sec.send("Mars/Olympus")
    await sec.wait_message(contains=said("meetings.settings.bad_tz"))
    await sec.send("Europe/Berlin")
    await sec.wait_message(
        contains=said("meetings.settings.page", tz=t("meetings.zone.berlin", "zh"))
    )
    await sec.press("📋 会议频次")
    await sec.wait_message(contains=said("meetings.settings.menu.cd"))
    await sec.press("党课：每季度")
    cycled = await sec.wait_message(contains=said("meetings.settings.menu.cd"))
    assert "党课：每半年" in cycled.button_texts()
    async with harness.data.db.transaction() as s:
        branch = await s.scalar(select(Branch).where(Branch.id == w.branch_id))
        assert branch is not None
        stored = branch.settings["meetings"]
        assert branch.timezone == "Europe/Berlin"
    assert stored["reminders"] == "2h" and stored["closes_after_min"] == 120
    assert stored["radius_m"] == 500 and stored["cadence"]["lecture"] == "half_year"
    assert json.dumps(stored)  # plain JSON
    member = w.user("王阿姨")
    await member.send("/settings")
    await member.wait_message(contains=said("meetings.refuse.secretary_only"))
    forged = await member.press_data(SetRadius(1000).data, await last_id(member))
    assert "只有" in (forged.get("text") or "")


async def _settings_world(harness: Harness) -> World:
    return await history_world(harness, past=())
