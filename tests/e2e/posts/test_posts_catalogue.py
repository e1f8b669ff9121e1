"""The secretary's catalogue by buttons: categories added, renamed and archived; a post's
name, category and places edited (never fewer places than holders); the claim limit set to 1."""

from __future__ import annotations

from sqlalchemy import select

from bot.texts import t
from handlers.posts.buttons import AdminPost, ClaimPost, PostSettings
from storage.models.posts import Post, PostCategory
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401
from tests.e2e.posts.world import add_post, audit_actions, posts_world
from tests.said import said


async def test_categories_posts_and_settings(harness: Harness) -> None:
    w = await posts_world(harness)
    post = await add_post(w, "宣传栏管理员", capacity=3, holders=("王阿姨", "小钱"))
    other = await add_post(w, "读报员", capacity=3, category="宣传教育")
    sec = w.user("书记老张")
    await sec.send("/posts")
    home = await sec.wait_message(contains=said("posts.home.title"))
    await sec.press("⚙️ 岗位管理", message_id=home.message_id)
    admin = await sec.wait_message(contains=said("posts.admin.title"))
    await sec.press("📂 类别管理", message_id=admin.message_id)
    cats = await sec.wait_message(contains=said("posts.admin.cats"))
    await sec.press("➕ 新增类别", message_id=cats.message_id)
    await sec.wait_message(contains=said("posts.admin.cat_name"))
    await sec.send("法律咨询")
    saved = await sec.wait_message(contains=said("posts.admin.cat_saved"))
    await sec.press("📂 类别管理", message_id=saved.message_id)
    cats = await sec.wait_message(contains=said("posts.admin.cats"))
    await sec.press("法律咨询", message_id=cats.message_id)
    cat = await sec.wait_message(contains="法律咨询")
    await sec.press("✏️ 改名", message_id=cat.message_id)
    await sec.wait_message(contains=said("posts.admin.cat_name"))
    await sec.send("宣传教育")  # taken
    await sec.wait_message(contains=said("posts.refuse.name_taken"))
    await sec.send("法律援助")
    saved = await sec.wait_message(contains=said("posts.admin.cat_saved", name="法律援助"))
    await sec.press("📂 类别管理", message_id=saved.message_id)
    cats = await sec.wait_message(contains=said("posts.admin.cats"))
    await sec.press("法律援助", message_id=cats.message_id)
    cat = await sec.wait_message(contains="法律援助")
    await sec.press("停用这个类别", message_id=cat.message_id)
    cats = await sec.wait_message(contains=said("posts.admin.cats"))
    assert "法律援助（已停用）" in cats.button_texts()

    # the post: a typed name, another category, too few places refused
    await sec.press_data(AdminPost(post).data, cats.message_id)
    screen = await sec.wait_message(contains=said("posts.admin.holders"))
    await sec.press("✏️ 名称", message_id=screen.message_id)
    await sec.wait_message(
        contains=said("posts.admin.type_field", field=t("posts.field.name", "zh"))
    )
    await sec.send("社区宣传栏管理员")
    screen = await sec.wait_message(contains=said("posts.post.head", name="社区宣传栏管理员"))
    refused = await sec.press("1", message_id=screen.message_id)
    assert "多于新的名额" in (refused.get("text") or "")
    await sec.press("📂 改类别", message_id=screen.message_id)
    pick = await sec.wait_message(contains=said("posts.admin.new_cat"))
    assert "法律援助" not in pick.button_texts()
    await sec.press("宣传教育", message_id=pick.message_id)
    await sec.wait_message(contains=said("posts.post.head", cat="宣传教育"))
    async with harness.data.db.transaction() as s:
        row = await s.get(Post, post)
        cat_name = await s.scalar(
            select(PostCategory.name).where(PostCategory.id == (row.category_id if row else 0))
        )
    assert row is not None and (row.name, row.capacity, cat_name) == (
        "社区宣传栏管理员",
        3,
        "宣传教育",
    )

    # the limit set to one: 王阿姨 already holds one, so a second claim is refused
    await sec.press_data(PostSettings().data, screen.message_id)
    settings = await sec.wait_message(contains=said("posts.admin.settings"))
    await sec.press("每人 1 个", message_id=settings.message_id)
    await sec.wait_message(contains=said("posts.admin.settings", limit=1))
    member = w.user("王阿姨")
    await member.send("/help")
    anchor = await member.wait_message(contains=said("help.member"))
    answer = await member.press_data(ClaimPost(other).data, anchor.message_id)
    assert "已达上限" in (answer.get("text") or "")
    actions = await audit_actions(w)
    for action in ("category.add", "category.rename", "category.archive", "post.edit.name"):
        assert f"posts.{action}" in actions
    assert "posts.settings" in actions
