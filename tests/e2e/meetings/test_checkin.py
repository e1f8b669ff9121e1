"""签到 over the sandbox: the host's rotating code and QR, members typing it, locations, proxies."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta

from bot.sandbox.client import SandboxUser
from handlers.meetings.buttons import ChangePlace, ManageMeeting, ProxyList, ProxyMark
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    attendance,
    count_rows,
    last_id,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    messages_containing,
    newest_meeting,
    tick,
)
from tests.said import said

PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("组长老周", group="第一党小组", role="group_leader"),
    Person("没手机的刘奶奶", group="第一党小组", bound=False),
    Person("二组老孙", group="第二党小组", bound=False),
]
START = T0 + timedelta(days=1)  # 3 March 09:00 in China


async def _meeting(h: Harness, w: World, extra: str = "") -> int:
    sec = w.user("书记老张")
    await sec.send(f"/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试{extra}")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def _screen_code(sec: SandboxUser) -> str:
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    found = re.search(r"签到码：(\d{3}) (\d{3})", screen.body)
    assert found is not None
    return found.group(1) + found.group(2)


async def test_code_checkin_wrong_stale_late_and_twice(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    meeting_id = await _meeting(harness, w)
    wang, li = w.user("王阿姨"), w.user("李大爷")
    await wang.send("/checkin")
    await wang.wait_message(
        contains=said("meetings.checkin.nothing_open")
    )  # the day before: not open yet

    harness.clock.set(START - timedelta(minutes=20))
    sec = w.user("书记老张")
    code = await _screen_code(sec)
    qr = await sec.wait_message(contains=said("meetings.code.qr_caption"))
    assert qr.photo is not None
    await wang.send("✅ 签到")
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    wrong = "000000" if code != "000000" else "111111"
    await wang.send(wrong)
    await wang.wait_message(contains=said("meetings.refuse.wrong_code"))
    await wang.send(code[:3] + " " + code[3:])
    await wang.wait_message(contains=said("meetings.checkin.ok"))
    await wang.send("/checkin")
    await wang.send(code)
    await wang.wait_message(contains=said("meetings.checkin.already"))

    # A screenshot two steps old no longer works; the host's screen shows the new code.
    harness.clock.advance(timedelta(minutes=32))  # 12 minutes after the start: late
    await li.start(f"c_{meeting_id}_{code}")
    await li.wait_message(contains=said("meetings.refuse.stale_code"))
    new_code = await _screen_code(sec)
    assert new_code != code
    await li.start(f"c_{meeting_id}_{new_code}")
    await li.wait_message(contains=said("meetings.checkin.late"))

    rows = await attendance(harness, meeting_id)
    assert rows[w.ids["王阿姨"]].state == "present" and rows[w.ids["王阿姨"]].method == "code"
    assert rows[w.ids["李大爷"]].state == "late" and rows[w.ids["李大爷"]].method == "qr"
    # The host who opened the screen is there too (issue 11: never listed absent).
    assert rows[w.ids["书记老张"]].state == "present" and rows[w.ids["书记老张"]].method == "host"
    assert len(rows) == 3

    harness.clock.set(START + timedelta(hours=2))
    zhou = w.user("组长老周")
    await zhou.send(new_code)
    await zhou.wait_message(contains=said("meetings.refuse.nothing_open"))
    assert await count_rows(harness, meeting_id) == 3


async def test_wrong_codes_are_limited(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE[:3])
    meeting_id = await _meeting(harness, w)
    harness.clock.set(START)
    code = await _screen_code(w.user("书记老张"))
    wang = w.user("王阿姨")
    await wang.send("✅ 签到")
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    for guess in ("100000", "200000", "300000", "400000", "500000"):
        await wang.send(guess if guess != code else "600000")
        await wang.wait_message(contains=said("meetings.refuse.wrong_code"))
    await wang.send(code)
    await wang.wait_message(contains=said("meetings.refuse.too_many_tries"))
    assert await count_rows(harness, meeting_id) == 1  # the host only
    harness.clock.advance(timedelta(minutes=10, seconds=1))
    code = await _screen_code(w.user("书记老张"))
    await wang.send(code)
    await wang.wait_message(contains=said("meetings.checkin.late"))


async def test_location_checkin_near_and_far(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE[:3])
    meeting_id = await _meeting(harness, w)
    sec = w.user("书记老张")
    # The venue's map point, set from the meeting's page.
    await sec.press_data(ChangePlace(meeting_id).data, await last_id(sec))
    await sec.wait_message(contains=said("meetings.manage.ask_place"))
    await sec.send_location(39.9087, 116.3975)
    await sec.wait_message(contains=said("meetings.manage.changed"))
    harness.clock.set(START - timedelta(minutes=5))
    wang, li = w.user("王阿姨"), w.user("李大爷")
    await li.send_location(39.9300, 116.3975, live_period=900)  # about 2.4 km north
    far = await li.wait_message(contains=said("meetings.checkin.too_far"))
    assert "300 米" in far.body
    await wang.send_location(39.9090, 116.3978, live_period=900)  # about 40 m away
    await wang.wait_message(contains=said("meetings.checkin.ok"))
    rows = await attendance(harness, meeting_id)
    assert rows[w.ids["王阿姨"]].method == "location" and w.ids["李大爷"] not in rows


async def test_proxy_by_group_leader_and_secretary(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    meeting_id = await _meeting(harness, w)
    harness.clock.set(START + timedelta(minutes=3))
    zhou = w.user("组长老周")
    await zhou.send("/meetings")
    listing = await zhou.wait_message(contains=said("meetings.list.upcoming"))
    await zhou.press_data(ProxyList(meeting_id, 0).data, listing.message_id)
    names = await zhou.wait_message(contains=said("meetings.proxy.choose"))
    offered = [b["text"] for row in names.inline_buttons for b in row]
    assert "没手机的刘奶奶" in offered and "二组老孙" not in offered and "李大爷" not in offered
    await zhou.press("没手机的刘奶奶")
    # A forged button for a member of another group changes nothing.
    answer = await zhou.press_data(
        ProxyMark(meeting_id, w.ids["二组老孙"], 0).data, names.message_id
    )
    assert "只有" in (answer.get("text") or "")
    sec = w.user("书记老张")
    await sec.press_data(ProxyMark(meeting_id, w.ids["二组老孙"], 0).data, await last_id(sec))
    rows = await attendance(harness, meeting_id)
    liu, sun = rows[w.ids["没手机的刘奶奶"]], rows[w.ids["二组老孙"]]
    assert (liu.by_proxy, liu.proxy_member_id, liu.state) == (True, w.ids["组长老周"], "present")
    assert (sun.by_proxy, sun.proxy_member_id) == (True, w.ids["书记老张"])
    assert len(rows) == 2


async def test_thirty_members_check_in_in_the_same_second(harness: Harness) -> None:
    harness.clock.set(T0)
    crowd = [Person(f"党员{i:02d}", group="第一党小组") for i in range(30)]
    w = await make_world(harness, [SECRETARY, *crowd])
    meeting_id = await _meeting(harness, w)
    harness.clock.set(START - timedelta(minutes=1))
    code = await _screen_code(w.user("书记老张"))
    people = [w.user(p.name) for p in crowd]
    await asyncio.gather(*(u.send(code) for u in people))
    await asyncio.gather(
        *(u.wait_message(contains=said("meetings.checkin.ok"), timeout=30) for u in people)
    )
    assert await count_rows(harness, meeting_id) == 31  # and the host
    rows = await attendance(harness, meeting_id)
    assert {r.state for r in rows.values()} == {"present"}
    for u in people:
        assert len(await messages_containing(u, said("meetings.checkin.ok"))) == 1
    # Everyone pressing again at once still leaves one row each.
    await asyncio.gather(*(u.send(code) for u in people[:10]))
    await asyncio.gather(
        *(
            u.wait_message(contains=said("meetings.checkin.already"), timeout=30)
            for u in people[:10]
        )
    )
    assert await count_rows(harness, meeting_id) == 31


async def test_code_screen_is_refreshed_in_place_and_closes(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE[:2])
    await _meeting(harness, w)
    harness.clock.set(START)
    sec = w.user("书记老张")
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    qr = await sec.wait_message(contains=said("meetings.code.qr_caption"))
    harness.clock.advance(timedelta(seconds=91))  # two code steps later
    edited = await sec.wait_message(contains=said("meetings.code.screen"), timeout=15)
    assert edited.edited and edited.message_id == screen.message_id
    assert edited.body.split("\n")[0] != screen.body.split("\n")[0]
    new_qr = await sec.wait_message(contains=said("meetings.code.qr_caption"), timeout=15)
    # The QR is changed in place (issue 11): never reposted at the bottom of the chat.
    assert new_qr.message_id == qr.message_id and new_qr.caption != qr.caption

    harness.clock.advance(timedelta(seconds=91))
    await sec.press("🔄 刷新", message_id=screen.message_id)
    pressed = await sec.wait_message(contains=said("meetings.code.screen"))
    assert pressed.message_id == screen.message_id
    assert pressed.body.split("\n")[0] != edited.body.split("\n")[0]

    harness.clock.set(START + timedelta(hours=2))
    closed = await sec.wait_message(contains=said("meetings.code.closed"), timeout=15)
    assert closed.message_id == screen.message_id


async def test_card_before_close_says_not_checked_in_with_the_screens_count(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    meeting_id = await _meeting(harness, w)
    harness.clock.set(START + timedelta(minutes=3))
    sec = w.user("书记老张")
    code = await _screen_code(sec)
    wang = w.user("王阿姨")
    await wang.send(code)
    await wang.wait_message(contains=said("meetings.checkin.ok"))
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    found = re.search(r"已签到：(\d+) / (\d+) 人", screen.body)
    # 王阿姨 and the host, who opened the screen.
    assert found is not None and found.groups() == ("2", str(len(PEOPLE)))
    await sec.press_data(ManageMeeting(meeting_id).data, screen.message_id)
    card = await sec.wait_message(contains=said("meetings.summary.counts_open"))
    assert f"应到 {len(PEOPLE)} 人，已签到 2 人" in card.body
    assert f"未签到 {len(PEOPLE) - 2} 人" in card.body
    assert re.search(r"缺席 \d", card.body) is None and "出席率：" not in card.body
    assert "缺席：" not in card.body  # no absentee list yet

    harness.clock.set(START + timedelta(hours=3))
    await tick(harness)
    await sec.press_data(ManageMeeting(meeting_id).data, screen.message_id)
    card = await sec.wait_message(contains=said("meetings.summary.counts"))
    assert f"缺席 {len(PEOPLE) - 2} 人" in card.body and "出席率" in card.body


async def test_proxy_pages_stay_put_and_a_second_press_says_already(harness: Harness) -> None:
    harness.clock.set(T0)
    crowd = [Person(f"老党员{i:02d}", group="第一党小组", bound=False) for i in range(12)]
    w = await make_world(harness, [SECRETARY, *crowd])
    meeting_id = await _meeting(harness, w)
    harness.clock.set(START + timedelta(minutes=3))
    sec = w.user("书记老张")
    await sec.send("/help")
    await sec.press_data(ProxyList(meeting_id, 0).data, (await sec.wait_message()).message_id)
    first = await sec.wait_message(contains=said("meetings.proxy.choose"))

    def names(message_buttons: list[list[dict[str, object]]]) -> list[str]:
        return [
            str(b["text"]) for row in message_buttons for b in row if "页" not in str(b["text"])
        ]

    page1 = names(first.inline_buttons)
    await sec.press("老党员02", message_id=first.message_id)
    # The press is answered first and the list edited after: wait for the edit itself.
    edited = await sec.wait_message(contains=said("meetings.proxy.choose"))
    assert edited.edited and edited.message_id == first.message_id
    after = names(edited.inline_buttons)
    assert "✅ 老党员02" in after and [n.removeprefix("✅ ") for n in after] == page1
    more = next(
        str(b["text"]) for row in first.inline_buttons for b in row if "页" in str(b["text"])
    )
    await sec.press(more, message_id=first.message_id)
    turned = await sec.wait_message(contains=said("meetings.proxy.choose"))
    assert turned.edited and turned.message_id == first.message_id  # edited in place
    shown = {m.message_id: m for m in await sec.messages()}
    page2 = names(turned.inline_buttons)
    assert [m for m in shown.values() if m.from_bot and "点名字" in m.body] == [
        shown[first.message_id]
    ]
    everyone = {n.removeprefix("✅ ") for n in [*page1, *page2]}
    assert {p.name for p in crowd} <= everyone
    answer = await sec.press_data(
        ProxyMark(meeting_id, w.ids["老党员02"], 0).data, first.message_id
    )
    assert "已经签过到" in (answer.get("text") or "")
    rows = await attendance(harness, meeting_id)
    assert list(rows) == [w.ids["老党员02"]]
