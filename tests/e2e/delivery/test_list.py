"""「📋 最近的通知」: find an earlier notice again, see its report, call off a scheduled one."""

from __future__ import annotations

from handlers.delivery.buttons import ListNotices, ShowNotice
from tests.e2e.conftest import Harness
from tests.e2e.delivery.world import Person, World, last_notice, make_world, sender
from tests.said import said

PEOPLE = [
    Person("书记老王", group="第一党小组", role="secretary"),
    Person("组长老李", group="第二党小组", role="group_leader"),
    Person("张大爷", group="第一党小组"),
    Person("孙奶奶", group="第二党小组"),
]


async def _broadcast(world: World, who: str, text: str, *, schedule: bool = False) -> None:
    user = world.user(who)
    await user.send("/broadcast")
    await user.wait_message(contains=said("delivery.compose.prompt"))
    await user.send(text)
    await user.wait_message(contains=said("delivery.aud.prompt"))
    await user.press("下一步")
    await user.wait_message(contains=said("delivery.preview.summary"))
    if schedule:
        await user.press("定时发送")
        await user.wait_message(contains=said("delivery.schedule.day"))
        await user.press("明天")
        await user.wait_message(contains=said("delivery.schedule.hour"))
        await user.press("09:00")
        await user.wait_message(contains=said("delivery.scheduled"))
    else:
        await user.press("立即发送")
        await user.wait_message(contains=said("delivery.report.title"), timeout=15)


async def _open_list(world: World, who: str) -> list[str]:
    user = world.user(who)
    await user.send("/broadcast")
    await user.wait_message(contains=said("delivery.compose.prompt"))
    await user.press("最近的通知")
    listing = await user.wait_message(contains=said("delivery.list.title"))
    prompt = [m for m in await user.messages() if "发通知" in m.body][-1]
    assert "已退出" in prompt.body and not prompt.button_texts()  # no longer asks for content
    return listing.button_texts()


async def test_secretary_finds_reports_and_calls_off_a_scheduled_notice(
    harness: Harness,
) -> None:
    async with sender(harness):
        world = await make_world(harness, PEOPLE)
        sec = world.user("书记老王")
        await _broadcast(world, "书记老王", "周六打扫楼道")
        await _broadcast(world, "书记老王", "明早九点开会", schedule=True)
        await _broadcast(world, "组长老李", "二组学习材料")
        buttons = await _open_list(world, "书记老王")
        assert [b.split()[0] for b in buttons] == ["✅", "⏰", "✅"]
        assert "二组学习材料" in buttons[0] and "周六打扫楼道" in buttons[2]
        assert "明早九点开会" in buttons[1] and "09:00" in buttons[1]

        # The list ended the compose step: a text now is not taken as a notice's content.
        await sec.send("随便说点什么")
        await sec.wait_message(contains=said("error.unknown_input"))

        await sec.press("周六打扫楼道")
        report = await sec.wait_message(contains=said("delivery.report.title"))
        assert "已送达：4 / 4" in report.body
        await sec.press("明早九点开会")
        await sec.wait_message(contains=said("delivery.scheduled"))
        await sec.press("取消定时发送")
        await sec.wait_message(contains=said("delivery.unscheduled"))
        after = await _open_list(world, "书记老王")
        assert after[1].startswith("🚫") and "明早九点开会" in after[1]


async def test_a_group_leader_sees_only_their_own_and_members_see_nothing(
    harness: Harness,
) -> None:
    async with sender(harness):
        world = await make_world(harness, PEOPLE)
        await _broadcast(world, "书记老王", "全支部的通知")
        secretary_notice = await last_notice(harness, world.branch_id)
        await _broadcast(world, "组长老李", "二组的通知")
        only = await _open_list(world, "组长老李")
        assert len(only) == 1 and "二组的通知" in only[0]

        # Forged buttons: the leader asks for the secretary's report, a member for any list.
        leader = world.user("组长老李")
        listing = await leader.last_message()
        assert listing is not None
        answer = await leader.press_data(ShowNotice(secretary_notice.id).data, listing.message_id)
        assert answer.get("text") and "发送报告" not in (answer.get("text") or "")
        zhang = world.user("张大爷")
        await zhang.start()
        menu = await zhang.wait_message()
        refused = await zhang.press_data(ListNotices().data, menu.message_id)
        assert refused.get("text")
        refused = await zhang.press_data(ShowNotice(secretary_notice.id).data, menu.message_id)
        assert refused.get("text")
        assert not [m for m in await zhang.messages() if "发送报告" in m.body]
