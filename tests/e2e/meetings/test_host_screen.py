"""Issue 11, check-in as the host runs it: one live code screen that keeps changing until
check-in closes, edited in place, older screens retired."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import timedelta

from bot.sandbox.client import BotMessage, SandboxUser
from handlers.meetings.buttons import RefreshCode
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    attendance,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China


async def meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    # The secretary gets the notice too, through the outbox; let it land before the screens.
    await sec.wait_message(contains=said("meetings.notice.new"))
    return (await newest_meeting(h, w.branch_id)).id


def code_of(screen: BotMessage) -> str:
    line = screen.body.split("签到码：", 1)[1].split("\n", 1)[0]
    return line.replace(" ", "")


async def screen_changes(user: SandboxUser, message_id: int, old: str) -> BotMessage:
    """The same screen message, once it shows a code other than `old`."""
    for _ in range(300):
        found = {m.message_id: m for m in await user.messages()}.get(message_id)
        if found is not None and "签到码：" in found.body and code_of(found) != old:
            return found
        await asyncio.sleep(0.05)
    raise AssertionError("the code screen did not change")


async def screen_retired(user: SandboxUser, message_id: int) -> BotMessage:
    """The screen message, once it says a newer screen took over."""
    retired = said("meetings.code.retired")
    for _ in range(300):
        found = {m.message_id: m for m in await user.messages()}.get(message_id)
        if found is not None and retired.search(found.body):
            return found
        await asyncio.sleep(0.05)
    raise AssertionError("the old code screen was not retired")


async def test_the_screen_keeps_changing_until_check_in_closes(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨")])
    mid = await meeting(harness, w)
    harness.clock.set(START)
    sec, wang = w.user("书记老张"), w.user("王阿姨")
    await sec.send("/checkin")
    screen = await sec.wait_message(contains=said("meetings.code.screen"))
    assert "一直到签到结束（10:00）" in screen.body  # says plainly how long it runs
    code = code_of(screen)
    # Long past the old 20-minute limit, the same message still shows the current code.
    harness.clock.advance(timedelta(minutes=25))
    later = await screen_changes(sec, screen.message_id, code)
    await wang.send("/checkin")
    await wang.wait_message(contains=said("meetings.checkin.ask_code"))
    await wang.send(code_of(later))
    await wang.wait_message(contains=said("meetings.checkin.late"))
    assert w.ids["王阿姨"] in await attendance(harness, mid)
    # At the close the screen says so and stops.
    harness.clock.advance(timedelta(minutes=40))
    closed = await sec.wait_message(contains=said("meetings.code.closed"), timeout=15)
    assert closed.message_id == screen.message_id and not closed.inline_buttons


async def test_one_live_screen_per_host_and_meeting(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨")])
    mid = await meeting(harness, w)
    harness.clock.set(START)
    sec = w.user("书记老张")
    await sec.send("/checkin")
    first = await sec.wait_message(contains=said("meetings.code.screen"))
    qr = await sec.wait_message(contains=said("meetings.code.qr_caption"))
    await sec.send("/checkin")
    second = await sec.wait_message(contains=said("meetings.code.screen"))
    await sec.wait_message(contains=said("meetings.code.qr_caption"))
    old = await sec.wait_message(contains=said("meetings.code.retired"))
    assert old.message_id == first.message_id and "签到码：" not in old.body
    assert old.button_texts() == ["⏹ 旧屏已停用 · 点此改用这一屏"]
    photos = await photos_when(sec, lambda found: len(found) == 1)
    assert [p.message_id for p in photos] != [qr.message_id]
    live_qr = photos[0]
    # The code changes: the live screen and its QR are edited in place, nothing is reposted.
    harness.clock.advance(timedelta(seconds=50))
    changed = await screen_changes(sec, second.message_id, code_of(second))
    photos = await photos_when(
        sec, lambda found: bool(found) and code_of_caption(found[0]) == code_of(changed)
    )
    assert [p.message_id for p in photos] == [live_qr.message_id]
    assert code_of_caption(photos[0]) == code_of(changed)
    last = await sec.last_message()
    assert last is not None and last.message_id == live_qr.message_id
    # The old screen's button makes it the live one again; the other is retired in turn.
    await sec.press_data(RefreshCode(mid).data, first.message_id)
    revived = await screen_changes(sec, first.message_id, "")
    assert "签到码：" in revived.body
    # The other is retired just after the revived one is drawn: wait for it.
    await screen_retired(sec, second.message_id)


def code_of_caption(photo: BotMessage) -> str:
    return (photo.caption or "").split("（", 1)[1].rstrip("）")


async def photos_when(
    user: SandboxUser, ok: Callable[[list[BotMessage]], bool]
) -> list[BotMessage]:
    """The bot's pictures in the chat, once `ok` holds for them."""
    photos: list[BotMessage] = []
    for _ in range(200):
        photos = [m for m in await user.messages() if m.from_bot and m.photo is not None]
        if ok(photos):
            break
        await asyncio.sleep(0.05)
    return photos
