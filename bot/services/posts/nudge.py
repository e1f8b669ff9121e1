"""A gentle monthly nudge to post holders who recorded no duty that month (branch setting).

Idempotent twice over: each claim keeps the month it was nudged for, and the notice key is
unique per member and month, so a restart or a second run never doubles a nudge.
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.posts.rules import NudgeCheck, month_key, nudge_day, nudge_due, nudge_on
from bot.services.delivery import notices as outbox
from bot.services.posts.buttons import PostsMenu
from bot.services.posts.common import tell
from bot.texts import t
from storage.models.posts import PostClaim
from storage.repos import posts as repo


async def run_nudges(session: AsyncSession, now: datetime) -> int:
    """Queue this month's nudges that are due; the number of members nudged."""
    nudged = 0
    for branch in await repo.branches_with_claims(session):
        if not nudge_on(branch.settings):
            continue
        local = now.astimezone(ZoneInfo(branch.timezone))
        today = local.date()
        start = date(today.year, today.month, 1)
        recorded = await repo.members_with_duty(
            session, branch.id, start, start + relativedelta(months=1)
        )
        check = NudgeCheck(nudge_day(branch.settings), True)
        due: dict[int, list[tuple[PostClaim, str]]] = defaultdict(list)
        for c, p, m in await repo.branch_claims(session, branch.id, today.year):
            if nudge_due(today, check, c.nudged_month, m.id in recorded, local.hour):
                due[m.id].append((c, p.name))
        month = month_key(today)
        for member_id, items in due.items():
            for c, _name in items:
                c.nudged_month = month
                c.updated_at = now
            names = "、".join(html.escape(n) for _c, n in items)

            def build(lang: str, names: str = names) -> outbox.Content:
                return outbox.Content(
                    text=t("posts.nudge", lang, posts=names),
                    buttons=(((t("posts.btn.menu", lang), PostsMenu().data),),),
                )

            await tell(
                session,
                branch_id=branch.id,
                kind="posts_nudge",
                key=f"posts:nudge:{member_id}:{month}",
                member_ids=[member_id],
                build=build,
                now=now,
            )
            nudged += 1
    await session.flush()
    return nudged
