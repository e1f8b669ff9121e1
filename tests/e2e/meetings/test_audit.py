"""Personal-data exports and privileged meetings actions leave an audit row (who, when, what,
which records); another branch's party group gets a refusal, not an empty register."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from handlers.meetings.buttons import MeetingRegister, ProxyMark, ReportGroup
from storage.models.core import AuditEntry
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    World,
    history_world,
    last_id,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    newest_meeting,
)
from tests.said import said

START = T0 + timedelta(days=1)  # 3 March 09:00 in China


async def audit_rows(h: Harness, action: str, branch_ids: list[int]) -> list[AuditEntry]:
    """This test's rows (the database may hold other tests' branches)."""
    async with h.data.db.transaction() as s:
        rows = await s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == action, AuditEntry.branch_id.in_(branch_ids))
            .order_by(AuditEntry.id)
        )
        return list(rows)


async def _meeting(h: Harness, w: World) -> int:
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 签到测试")
    await sec.wait_message(contains=said("meetings.new.created"))
    return (await newest_meeting(h, w.branch_id)).id


async def test_register_of_another_branchs_group_is_refused_and_exports_are_audited(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    a = await history_world(harness)
    b = await make_world(
        harness,
        [Person("乙支部书记", role="secretary"), Person("乙支部党员", group="甲组")],
        groups=("甲组",),
    )
    other = b.user("乙支部书记")
    await other.send("/report")
    await other.wait_message(contains=said("meetings.report.choose_period"))
    foreign = a.groups["第一党小组"]
    refused = await other.press_data(
        ReportGroup("this_quarter", foreign).data, await last_id(other)
    )
    assert "没有找到这个党小组" in (refused.get("text") or "")
    assert await audit_rows(harness, "report.export", [a.branch_id, b.branch_id]) == []

    # A real export, of each kind, says who took which records.
    sec = a.user("书记老张")
    await sec.send("/report")
    await sec.wait_message(contains=said("meetings.report.choose_period"))
    await sec.press("上季度")
    choice = await sec.wait_message(contains=said("meetings.report.choose_group"))
    await sec.press("第一党小组", message_id=choice.message_id)
    await sec.wait_message(contains=said("meetings.report.caption"))
    meeting_id = (await newest_meeting(harness, a.branch_id)).id
    await sec.press_data(MeetingRegister(meeting_id).data, await last_id(sec))
    await sec.wait_message(contains=said("meetings.report.caption"))
    exports = await audit_rows(harness, "report.export", [a.branch_id, b.branch_id])
    assert [(e.actor_tg_id, e.branch_id, e.target) for e in exports] == [
        (sec.id, a.branch_id, "branch"),
        (sec.id, a.branch_id, "meeting"),
    ]
    assert exports[0].after is not None and exports[1].after is not None
    assert exports[0].after["group_id"] == foreign
    assert exports[0].after["member_ids"] == sorted([a.ids["王阿姨"], a.ids["小钱"]])
    assert exports[1].after["meeting_ids"] == [meeting_id]


async def test_proxy_check_in_is_audited(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("没手机的刘奶奶", bound=False)])
    meeting_id = await _meeting(harness, w)
    harness.clock.set(START + timedelta(minutes=3))
    sec = w.user("书记老张")
    liu = w.ids["没手机的刘奶奶"]
    answer = await sec.press_data(ProxyMark(meeting_id, liu, 0).data, await last_id(sec))
    assert answer.get("text") == "已代签。"
    again = await sec.press_data(ProxyMark(meeting_id, liu, 0).data, await last_id(sec))
    assert "已经签过到" in (again.get("text") or "")  # and no second audit row
    rows = await audit_rows(harness, "attendance.proxy", [w.branch_id])
    assert [(r.actor_tg_id, r.target, r.target_id) for r in rows] == [(sec.id, "member", liu)]
    assert rows[0].after == {"meeting_id": meeting_id, "state": "present", "by": w.ids["书记老张"]}
