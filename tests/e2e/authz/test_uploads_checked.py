"""Files are size- and type-checked before they are read or passed on to members."""

from __future__ import annotations

import pytest

import bot.services.members.roster
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said


async def test_a_roster_of_the_wrong_type_is_refused_before_it_is_downloaded(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = await make_world(harness, [SECRETARY])
    sec = w.user(SECRETARY.name)

    async def never(*_args: object) -> object:
        raise AssertionError("read a file that its name already refused")

    monkeypatch.setattr(bot.services.members.roster, "read_upload", never)
    # After 「导入名单」 any file is taken as the roster.
    await sec.send("/help")
    anchor = await sec.wait_message(contains=said("help.member"))
    await sec.press_data("mem:im", anchor.message_id)
    await sec.wait_message()
    await sec.send_document("名单.exe", b"MZ\x90\x00" * 10)
    refused = await sec.wait_message()
    assert "xlsx" in refused.body or "格式" in refused.body, refused.body


async def test_an_agenda_file_that_is_a_program_is_not_taken(harness: Harness) -> None:
    w = await make_world(harness, [SECRETARY])
    sec = w.user(SECRETARY.name)
    await sec.send("/newmeeting 主题党日 | 2026-12-26 09:00 | 社区活动室 | 学习")
    await sec.wait_message()
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
    await sec.send_document("学习材料.exe", b"MZ\x90\x00", mime_type="application/x-msdownload")
    await sec.wait_message(contains=said("upload.wrong_type"))
    await sec.send_document("学习材料.pdf", b"%PDF-1.4 demo", mime_type="application/pdf")
    added = await sec.wait_message()
    assert "不能转发" not in added.body
