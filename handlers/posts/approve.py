"""Confirming duty records: the member's group leader or the secretary; never one's own.

`approve_section` is the posts part of /approve (handlers/members/approval.py).
"""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.services.delivery import notices
from bot.services.posts import duty
from bot.services.posts.common import Refused
from bot.texts import t
from handlers import replies
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    REASONS,
    ConfirmDuty,
    DutyPhotos,
    RejectDuty,
    RejectWithReason,
)
from handlers.posts.common import answer, refuse, send, show

SHOWN = 10


async def approve_section(update: Update, context: Context) -> bool:
    """For /approve: the duty records waiting for this person; False (nothing sent) when none."""
    async with unit(update, context) as u:
        items = await duty.pending(u.session, u.actor)
        lang = u.actor.lang
    if not items:
        return False
    await send(update, context, t("posts.approve.title", lang, n=len(items)))
    for item in items[:SHOWN]:
        markup = inline([list(row) for row in duty.decide_buttons(item.approval_id, lang)])
        await send(update, context, duty.duty_text(item, lang), markup)
        await send_photos(update, context, item, lang)
    return True


async def send_photos(update: Update, context: Context, item: duty.DutyView, lang: str) -> None:
    """Every photo of the record with "i/n" (a decider should see them all), as one album."""
    name = html.escape(item.member_name)
    n = len(item.photos)
    captions = [t("posts.approve.photo", lang, name=name, i=i, n=n) for i in range(1, n + 1)]
    await replies.send_photos(update, context, item.photos, captions)


class ApproveFlow:
    async def photos(self, update: Update, context: Context, button: DutyPhotos) -> None:
        """「看照片」 on the deciders' notice: only for someone who may decide it now."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await duty.for_decider(u.session, u.actor, button.approval)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        await send_photos(update, context, found, lang)

    async def confirm(self, update: Update, context: Context, button: ConfirmDuty) -> None:
        await self._decide(update, context, button.approval, True, None)

    async def reject(self, update: Update, context: Context, button: RejectDuty) -> None:
        """Ask why first, with quick reasons."""
        approval_id = button.approval
        async with unit(update, context) as u:
            lang = u.actor.lang
            refused = await duty.may_decide(u.session, u.actor, approval_id)
        if refused is not None:
            await refuse(update, context, refused, lang)
            return
        await answer(update)
        rows = [
            [(t(f"posts.reason.{i}", lang), RejectWithReason(approval_id, i).data)]
            for i in range(REASONS)
        ]
        await send(update, context, t("posts.approve.reason", lang), inline(rows))

    async def reason(self, update: Update, context: Context, button: RejectWithReason) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
        reason = t(f"posts.reason.{button.reason}", lang)
        await self._decide(update, context, button.approval, False, reason)

    async def _decide(
        self, update: Update, context: Context, approval_id: int, approve: bool, reason: str | None
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await duty.decide(
                u.session, u.actor, approval_id, approve, reason, u.data.clock.now()
            )
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        key = "posts.approve.confirmed" if approve else "posts.approve.rejected"
        text = t(key, lang, name=html.escape(result.duty.member_name))
        await answer(update, text)
        await show(update, context, text)
