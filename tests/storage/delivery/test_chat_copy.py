"""enqueue_chat_copy: one copy to a non-member's private chat, in their language, once."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.devtools.world import World
from bot.services.delivery import notices
from bot.services.delivery.notices import Content
from storage.db import Database
from storage.models.delivery import Delivery, Notice

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


async def test_one_copy_per_chat_in_the_language_asked_or_the_default(db: Database) -> None:
    async with db.transaction() as s:
        branch = await World(s, NOW).branch("支部")
        result = await notices.enqueue_notice(
            s,
            branch_id=branch,
            kind="residents",
            key=f"test:chat-copy:{branch}",
            content={"zh": Content(text="您好"), "en": Content(text="Hello")},
            member_ids=[],
            now=NOW,
        )
        notice = await s.get(Notice, result.notice_id)
        assert notice is not None
        assert await notices.enqueue_chat_copy(s, notice, 777_001, "en", NOW)
        assert not await notices.enqueue_chat_copy(s, notice, 777_001, "zh", NOW)  # once
        assert await notices.enqueue_chat_copy(s, notice, 777_002, "fr", NOW)  # unknown: zh
        rows = await s.execute(
            select(Delivery.chat_id, Delivery.lang, Delivery.member_id, Delivery.state)
            .where(Delivery.notice_id == notice.id)
            .order_by(Delivery.chat_id)
        )
        assert [tuple(r) for r in rows] == [
            (777_001, "en", None, "queued"),
            (777_002, "zh", None, "queued"),
        ]
