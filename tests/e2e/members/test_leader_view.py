"""Issue 11, item 11: a group leader's /members counts her group and its 「✖ 清除筛选」 works."""

from __future__ import annotations

from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
)
from tests.said import said

PEOPLE = [
    SECRETARY,
    Person("组长老刘", group="第一党小组", role="group_leader"),
    Person("王阿姨", group="第一党小组"),
    Person("小钱", group="第一党小组", category="employed"),
    Person("赵叔", group="第二党小组"),
    Person("孙姐", group="第二党小组"),
]


async def test_a_group_leaders_roster_counts_her_group_and_clears_filters(
    harness: Harness,
) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, PEOPLE)
    liu = w.user("组长老刘")
    await liu.send("/members")
    page = await liu.wait_message(contains=said("members.list.head"))
    assert "在册 3 人" in page.body  # her group, not the branch's 6
    assert "✖ 清除筛选" not in page.button_texts()  # nothing she chose to clear
    await liu.press("按类别", message_id=page.message_id)
    choices = await liu.wait_message(contains=said("members.list.choose_c"))
    await liu.press("在职党员", message_id=choices.message_id)
    filtered = await liu.wait_message(contains=said("members.list.head", total=1))
    assert "✖ 清除筛选" in filtered.button_texts()
    await liu.press("✖ 清除筛选", message_id=filtered.message_id)
    cleared = await liu.wait_message(contains=said("members.list.head", total=3))
    assert "✖ 清除筛选" not in cleared.button_texts()
