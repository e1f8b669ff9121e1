"""Notices to post holders and deciders, queued in the outbox in every language."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.delivery import notices as outbox
from bot.services.posts.buttons import AdminPosts, PostsMenu
from bot.services.posts.catalog import post_views
from bot.services.posts.common import tell
from bot.texts import t
from storage.models.posts import Post
from storage.repos import posts as repo


async def tell_holders(
    session: AsyncSession, post: Post, member_ids: Sequence[int], event: str, now: datetime
) -> None:
    """event: assigned, removed, reassigned or closed; the posts menu is one tap away."""

    def build(lang: str) -> outbox.Content:
        return outbox.Content(
            text=t(f"posts.told.{event}", lang, post=html.escape(post.name)),
            buttons=(((t("posts.btn.menu", lang), PostsMenu().data),),),
        )

    stamp = int(now.timestamp())
    await tell(
        session,
        branch_id=post.branch_id,
        kind="posts_holder",
        key=f"posts:{post.id}:{event}:{'-'.join(map(str, sorted(member_ids)))}:{stamp}",
        member_ids=member_ids,
        build=build,
        now=now,
    )


async def tell_room(
    session: AsyncSession, member_id: int, freed: Sequence[Post], now: datetime
) -> None:
    """A member left and their places were freed: the secretaries hear which open posts have
    room (a closed post has none to offer)."""
    views = await post_views(session, [p for p in freed if p.closed_at is None])
    member = await repo.member(session, member_id)
    if not views or member is None:
        return
    name = html.escape(member.name)

    def build(lang: str) -> outbox.Content:
        lines = [t("posts.told.room", lang, post=html.escape(v.name), free=v.free) for v in views]
        return outbox.Content(
            text=t("posts.told.left", lang, name=name, posts="\n".join(lines)),
            buttons=(((t("posts.btn.a_posts", lang), AdminPosts().data),),),
        )

    await tell(
        session,
        branch_id=member.branch_id,
        kind="posts_holder",
        key=f"posts:left:{member_id}:{int(now.timestamp())}",
        member_ids=await repo.secretaries(session, member.branch_id),
        build=build,
        now=now,
    )
