"""The secretary assigns, moves and removes holders and closes a post (holders told through
the outbox, every action audited); members pressing the secretary's buttons are refused."""

from __future__ import annotations

from handlers.posts.buttons import (
    AdminPost,
    AskClosePost,
    AssignHolder,
    ClaimPost,
    ClosePost,
    MoveHolder,
    PostsAdmin,
    RemoveHolder,
    ReportQr,
    SetCapacity,
    SetLimit,
)
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import Person, meetings_cleanup, start_sender  # noqa: F401
from tests.e2e.posts.world import add_post, audit_actions, claims_of, posts_world
from tests.said import said


async def test_assign_move_remove_and_close(harness: Harness) -> None:
    w = await posts_world(harness)
    await start_sender(harness)
    post = await add_post(w, "文艺队联络员", capacity=2, category="文体活动")
    sec = w.user("书记老张")
    await sec.send("/posts")
    home = await sec.wait_message(contains=said("posts.home.title"))
    await sec.press("⚙️ 岗位管理", message_id=home.message_id)
    admin = await sec.wait_message(contains=said("posts.admin.title"))
    await sec.press("📋 岗位列表", message_id=admin.message_id)
    listing = await sec.wait_message(contains=said("posts.admin.posts"))
    await sec.press("文艺队联络员", message_id=listing.message_id)
    screen = await sec.wait_message(contains=said("posts.admin.holders"))
    await sec.press("👤 指派党员", message_id=screen.message_id)
    people = await sec.wait_message(contains=said("posts.admin.assign"))
    await sec.press("王阿姨", message_id=people.message_id)
    await sec.wait_message(contains=said("posts.admin.holders_saved", taken=1, cap=2))
    await w.user("王阿姨").wait_message(contains=said("posts.told.assigned"))
    # move 王阿姨's place to 小钱
    await sec.press_data(AdminPost(post).data, people.message_id)
    screen = await sec.wait_message(contains=said("posts.admin.holders"))
    await sec.press("王阿姨 转给…", message_id=screen.message_id)
    people = await sec.wait_message(contains=said("posts.admin.move"))
    await sec.press("小钱", message_id=people.message_id)
    await sec.wait_message(contains=said("posts.admin.holders_saved", taken=1, cap=2))
    await w.user("王阿姨").wait_message(contains=said("posts.told.reassigned"))
    await w.user("小钱").wait_message(contains=said("posts.told.assigned"))
    # remove 小钱, then assign 赵师傅 and close the post
    await sec.press_data(AdminPost(post).data, people.message_id)
    screen = await sec.wait_message(contains=said("posts.admin.holders"))
    await sec.press("移除 小钱", message_id=screen.message_id)
    ask = await sec.wait_message(contains=said("posts.admin.remove_ask"))
    await sec.press("确定移除", message_id=ask.message_id)
    await sec.wait_message(contains=said("posts.admin.holders_saved", taken=0, cap=2))
    await w.user("小钱").wait_message(contains=said("posts.told.removed"))
    await sec.press_data(AssignHolder(post, w.ids["赵师傅"]).data, ask.message_id)
    await w.user("赵师傅").wait_message(contains=said("posts.told.assigned"))
    await sec.press_data(AskClosePost(post).data, ask.message_id)
    ask = await sec.wait_message(contains=said("posts.admin.close_ask"))
    await sec.press("确定关闭", message_id=ask.message_id)
    await w.user("赵师傅").wait_message(contains=said("posts.told.closed"))
    reasons = [c.end_reason for c in await claims_of(w, post)]
    assert reasons == ["reassigned", "removed", "closed"]
    actions = await audit_actions(w)
    for action in ("holder.assign", "holder.reassign", "holder.remove", "post.close"):
        assert f"posts.{action}" in actions
    # claiming the closed post is refused
    member = w.user("王阿姨")
    await member.send("/help")
    anchor = await member.wait_message(contains=said("help.member"))
    closed = await member.press_data(ClaimPost(post).data, anchor.message_id)
    assert "已关闭" in (closed.get("text") or "")


async def test_members_cannot_use_the_secretarys_buttons(harness: Harness) -> None:
    w = await posts_world(harness)
    post = await add_post(w, "调解员", capacity=2, category="维权服务", holders=("小钱",))
    [claim] = await claims_of(w, post)
    member = w.user("王阿姨")
    await member.send("/help")
    anchor = await member.wait_message(contains=said("help.member"))
    for data in (
        PostsAdmin().data,
        ReportQr().data,
        AdminPost(post).data,
        AssignHolder(post, w.ids["王阿姨"]).data,
        RemoveHolder(claim.id).data,
        MoveHolder(claim.id, w.ids["王阿姨"]).data,
        ClosePost(post).data,
        SetLimit(1).data,
        SetCapacity(post, 5).data,
    ):
        answer = await member.press_data(data, anchor.message_id)
        assert "只有书记" in (answer.get("text") or ""), (data, answer)
    # the secretary of another branch finds nothing of this one
    other = await posts_world(harness, [Person("外支部书记", role="secretary")])
    boss = other.user("外支部书记")
    await boss.send("/help")
    anchor = await boss.wait_message(contains=said("help.member"))
    for data in (
        AdminPost(post).data,
        ClosePost(post).data,
        RemoveHolder(claim.id).data,
        AssignHolder(post, w.ids["王阿姨"]).data,
    ):
        answer = await boss.press_data(data, anchor.message_id)
        assert "没有找到" in (answer.get("text") or ""), (data, answer)
    [still] = await claims_of(w, post)
    assert still.released_at is None
