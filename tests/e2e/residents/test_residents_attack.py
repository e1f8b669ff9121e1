"""Residents' requests under attack: strangers, other branches, forged and replayed buttons,
hostile text, a file that is no photo, the per-resident limit."""

from __future__ import annotations

import io

from PIL import Image

from bot.sandbox.client import SandboxUser
from handlers.residents.buttons import (
    AskAgain,
    AskCloseReason,
    AssignTaker,
    BlockResident,
    ChooseTaker,
    FinishRequest,
    RateRequest,
    RevokeLink,
    SubmitRequest,
    TakeRequest,
    WithdrawRequest,
)
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401
    start_sender,
)
from tests.e2e.residents.world import CATEGORY, T0, ask, residents_world
from tests.said import said


async def _a_bot_message(person: SandboxUser) -> int:
    """Forged buttons are pressed on some message of the bot in the person's chat."""
    return [m for m in await person.messages() if m.from_bot][-1].message_id


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(out, format="JPEG")
    return out.getvalue()


async def test_nobody_but_a_holder_takes_and_nobody_but_the_secretary_decides(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    other = await make_world(harness, [Person("外支部书记", role="secretary")])
    token = await rw.link()
    resident, neighbour = await harness.user("居民小刘"), await harness.user("邻居")
    await ask(rw, resident, token)
    [row] = await rw.requests()
    outsider, qian = other.user("外支部书记"), rw.user("小钱")
    await neighbour.start()
    await neighbour.wait_message()

    cases = [
        (outsider, TakeRequest(row.id).data, "没有找到"),
        (qian, TakeRequest(row.id).data, "只有认领了这一类岗位"),
        (outsider, ChooseTaker(row.id).data, "没有找到"),
        (outsider, AskCloseReason(row.id).data, "没有找到"),
        (qian, BlockResident(row.id).data, "只有认领"),
        (resident, AssignTaker(row.id, rw.world.ids["小钱"]).data, "没有找到"),
        (neighbour, RateRequest(row.id, 5).data, "没有找到"),
        (resident, RateRequest(row.id, 5).data, "还没有办结"),
        (resident, RateRequest(row.id, 9).data, "1 到 5"),
        (resident, FinishRequest(row.id).data, "没有找到"),
        (qian, FinishRequest(row.id).data, "不是您的求助"),
        (resident, SubmitRequest().data, "已经提交或已过期"),
        (qian, RevokeLink().data, "只有认领"),
        (neighbour, AskAgain(rw.world.branch_id).data, "已经停用或不存在"),  # never asked there
        (neighbour, WithdrawRequest(row.id).data, "没有找到"),
    ]
    for person, data, expected in cases:
        result = await person.press_data(data, await _a_bot_message(person))
        assert expected in (result.get("text") or ""), (data, result)
    [after] = await rw.requests()
    assert (after.state, after.taken_by_member_id, after.rating, after.closed_at) == (
        "open", None, None, None,
    )  # fmt: skip
    assert await rw.duties() == []
    assert await rw.audit_actions() == ["residents.link.create"]

    await neighbour.start(token)
    welcome = await neighbour.wait_message(contains=said("residents.welcome"))
    await neighbour.press("📋 我的求助", message_id=welcome.message_id)
    empty = await neighbour.wait_message(contains=said("residents.mine.empty"))
    assert "楼道灯" not in empty.body  # only one's own requests

    await resident.send("/start " + token)
    welcome = await resident.wait_message(contains=said("residents.welcome"))
    await resident.press("📋 我的求助", message_id=welcome.message_id)
    listing = await resident.wait_message(contains=said("residents.mine.title"))
    await resident.press(f"↩️ 撤回 #{row.id}", message_id=listing.message_id)
    await resident.wait_message(contains=said("residents.withdrawn", id=row.id))
    [after] = await rw.requests()
    assert (after.state, after.closed_by_member_id) == ("closed", None)


async def test_hostile_text_a_file_that_is_no_photo_and_the_daily_limit(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    token = await rw.link()
    resident = await harness.user("居民小王")
    await resident.start(token)
    welcome = await resident.wait_message(contains=said("residents.welcome"))
    await resident.send("你好")
    await resident.wait_message(contains=said("residents.ask.pick"))
    await resident.press(CATEGORY, message_id=welcome.message_id)
    await resident.wait_message(contains=said("residents.ask.text"))
    await resident.send("灯" * 400)
    await resident.wait_message(contains=said("residents.refuse.too_long"))
    await resident.send("<b>灯坏了</b>\u202e\u0000 请帮忙")
    await resident.wait_message(contains=said("residents.ask.addr"))
    await resident.press("⏭ 跳过")
    await resident.wait_message(contains=said("residents.ask.phone"))
    await resident.send("打我电话")
    await resident.wait_message(contains=said("residents.refuse.bad_phone"))
    await resident.press("⏭ 跳过")
    await resident.wait_message(contains=said("residents.ask.photo"))
    await resident.send_document("x.pdf", b"%PDF-1.4", mime_type="application/pdf")
    await resident.wait_message(contains=said("residents.refuse.photo_type"))
    await resident.send_photo(_jpeg())
    confirm = await resident.wait_message(contains=said("residents.ask.confirm"))
    assert "附照片" in confirm.body and "&lt;b&gt;" not in confirm.body
    assert "<b>灯坏了</b>" in confirm.body  # shown as typed, not as markup
    await resident.press("✅ 提交", message_id=confirm.message_id)
    await resident.wait_message(contains=said("residents.ask.submitted"))
    [row] = await rw.requests()
    assert row.text == "<b>灯坏了</b> 请帮忙" and len(row.photos) == 1 and row.phone is None
    ask_wang = await rw.user("王阿姨").wait_message(contains=said("residents.ask.new"))
    assert ask_wang.photo is not None

    for _ in range(2):
        await ask(rw, resident, token)
    await resident.start(token)
    limited = await resident.wait_message(contains=said("residents.limited"))
    assert limited.button_texts() == ["📋 我的求助"]
    assert len(await rw.requests()) == 3
