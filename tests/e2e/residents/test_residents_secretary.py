"""The secretary's side: escalation by the job, assign, close with a reason, block, renew the
link, settings; and a category nobody holds goes to the secretary at once."""

from __future__ import annotations

from datetime import timedelta

import jobs.residents
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup, restart, start_sender  # noqa: F401
from tests.e2e.residents.world import SECRETARY, T0, ask, residents_world
from tests.said import said


async def test_late_requests_escalate_once_and_the_secretary_assigns_closes_and_blocks(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    sec = rw.user(SECRETARY.name)
    token = await rw.link()
    resident, rude = await harness.user("居民小刘"), await harness.user("捣乱的人")
    await ask(rw, resident, token)
    await ask(rw, rude, token, text="随便写写测试一下")

    # The database is shared with other tests: count this branch's requests only.
    harness.clock.set(T0 + timedelta(hours=23))
    await jobs.residents.run(harness.data)
    assert [r.escalated_at for r in await rw.requests()] == [None, None]
    harness.clock.set(T0 + timedelta(hours=24, minutes=1))
    await jobs.residents.run(harness.data)
    assert all(r.escalated_at is not None for r in await rw.requests())
    assert (await jobs.residents.run(harness.data)).escalated == 0  # a restart tells nobody twice
    first = await sec.wait_message(contains=said("residents.escalated.late"))
    second = await sec.wait_message(contains=said("residents.escalated.late"))
    if "楼道灯" not in first.body:
        first, second = second, first

    await sec.press("📌 指派", message_id=first.message_id)
    choose = await sec.wait_message(contains=said("residents.officer.choose"))
    await sec.press("小钱", message_id=choose.message_id)
    await sec.wait_message(contains=said("residents.officer.assigned", name="小钱"))
    qian = rw.user("小钱")
    await qian.wait_message(contains=said("residents.taker.assigned"))
    await resident.wait_message(contains=said("residents.resident.taken", name="小钱"))

    await sec.press("✖️ 关闭", message_id=second.message_id)
    await sec.wait_message(contains=said("residents.officer.close_reason"))
    await sec.send("重复提交，已电话联系")
    await sec.wait_message(contains=said("residents.officer.closed"))
    await rude.wait_message(
        contains=said("residents.resident.closed", reason="重复提交，已电话联系")
    )
    blocked = await sec.press("⛔ 禁止此居民", message_id=second.message_id)
    assert "已禁止" in (blocked.get("text") or "")
    await rude.start(token)
    refused = await rude.wait_message(contains=said("residents.refuse.blocked"))
    assert not refused.inline_buttons
    note = await sec.wait_message(contains=said("residents.officer.blocked"))
    await sec.press("↩️ 解除禁止", message_id=note.message_id)
    await sec.wait_message(contains=said("residents.officer.unblocked"))
    await rude.start(token)
    await rude.wait_message(contains=said("residents.welcome"))

    [taken, closed] = await rw.requests()
    assert (taken.state, taken.taken_by_member_id) == ("taken", rw.world.ids["小钱"])
    assert (closed.state, closed.close_reason) == ("closed", "重复提交，已电话联系")
    actions = await rw.audit_actions()
    for action in ("residents.link.create", "residents.assign", "residents.close"):
        assert action in actions
    assert "residents.block" in actions and "residents.unblock" in actions


async def test_nobody_holding_the_category_goes_to_the_secretary_at_once_and_a_renewed_link(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    sec = rw.user(SECRETARY.name)
    token = await rw.link()
    resident = await harness.user("居民老周")
    await resident.start(token)
    welcome = await resident.wait_message(contains=said("residents.welcome"))
    await resident.press("环保卫生", message_id=welcome.message_id)  # nobody holds it
    await resident.wait_message(contains=said("residents.ask.text"))
    await resident.send("垃圾桶满了三天没人收")
    await resident.wait_message(contains=said("residents.ask.addr"))
    await restart(harness)  # the draft is in the database: the resident goes on where they were
    await resident.send("5号楼门口")
    for step in ("residents.ask.phone", "residents.ask.photo"):
        await resident.wait_message(contains=said(step))
        await resident.press("⏭ 跳过")
    confirm = await resident.wait_message(contains=said("residents.ask.confirm"))
    await resident.press("✅ 提交", message_id=confirm.message_id)
    await resident.wait_message(contains=said("residents.ask.submitted_nobody"))
    told = await sec.wait_message(contains=said("residents.escalated.nobody"))
    assert "5号楼门口" in told.body

    await sec.send("/residents")
    menu = await sec.wait_message(contains=said("residents.officer.menu"))
    await sec.press("⚙️ 设置", message_id=menu.message_id)
    await sec.wait_message(contains=said("residents.officer.settings"))
    await sec.press("6小时提醒")
    await sec.wait_message(contains=said("residents.officer.settings", h=6))
    await sec.send("/residents")
    menu = await sec.wait_message(contains=said("residents.officer.menu"))
    await sec.press("🔗 链接和二维码", message_id=menu.message_id)
    qr = await sec.wait_message(contains=said("residents.officer.link"))
    await sec.press("🔄 换新链接", message_id=qr.message_id)
    renewed = await sec.wait_message(contains=said("residents.officer.link"))
    assert token not in renewed.body
    stranger = await harness.user("新居民")
    await stranger.start(token)
    await stranger.wait_message(contains=said("residents.refuse.bad_link"))
    assert "residents.settings" in await rw.audit_actions()
