"""Follow-ups of residents' requests: a taken request nobody finishes is reminded once, then
goes to the secretary, who hands it to someone else; the resident is told in their own
language; the secretary looks back at finished requests (paged, rated) and counts them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import jobs.residents
from handlers.residents.buttons import (
    AssignTaker,
    Counts,
    FinishRequest,
    HistoryPage,
    SetRemindHours,
)
from storage.models.delivery import Notice
from storage.models.residents import ResidentRequest
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup, start_sender  # noqa: F401
from tests.e2e.residents.world import CATEGORY, SECRETARY, T0, ask, residents_world
from tests.said import said

H = timedelta(hours=1)


async def _steps(h: Harness, request_id: int) -> list[str]:
    """The overdue notices of one request, in order (remind, secretary)."""
    async with h.data.db.transaction() as s:
        keys = await s.scalars(
            select(Notice.key)
            .where(Notice.key.like(f"residents:{request_id}:%"))
            .order_by(Notice.id)
        )
        parts = [k.split(":")[2] for k in keys]
    return [p for p in parts if p in ("remind", "secretary")]


async def test_unfinished_request_is_reminded_then_reassigned_and_the_resident_told_in_english(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    sec, wang, li = rw.user(SECRETARY.name), rw.user("王阿姨"), rw.user("李大爷")
    token = await rw.link()
    resident = await harness.user("居民Tom")
    await ask(rw, resident, token)
    await resident.send("/language")
    await resident.wait_message(contains=said("language.choose"))
    await resident.press("English")
    await resident.wait_message(contains=said("language.set", "en"))

    offer = await wang.wait_message(contains=said("residents.ask.new"))
    await wang.press("🙋 我来办", message_id=offer.message_id)
    await wang.wait_message(contains=said("residents.taker.took"))
    taken = await resident.wait_message(
        contains=said("residents.resident.taken", "en", name="王阿姨")
    )
    assert "接单" not in taken.body  # their language, not the default's
    [row] = await rw.requests()

    # Nothing before the branch's time (48 h by default); the reminder once, then the secretary.
    # (The database is shared with other tests: this request's notices are counted.)
    harness.clock.set(T0 + 47 * H)
    await jobs.residents.run(harness.data)
    assert await _steps(harness, row.id) == []
    harness.clock.set(T0 + 48 * H + timedelta(minutes=5))
    await jobs.residents.run(harness.data)
    assert (await jobs.residents.run(harness.data)).reminded == 0  # a second run tells nobody
    assert await _steps(harness, row.id) == ["remind"]
    nudge = await wang.wait_message(contains=said("residents.taker.remind"))
    assert "楼道灯坏了" in nudge.body and "✅ 办结" in nudge.button_texts()
    harness.clock.set(T0 + 96 * H + timedelta(minutes=5))
    await jobs.residents.run(harness.data)
    assert (await jobs.residents.run(harness.data)).reminded == 0
    assert await _steps(harness, row.id) == ["remind", "secretary"]
    stale = await sec.wait_message(contains=said("residents.escalated.unfinished"))
    assert "王阿姨" in stale.body

    # The secretary hands it to 李大爷: all three are told; the same choice again is refused.
    await sec.press("📌 改派", message_id=stale.message_id)
    choose = await sec.wait_message(contains=said("residents.officer.choose"))
    await sec.press("李大爷", message_id=choose.message_id)
    await sec.wait_message(contains=said("residents.officer.assigned", name="李大爷"))
    again = await sec.press_data(
        AssignTaker(row.id, rw.world.ids["李大爷"]).data, choose.message_id
    )
    assert "已经是这位党员在办了" in (again.get("text") or "")
    await wang.wait_message(contains=said("residents.taker.reassigned", name="李大爷"))
    handed = await li.wait_message(contains=said("residents.taker.assigned"))
    assert "13800138000" in handed.body  # the new taker may call the resident
    await resident.wait_message(contains=said("residents.resident.reassigned", "en", name="李大爷"))
    [row] = await rw.requests()
    assert (row.state, row.taken_by_member_id) == ("taken", rw.world.ids["李大爷"])
    assert "residents.reassign" in await rw.audit_actions()
    # The new taker's clock starts over: nothing is due for him yet.
    await jobs.residents.run(harness.data)
    assert await _steps(harness, row.id) == ["remind", "secretary"]
    late = await wang.press_data(
        FinishRequest(row.id).data, nudge.message_id
    )  # the old taker's button
    assert "不是您的求助" in (late.get("text") or "")

    await li.press("✅ 办结", message_id=handed.message_id)
    await li.wait_message(contains=said("residents.taker.note"))
    await li.send("已修好")
    await li.wait_message(contains=said("residents.taker.done"))
    done = await resident.wait_message(
        contains=said("residents.resident.done", "en", name="李大爷")
    )
    await resident.press("⭐⭐⭐⭐", message_id=done.message_id)

    await sec.send("/residents")
    menu = await sec.wait_message(contains=said("residents.officer.menu"))
    await sec.press("📜 已办结的求助", message_id=menu.message_id)
    page = await sec.wait_message(contains=said("residents.history.title"))
    assert f"#{row.id}" in page.body and "李大爷" in page.body and "⭐⭐⭐⭐" in page.body
    await sec.press("↩️ 返回", message_id=page.message_id)
    menu = await sec.wait_message(contains=said("residents.officer.menu"))
    await sec.press("📊 分类统计", message_id=menu.message_id)
    counts = await sec.wait_message(contains=said("residents.counts.title"))
    assert f"{CATEGORY}</b>：共 1 条，办结 1" in counts.body or "共 1 条，办结 1" in counts.body
    assert "平均 4.0 星" in counts.body


async def test_history_pages_settings_and_a_member_cannot_look(harness: Harness) -> None:
    harness.clock.set(T0)
    await start_sender(harness)
    rw = await residents_world(harness)
    sec, qian = rw.user(SECRETARY.name), rw.user("小钱")
    now = harness.clock.now()
    async with harness.data.db.transaction() as s:
        for i in range(7):
            done = i % 2 == 0
            s.add(
                ResidentRequest(
                    branch_id=rw.world.branch_id,
                    category_id=rw.category_id,
                    resident_tg_id=900_000 + i,
                    text=f"第{i}号求助",
                    state="done" if done else "closed",
                    taken_by_member_id=rw.world.ids["王阿姨"] if done else None,
                    done_at=now + i * H if done else None,
                    done_note="办好了" if done else None,
                    closed_at=None if done else now + i * H,
                    close_reason=None if done else "withdrawn",
                    rating=5 if i == 6 else None,
                    rating_comment="<b>好</b>" if i == 6 else None,
                    created_at=now,
                    updated_at=now,
                )
            )
    await sec.send("/residents")
    menu = await sec.wait_message(contains=said("residents.officer.menu"))
    await sec.press("📜 已办结的求助", message_id=menu.message_id)
    first = await sec.wait_message(contains=said("residents.history.title", page=1))
    assert "第6号求助" in first.body and "第2号求助" in first.body and "第1号" not in first.body
    assert (
        "「<b>好</b>」" in first.body
    )  # shown as typed, not as markup and "居民撤回" in first.body
    assert "更近的 ➡️" not in first.button_texts()
    await sec.press("⬅️ 更早的", message_id=first.message_id)
    second = await sec.wait_message(contains=said("residents.history.title", page=2))
    assert "第1号求助" in second.body and "第0号求助" in second.body
    assert "⬅️ 更早的" not in second.button_texts() and "更近的 ➡️" in second.button_texts()
    far = await sec.press_data(HistoryPage(400).data, second.message_id)
    assert far.get("answered")
    await sec.wait_message(contains=said("residents.history.empty"))

    await sec.send("/residents")
    menu = await sec.wait_message(contains=said("residents.officer.menu"))
    await sec.press("⚙️ 设置", message_id=menu.message_id)
    await sec.wait_message(contains=said("residents.officer.settings", r=48))
    await sec.press("24小时催办")
    await sec.wait_message(contains=said("residents.officer.settings", r=24))
    odd = await sec.press_data(SetRemindHours(5).data, menu.message_id)
    assert "没有找到" in (odd.get("text") or "")

    await qian.send("/residents")
    own = await qian.wait_message(contains=said("residents.taker.none"))
    for data in (HistoryPage(0).data, Counts().data, SetRemindHours(24).data):
        refused = await qian.press_data(data, own.message_id)
        assert "只有认领" in (refused.get("text") or ""), data
    async with harness.data.db.transaction() as s:
        kept = await s.scalars(
            select(ResidentRequest.id).where(ResidentRequest.branch_id == rw.world.branch_id)
        )
        assert len(list(kept)) == 7  # looking changes nothing
    assert "residents.settings" in await rw.audit_actions()
