"""Totals, leaderboard, export, chart, certificate and /verify, against the approved records."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import update

from bot.sandbox.client import SandboxUser
from handlers.hours.buttons import ExportHours, MemberCertificate
from storage.models.hours import HoursCertificate, HoursRecord
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, HoursWorld, add_record, hours_world
from tests.e2e.meetings.world import last_id, meetings_cleanup  # noqa: F401
from tests.said import said

# name, team, day, halves, state
HISTORY = [
    ("王阿姨", "社区治安巡逻队", "2026-03-01", 5, "approved"),
    ("王阿姨", "社区环保队", "2026-02-27", 3, "approved"),
    ("王阿姨", "社区治安巡逻队", "2026-02-01", 4, "pending"),
    ("李大爷", "社区治安巡逻队", "2026-02-15", 8, "approved"),
    ("李大爷", "社区治安巡逻队", "2026-02-16", 2, "declined"),
    ("小钱", "社区治安巡逻队", "2026-01-20", 6, "approved"),
    ("小钱", None, "2026-02-20", 1, "approved"),
    ("巡逻队长", "社区治安巡逻队", "2025-12-31", 9, "approved"),
]


async def _history(hw: HoursWorld) -> None:
    for name, team, day, halves, state in HISTORY:
        await add_record(hw, name, team, day, halves, state)
    async with hw.world.harness.data.db.transaction() as s:
        await s.execute(
            update(HoursRecord)
            .where(HoursRecord.member_id == hw.ids["小钱"], HoursRecord.team_id.is_not(None))
            .values(what='=HYPERLINK("http://x")')
        )


async def _press_path(person: SandboxUser, *buttons: str) -> None:
    await person.send("/hours")
    await person.wait_message(contains=said("hours.menu"))
    for label in buttons:
        await person.press(label)
        await person.wait_message()


async def test_export_and_totals_match_the_approved_records_exactly(harness: Harness) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    await _history(hw)
    approved = [r for r in await hw.all_records() if r.state == "approved"]
    sec = hw.user("书记老张")
    await sec.send("/hours")
    await sec.wait_message(contains=said("hours.menu"))
    await sec.press("📈 统计导出")
    await sec.wait_message(contains=said("hours.stats.period"))
    await sec.press("今年")
    await sec.wait_message(contains=said("hours.stats.team"))
    await sec.press("全部队伍")
    shown = await sec.wait_message(contains=said("hours.stats.title"))
    this_year = [r for r in approved if r.day and r.day >= date(2026, 1, 1)]
    total = sum(r.halves for r in this_year) / 2
    assert f"合计：{total:g}小时" in shown.body
    assert "1. 李大爷 4小时" in shown.body and "社区环保队：1.5小时" in shown.body
    await sec.press("📥 导出Excel", message_id=shown.message_id)
    sent = await sec.wait_message(
        contains=said("hours.export.caption", first="2026-01-01", last="2026-03-02")
    )
    assert sent.document is not None
    book = load_workbook(io.BytesIO(await sec.download(sent.document["file_id"])))
    rows = list(book.worksheets[0].iter_rows(min_row=3, values_only=True))
    exported = sorted((str(r[0])[:10], r[1], r[3]) for r in rows)
    names = {v: k for k, v in hw.ids.items()}
    expected = sorted((str(r.day), names[r.member_id], r.halves / 2) for r in this_year)
    assert exported == expected
    per_name: dict[str, float] = defaultdict(float)
    for r in this_year:
        per_name[names[r.member_id]] += r.halves / 2
    sums = {r[0]: r[1] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert sums.pop("合计") == total and sums == per_name
    # A member's typed text that looks like a formula stays plain text.
    cells = [c for row in book.worksheets[0].iter_rows(min_row=3) for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert risky and all(c.data_type == "s" and c.value.startswith("'") for c in risky)

    # One team, last month: only that team's approved rows of February.
    leader = hw.user("巡逻队长")
    await leader.send("/hours")
    await leader.wait_message(contains=said("hours.menu"))
    await leader.press("📈 统计导出")
    await leader.wait_message(contains=said("hours.stats.period"))
    await leader.press("上月")
    picker = await leader.wait_message(contains=said("hours.stats.team"))
    labels = [b["text"] for row in picker.inline_buttons for b in row]
    assert labels == ["社区治安巡逻队"]  # a team leader sees his own team only
    await leader.press("社区治安巡逻队")
    shown = await leader.wait_message(contains=said("hours.stats.title"))
    assert "合计：4小时" in shown.body  # 李大爷's 4 h; pending and declined do not count
    # Any period, typed.
    await sec.send("/hours")
    await sec.wait_message(contains=said("hours.menu"))
    await sec.press("📈 统计导出")
    await sec.wait_message(contains=said("hours.stats.period"))
    await sec.press("📅 其他时间段（打字）")
    await sec.wait_message(contains=said("hours.stats.range_typed"))
    await sec.send("上个月整月")
    await sec.wait_message(contains=said("hours.stats.bad_range"))
    await sec.send("2026-02-01 至 2026-02-26")
    await sec.wait_message(contains=said("hours.stats.team"))
    await sec.press("全部队伍")
    shown = await sec.wait_message(contains=said("hours.stats.title"))
    assert "2026-02-01 至 2026-02-26" in shown.body and "合计：4.5小时" in shown.body
    await sec.press("📥 导出Excel", message_id=shown.message_id)
    sent = await sec.wait_message(
        contains=said("hours.export.caption", first="2026-02-01", last="2026-02-26", n=2, h="4.5")
    )
    assert sent.document is not None
    env = hw.user("环保队长")
    await env.send("/help")
    await env.wait_message()
    forged = await env.press_data(
        ExportHours("month", hw.teams["社区治安巡逻队"]).data, await last_id(env)
    )
    assert "只能审核和统计本队" in (forged.get("text") or "")


async def test_my_totals_chart_leaderboard_opt_out_certificate_and_verify(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    await _history(hw)
    wang = hw.user("王阿姨")
    await wang.send("/hours")
    menu = await wang.wait_message(contains=said("hours.menu"))
    assert "本月：2.5小时" in menu.body and "今年：4小时" in menu.body
    assert "待审核：2小时" in menu.body
    await wang.press("📊 我的统计", message_id=menu.message_id)
    mine = await wang.wait_message(contains=said("hours.totals"))
    assert "社区治安巡逻队：2.5小时" in mine.body and "社区环保队：1.5小时" in mine.body
    await wang.press("📊 月度图表", message_id=mine.message_id)
    chart = await wang.wait_message(contains=said("hours.chart.caption", h=4))
    assert chart.photo is not None
    png = await wang.download(chart.photo["file_id"])
    assert png.startswith(b"\x89PNG")

    # 李大爷 opts out: the leaderboard keeps his place, not his name.
    li = hw.user("李大爷")
    await li.send("/hours")
    await li.wait_message(contains=said("hours.menu"))
    await li.press("📊 我的统计")
    await li.wait_message(contains=said("hours.totals"))
    await li.press("🙈 排行榜不显示我的名字")
    hidden = await li.wait_message(contains=said("hours.totals.hidden"))
    assert "🙂 排行榜显示我的名字" in [b["text"] for row in hidden.inline_buttons for b in row]
    sec = hw.user("书记老张")
    await sec.send("/hours")
    await sec.wait_message(contains=said("hours.menu"))
    await sec.press("📈 统计导出")
    await sec.wait_message(contains=said("hours.stats.period"))
    await sec.press("今年")
    await sec.wait_message(contains=said("hours.stats.team"))
    await sec.press("全部队伍")
    board = await sec.wait_message(contains=said("hours.stats.board"))
    assert "1. （不愿具名） 4小时" in board.body and "李大爷" not in board.body
    # The secretary issues one for a member (李大爷's name is on his own certificate).
    await sec.press("🏅 为队员开具证明", message_id=board.message_id)
    whom = await sec.wait_message(contains=said("hours.cert.whom"))
    await sec.press("李大爷 4h", message_id=whom.message_id)
    issued = await sec.wait_message(contains=said("hours.cert.caption", h=4))
    assert issued.photo is not None
    forged = await wang.press_data(
        MemberCertificate(hw.ids["李大爷"], "year").data, mine.message_id
    )
    assert "不能替别人" in (forged.get("text") or "")

    await wang.press("🏅 开具证明", message_id=mine.message_id)
    await wang.wait_message(contains=said("hours.cert.choose"))
    await wang.press("今年")
    cert = await wang.wait_message(contains=said("hours.cert.caption"))
    assert cert.photo is not None and "4小时" in cert.body
    code = cert.body.split("验证码：")[1].strip()
    stranger = await harness.user("路人")
    await stranger.send(f"/verify {code}")
    ok = await stranger.wait_message(contains=said("hours.verify.genuine"))
    assert "王阿姨" in ok.body and "4 小时" in ok.body and "2026-01-01 至 2026-03-02" in ok.body
    await stranger.send("/verify VH-1-AAAAAAAAAAAA")
    await stranger.wait_message(contains=said("hours.verify.fake"))
    await stranger.send("/verify")
    await stranger.wait_message(contains=said("hours.verify.ask"))
    await stranger.send(code.lower())
    await stranger.wait_message(contains=said("hours.verify.genuine"))
    # A certificate changed in the database no longer verifies.
    async with harness.data.db.transaction() as s:
        await s.execute(update(HoursCertificate).values(halves=HoursCertificate.halves + 20))
    await stranger.send(f"/verify {code}")
    await stranger.wait_message(contains=said("hours.verify.fake"))
