"""A resident asks through the notice-board link; a holder takes it, finishes it; rating."""

from __future__ import annotations

import asyncio

from handlers.residents.buttons import RateRequest
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup, start_sender  # noqa: F401
from tests.e2e.residents.world import MEMBER_PHONE, T0, ask, residents_world
from tests.said import said


async def test_a_resident_asks_a_holder_takes_and_finishes_and_the_resident_rates(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    token = await rw.link()
    resident = await harness.user("居民小刘")
    await ask(rw, resident, token)

    [row] = await rw.requests()
    assert (row.state, row.text, row.phone) == ("open", "楼道灯坏了，家里只有老人", "13800138000")
    wang, li = rw.user("王阿姨"), rw.user("李大爷")
    ask_wang = await wang.wait_message(contains=said("residents.ask.new"))
    ask_li = await li.wait_message(contains=said("residents.ask.new"))
    assert "楼道灯坏了" in ask_wang.body and "13800138000" not in ask_wang.body

    took = await wang.press("🙋 我来办", message_id=ask_wang.message_id)
    assert took.get("answered")
    mine = await wang.wait_message(contains=said("residents.taker.took"))
    assert "13800138000" in mine.body  # the taker may call the resident
    told = await resident.wait_message(contains=said("residents.resident.taken", name="王阿姨"))
    assert MEMBER_PHONE not in told.body
    await li.wait_message(contains=said("residents.ask.taken_by", name="王阿姨"))
    late = await li.press("🙋 我来办", message_id=ask_li.message_id)
    assert "其他党员接单" in (late.get("text") or "")

    await wang.send("/residents")
    listed = await wang.wait_message(contains=said("residents.taker.took"))
    assert "楼道灯坏了" in listed.body and "✅ 办结" in listed.button_texts()
    await wang.press("✅ 办结", message_id=mine.message_id)
    await wang.wait_message(contains=said("residents.taker.note"))
    await wang.send("已换好灯泡")
    await wang.wait_message(contains=said("residents.taker.done"))
    [duty] = await rw.duties()
    assert (duty.source, duty.state, duty.request_id, duty.what) == (
        "request",
        "confirmed",
        row.id,
        "已换好灯泡",
    )
    assert duty.member_id == rw.world.ids["王阿姨"] and duty.post_id is not None

    done = await resident.wait_message(contains=said("residents.resident.done", name="王阿姨"))
    await resident.press("⭐⭐⭐⭐⭐", message_id=done.message_id)
    await resident.wait_message(contains=said("residents.rated"))
    await resident.send("很及时，谢谢！")
    await resident.wait_message(contains=said("residents.comment.thanks"))
    again = await resident.press_data(RateRequest(row.id, 2).data, done.message_id)  # replayed
    assert "已经评价过" in (again.get("text") or "")
    [row] = await rw.requests()
    assert (row.state, row.rating, row.rating_comment) == ("done", 5, "很及时，谢谢！")

    await resident.send("/start " + token)
    welcome = await resident.wait_message(contains=said("residents.welcome"))
    await resident.press("📋 我的求助", message_id=welcome.message_id)
    listing = await resident.wait_message(contains=said("residents.mine.title"))
    assert "已办结" in listing.body and MEMBER_PHONE not in listing.body
    for message in await resident.messages():
        assert MEMBER_PHONE not in message.body


async def test_ten_holders_pressing_at_once_one_takes_the_others_are_told_kindly(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness, extra_holders=8)
    token = await rw.link()
    resident = await harness.user("居民老马")
    await ask(rw, resident, token)
    holders = [rw.user(n) for n in rw.holder_names]
    assert len(holders) == 10
    notices = [await h.wait_message(contains=said("residents.ask.new")) for h in holders]
    presses = await asyncio.gather(
        *(
            h.press("🙋 我来办", message_id=n.message_id)
            for h, n in zip(holders, notices, strict=True)
        )
    )
    kind = [p for p in presses if "其他党员接单" in (p.get("text") or "")]
    assert len(kind) == 9
    [row] = await rw.requests()
    assert row.state == "taken" and row.taken_by_member_id is not None
    await resident.wait_message(contains=said("residents.resident.taken"))
