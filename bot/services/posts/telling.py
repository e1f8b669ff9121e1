"""Notices to post holders and deciders, queued in the outbox in every language."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import notices as outbox
from bot.services.posts.common import tell
from bot.texts import t
from storage.models.posts import Post


async def tell_holders(
    session: AsyncSession, post: Post, member_ids: Sequence[int], event: str, now: datetime
) -> None:
    """event: assigned, removed, reassigned or closed; the posts menu is one tap away."""

    def build(lang: str) -> outbox.Content:
        return outbox.Content(
            text=t(f"posts.told.{event}", lang, post=html.escape(post.name)),
            buttons=(((t("posts.btn.menu", lang), "po:m"),),),
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
