"""Members browse, claim with one tap and release with a confirmation; the secretary builds a
post with buttons; twenty members tapping the last place at once: exactly one gets it."""

from __future__ import annotations

import asyncio

from handlers.posts.buttons import ClaimPost, ReleasePost, StartDuty
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import Person, meetings_cleanup  # noqa: F401
from tests.e2e.posts.world import PEOPLE, add_post, audit_actions, claims_of, posts_world
from tests.said import said


async def test_the_secretary_makes_a_post_and_a_member_claims_and_releases_it(
    harness: Harness,
) -> None:
    w = await posts_world(harness)
    sec = w.user("书记老张")
    await sec.send("/posts")
    home = await sec.wait_message(contains=said("posts.home.title"))
    await sec.press("⚙️ 岗位管理", message_id=home.message_id)
    admin = await sec.wait_message(contains=said("posts.admin.title"))
    await sec.press("➕ 新建岗位", message_id=admin.message_id)
    pick = await sec.wait_message(contains=said("posts.admin.new_cat"))
    await sec.press("助老助残", message_id=pick.message_id)
    await sec.wait_message(contains=said("posts.admin.new_name"))
    await sec.send("独居老人结对员")
    ask = await sec.wait_message(contains=said("posts.admin.new_desc"))
    await sec.press("跳过", message_id=ask.message_id)
    await sec.wait_message(contains=said("posts.admin.new_duties"))
    await sec.send("每周电话问候一次")
    cap = await sec.wait_message(contains=said("posts.admin.new_cap"))
    await sec.press("2", message_id=cap.message_id)
    await sec.wait_message(contains="独居老人结对员")

    member = w.user("王阿姨")
    await member.send("📌 公益岗位")
    home = await member.wait_message(contains=said("posts.home.title"))
    assert "助老助残（空 2）" in home.button_texts()
    await member.press("助老助残（空 2）", message_id=home.message_id)
    listing = await member.wait_message(contains="助老助残")
    await member.press("独居老人结对员（空 2）", message_id=listing.message_id)
    detail = await member.wait_message(contains="每周电话问候一次")
    await member.press("🙋 认领这个岗位", message_id=detail.message_id)
    done = await member.wait_message(contains=said("posts.claimed"))
    assert "1 / 2" in done.body
    await member.press("退出这个岗位", message_id=done.message_id)
    ask = await member.wait_message(contains=said("posts.release.ask"))
    await member.press("确定退出", message_id=ask.message_id)
    await member.wait_message(contains=said("posts.released"))
    duty = StartDuty.parse(done.button("记录履职")["callback_data"])
    assert duty is not None
    post_claims = await claims_of(w, duty.post)
    assert [c.end_reason for c in post_claims] == ["released"]
    assert "posts.post.add" in await audit_actions(w)


async def test_third_claim_closed_post_and_someone_elses_release_are_refused(
    harness: Harness,
) -> None:
    w = await posts_world(harness)
    member = w.user("小钱")
    a = await add_post(w, "甲岗", holders=("小钱",))
    b = await add_post(w, "乙岗", capacity=3, holders=("小钱",))
    c = await add_post(w, "丙岗", capacity=3)
    full = await add_post(w, "满岗", capacity=1, holders=("王阿姨",))
    await member.send("/help")
    anchor = await member.wait_message(contains=said("help.member"))
    third = await member.press_data(ClaimPost(c).data, anchor.message_id)
    assert "已达上限" in (third.get("text") or "")
    other = await member.press_data(ReleasePost(full).data, anchor.message_id)
    assert "不是您认领的岗位" in (other.get("text") or "")
    again = await member.press_data(ClaimPost(a).data, anchor.message_id)
    assert "已经在这个岗位上" in (again.get("text") or "")
    # a member of another branch: the post is not found
    stranger_world = await posts_world(harness, [Person("外支部党员")])
    stranger = stranger_world.user("外支部党员")
    await stranger.send("/help")
    anchor2 = await stranger.wait_message(contains=said("help.member"))
    foreign = await stranger.press_data(ClaimPost(c).data, anchor2.message_id)
    assert "没有找到" in (foreign.get("text") or "")
    assert len(await claims_of(w, c)) == 0
    assert len(await claims_of(w, full)) == 1
    assert len(await claims_of(w, b)) == 1


async def test_twenty_members_tap_the_last_place_at_once(harness: Harness) -> None:
    crowd = [Person(f"党员{i:02d}", group="第一党小组") for i in range(20)]
    w = await posts_world(harness, [PEOPLE[0], *crowd])
    last = await add_post(w, "治安巡逻员", capacity=1, category="治安巡逻")
    spare = await add_post(w, "夜间巡逻员", capacity=5, category="治安巡逻")
    anchors = {}
    for p in crowd:
        await w.user(p.name).send("/help")
        anchors[p.name] = await w.user(p.name).wait_message(contains=said("help.member"))
    answers = await asyncio.gather(
        *(
            w.user(p.name).press_data(ClaimPost(last).data, anchors[p.name].message_id)
            for p in crowd
        )
    )
    assert all(a.get("answered") for a in answers)
    held = [c for c in await claims_of(w, last) if c.released_at is None]
    assert len(held) == 1
    winner = next(p.name for p in crowd if w.ids[p.name] == held[0].member_id)
    for p in crowd:
        if p.name == winner:
            continue
        sorry = await w.user(p.name).wait_message(contains=said("posts.refuse.full"))
        assert "夜间巡逻员（空 5）" in sorry.button_texts()
    assert await claims_of(w, spare) == []
