"""Teams: members join and leave; the secretary creates a team and names its leader."""

from __future__ import annotations

from sqlalchemy import select

from handlers.hours.buttons import NewTeam, ToggleLeader
from storage.models.hours import TeamMember, VolunteerTeam
from tests.e2e.conftest import Harness
from tests.e2e.hours.world import T0, hours_world
from tests.e2e.meetings.world import last_id, meetings_cleanup  # noqa: F401
from tests.said import said


async def test_join_leave_create_and_name_a_leader(harness: Harness) -> None:
    harness.clock.set(T0)
    hw = await hours_world(harness)
    qian = hw.user("小钱")
    await qian.send("/hours")
    menu = await qian.wait_message(contains=said("hours.menu"))
    assert "📣 发起活动" not in [b["text"] for row in menu.inline_buttons for b in row]
    await qian.press("👥 我的队伍", message_id=menu.message_id)
    teams = await qian.wait_message(contains=said("hours.teams.title"))
    assert "社区环保队（2人）" in teams.body
    await qian.press("➕ 加入社区环保队", message_id=teams.message_id)
    teams = await qian.wait_message(contains=said("hours.teams.line", team="社区环保队", n=3))
    await qian.press("➖ 退出社区环保队", message_id=teams.message_id)
    await qian.wait_message(contains=said("hours.teams.line", team="社区环保队", n=2))
    forged = await qian.press_data(NewTeam().data, await last_id(qian))
    assert "只有队长或支部书记" in (forged.get("text") or "")
    forged = await qian.press_data(
        ToggleLeader(hw.teams["社区环保队"], hw.ids["小钱"]).data, await last_id(qian)
    )
    assert "只有队长或支部书记" in (forged.get("text") or "")

    sec = hw.user("书记老张")
    await sec.send("/hours")
    await sec.wait_message(contains=said("hours.menu"))
    await sec.press("👥 我的队伍")
    teams = await sec.wait_message(contains=said("hours.teams.title"))
    await sec.press("🆕 新建队伍", message_id=teams.message_id)
    await sec.wait_message(contains=said("hours.teams.new_name"))
    await sec.send("社区环保队")
    await sec.wait_message(contains=said("hours.refuse.name_taken"))
    await sec.send("太极拳队")
    await sec.wait_message(contains=said("hours.teams.created", team="太极拳队"))
    await sec.send("/hours")
    await sec.wait_message(contains=said("hours.menu"))
    await sec.press("👥 我的队伍")
    await sec.wait_message(contains=said("hours.teams.line", team="太极拳队", n=0))
    await sec.press("👑 太极拳队队长")
    await sec.wait_message(contains=said("hours.teams.leaders"))
    await sec.press("小钱")
    roster = await sec.wait_message(contains=said("hours.teams.leaders"))
    assert "👑 小钱" in [b["text"] for row in roster.inline_buttons for b in row]
    async with harness.data.db.transaction() as s:
        team = await s.scalar(
            select(VolunteerTeam).where(
                VolunteerTeam.branch_id == hw.world.branch_id, VolunteerTeam.name == "太极拳队"
            )
        )
        assert team is not None
        rows = list(await s.scalars(select(TeamMember).where(TeamMember.team_id == team.id)))
    assert [(r.member_id, r.leader) for r in rows] == [(hw.ids["小钱"], True)]
    await qian.send("/hours")
    menu = await qian.wait_message(contains=said("hours.menu"))
    assert "📣 发起活动" in [b["text"] for row in menu.inline_buttons for b in row]
    actions = await hw.audit_actions()
    assert {"hours.team.join", "hours.team.leave", "hours.team.create", "hours.team.leader"} <= set(
        actions
    )
