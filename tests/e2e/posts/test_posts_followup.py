"""A member withdraws a duty record still waiting; the decider sees every photo of a record;
a member who leaves frees their posts and the secretary is told which have room."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import dates, t
from handlers.posts.buttons import ConfirmDuty, DutyPhotos, StartDuty, WithdrawDuty
from storage.models.approvals import ApprovalRequest
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup, start_sender  # noqa: F401
from tests.e2e.posts.world import T0, add_post, audit_actions, claims_of, duties, posts_world
from tests.said import said

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


async def test_every_photo_for_the_decider_and_a_pending_record_withdrawn(
    harness: Harness,
) -> None:
    w = await posts_world(harness)
    await start_sender(harness)
    post = await add_post(w, "楼道保洁员", holders=("王阿姨",), claimed_at=T0 - timedelta(days=3))
    member, leader, sec, qian = (
        w.user("王阿姨"),
        w.user("组长老李"),
        w.user("书记老张"),
        w.user("小钱"),
    )
    await qian.send("/posts")
    qian_home = await qian.wait_message(contains=said("posts.home.title"))
    await member.send("/posts")
    home = await member.wait_message(contains=said("posts.home.title"))
    await member.press_data(StartDuty(post).data, home.message_id)
    when = await member.wait_message(contains=said("posts.duty.when"))
    await member.press("今天", message_id=when.message_id)
    await member.wait_message(contains=said("posts.duty.what"))
    await member.send("清理楼道小广告")
    hours = await member.wait_message(contains=said("posts.duty.hours_ask"))
    await member.press("不填时长", message_id=hours.message_id)
    await member.wait_message(contains=said("posts.duty.photo_ask"))
    await member.send_photo(PNG)
    await member.wait_message(contains=said("posts.duty.photo_added", n=1))
    await member.send_photo(PNG + b"2")
    added = await member.wait_message(contains=said("posts.duty.photo_added", n=2))
    await member.press("📤 提交", message_id=added.message_id)
    await member.wait_message(contains=said("posts.duty.sent"))
    [row] = await duties(w)
    assert len(row.photos) == 2

    ask = await leader.wait_message(contains="清理楼道小广告")
    confirm = ConfirmDuty.parse(ask.button("确认")["callback_data"])
    assert confirm is not None
    aid = confirm.approval
    await leader.press("📷 看照片", message_id=ask.message_id)
    first = await leader.wait_message(contains=said("posts.approve.photo", name="王阿姨", i=1, n=2))
    second = await leader.wait_message(
        contains=said("posts.approve.photo", name="王阿姨", i=2, n=2)
    )
    assert first.photo is not None and second.photo is not None
    assert first.photo != second.photo
    # One album, not a stream of single photos.
    assert first.raw.get("media_group_id") is not None
    assert first.raw["media_group_id"] == second.raw.get("media_group_id")
    nosy = await qian.press_data(
        DutyPhotos(aid).data, qian_home.message_id
    )  # a member decides nothing
    assert "履职照片" not in (nosy.get("text") or "") and nosy.get("answered")
    await sec.send("/approve")
    await sec.wait_message(contains="清理楼道小广告")
    await sec.wait_message(contains=said("posts.approve.photo", name="王阿姨", i=1, n=2))
    await sec.wait_message(contains=said("posts.approve.photo", name="王阿姨", i=2, n=2))

    # The member takes it back from their own list (a question first: big buttons, no slips).
    await member.send("/posts")
    home = await member.wait_message(contains=said("posts.home.title"))
    await member.press("📒 我的履职记录", message_id=home.message_id)
    mine = await member.wait_message(contains="清理楼道小广告")
    day = dates.day((T0 + timedelta(hours=8)).date(), "zh")
    await member.press(f"↩️ 撤回 {day} 楼道保洁员", message_id=mine.message_id)
    await member.wait_message(contains=said("posts.withdraw.ask"))
    other = await qian.press_data(WithdrawDuty(row.id).data, qian_home.message_id)
    assert "已撤回" not in (other.get("text") or "")
    await member.press("确定撤回", message_id=mine.message_id)
    await member.wait_message(contains=said("posts.withdraw.done"))
    [row] = await duties(w)
    assert row.state == "withdrawn"
    async with harness.data.db.transaction() as s:
        item = await s.get(ApprovalRequest, aid)
        assert item is not None and item.state == "withdrawn"
    assert "posts.duty.withdraw" in await audit_actions(w)
    late = await leader.press("✅ 确认", message_id=ask.message_id)
    assert "已确认" not in (late.get("text") or "")
    again = await member.press_data(WithdrawDuty(row.id).data, mine.message_id)  # replayed
    assert again.get("answered")
    await sec.send("/approve")
    empty = await sec.wait_message()
    assert "清理楼道小广告" not in empty.body
    [row] = await duties(w)
    assert row.state == "withdrawn"


async def test_a_member_who_leaves_frees_posts_and_the_secretary_hears_which(
    harness: Harness,
) -> None:
    w = await posts_world(harness)
    await start_sender(harness)
    clean = await add_post(w, "楼道保洁员", capacity=2, holders=("王阿姨", "小钱"))
    await add_post(w, "宣传员", capacity=1, category="宣传教育", holders=("王阿姨",))
    sec = w.user("书记老张")
    await sec.send("/members")
    listing = await sec.wait_message(contains=said("members.list.head"))
    await sec.press("王阿姨", message_id=listing.message_id)
    page = await sec.wait_message(contains=said("members.detail.body"))
    await sec.press(t("members.detail.archive", "zh"), message_id=page.message_id)
    await sec.wait_message(contains=said("members.detail.body", name="王阿姨"))
    await sec.press(t("members.reason.archive_left", "zh"), message_id=page.message_id)
    told = await sec.wait_message(contains=said("posts.told.left", name="王阿姨"))
    assert "楼道保洁员（空 1 个）" in told.body and "宣传员（空 1 个）" in told.body
    assert "📋 岗位列表" in told.button_texts()
    assert [c.member_id for c in await claims_of(w, clean) if c.released_at is None] == [
        w.ids["小钱"]
    ]
