"""✅ 待审核: team leaders and officers approve or decline hours, one by one or all at once.

`approve_section` is the hook for /approve (handlers/members/approval.py): it shows the hours
part of what waits and says whether there was any.
"""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.domain.hours.rules import format_halves
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.hours import approval
from bot.services.hours.approval import Decision, PendingItem
from bot.services.hours.common import Refused
from bot.texts import t
from handlers import replies
from handlers.base import unit
from handlers.hours.buttons import (
    Approve,
    ApproveAll,
    Decline,
    DeclineTypeReason,
    DeclineWithReason,
)
from handlers.hours.common import answer, done, expect, refuse, send, show
from handlers.keyboards import inline

SHOWN = 10  # items per screen; "approve all" takes every one
REASONS = 3  # hours.reason.0 .. 2


def item_text(item: PendingItem, lang: str) -> str:
    r = item.record
    extra = ""
    if r.recorded_by_name:
        extra += t("hours.approve.recorded", lang, by=html.escape(r.recorded_by_name))
    if r.photos:
        extra += t("hours.approve.photos", lang, n=len(r.photos))
    if r.flagged:
        extra += t("hours.approve.flagged", lang)
    if r.disputed:
        why = t(f"hours.dispute.{r.dispute_note or 'other'}", lang)
        extra += t("hours.approve.disputed", lang, why=why)
    return t(
        "hours.approve.item",
        lang,
        name=html.escape(r.member_name),
        day=r.day.isoformat() if r.day else "",
        team=html.escape(r.team_name or t(f"hours.type.{r.activity_type}", lang)),
        h=format_halves(r.halves),
        what=html.escape(r.what or ""),
        extra=extra,
    )


def _buttons(approval_id: int, lang: str) -> list[list[tuple[str, str]]]:
    return [
        [
            (t("hours.btn.approve", lang), Approve(approval_id).data),
            (t("hours.btn.decline", lang), Decline(approval_id).data),
        ]
    ]


async def show_pending(update: Update, context: Context, *, refuse_if_not: bool = False) -> bool:
    """The list of what this person may decide, as one message per item; False when none.

    refuse_if_not: tell someone who decides no hours at all so (True: nothing more to send)."""
    async with unit(update, context) as u:
        items = await approval.pending(u.session, u.actor)
        lang = u.actor.lang
    if isinstance(items, Refused):
        if refuse_if_not:
            await refuse(update, context, items, lang)
        return refuse_if_not
    if not items:
        return False
    rows = [[(t("hours.btn.approve_all", lang), ApproveAll().data)]]
    await send(update, context, t("hours.approve.title", lang, n=len(items)), inline(rows))
    for item in items[:SHOWN]:
        await send(update, context, item_text(item, lang), inline(_buttons(item.approval_id, lang)))
        # Every photo: a decider judges the record by all of them, not the first.
        await replies.send_photos(update, context, item.record.photos)
    return True


async def approve_section(update: Update, context: Context) -> bool:
    """For /approve: the hours waiting for this person; False (nothing sent) when none."""
    return await show_pending(update, context)


class ApproveFlow:
    async def list(self, update: Update, context: Context) -> None:
        shown = await show_pending(update, context, refuse_if_not=True)
        await answer(update)  # after a refusal's alert this is a no-op (answered once)
        if not shown:
            async with unit(update, context) as u:
                lang = u.actor.lang
            await send(update, context, t("hours.approve.none", lang))

    async def approve(self, update: Update, context: Context, b: Approve) -> None:
        await self._decide(update, context, b.approval, True, None)

    async def decline(self, update: Update, context: Context, b: Decline) -> None:
        """Ask why first (quick reasons, or typed)."""
        approval_id = b.approval
        async with unit(update, context) as u:
            lang = u.actor.lang
            refused = await approval.may_decide_now(u.session, u.actor, approval_id)
        if refused is not None:
            await refuse(update, context, refused, lang)
            return
        await answer(update)
        rows = [
            [(t(f"hours.reason.{i}", lang), DeclineWithReason(approval_id, i).data)]
            for i in range(REASONS)
        ]
        rows.append([(t("hours.btn.reason_other", lang), DeclineTypeReason(approval_id).data)])
        await send(update, context, t("hours.approve.reason", lang), inline(rows))

    async def quick_reason(self, update: Update, context: Context, b: DeclineWithReason) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
        reason = t(f"hours.reason.{min(b.reason, REASONS - 1)}", lang)
        await self._decide(update, context, b.approval, False, reason)

    async def typed_reason(self, update: Update, context: Context, b: DeclineTypeReason) -> None:
        approval_id = b.approval
        async with unit(update, context) as u:
            lang = u.actor.lang
            refused = await approval.may_decide_now(u.session, u.actor, approval_id)
            if refused is None:
                await expect(u, update, "reason", {"aid": approval_id})
        if refused is not None:
            # Not asked for a reason they may not give: their next message stays their own.
            await refuse(update, context, refused, lang)
            return
        await answer(update)
        await show(update, context, t("hours.approve.reason_typed", lang))

    async def on_reason(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        if not message.text:
            return
        await self._decide(update, context, int(state.data.get("aid", 0)), False, message.text)

    async def _decide(
        self,
        update: Update,
        context: Context,
        approval_id: int,
        approve: bool,
        reason: str | None,
    ) -> None:
        async with unit(update, context) as u:
            result = await approval.decide(
                u.session, u.actor, approval_id, approve, reason, u.data.clock.now()
            )
            if isinstance(result, Decision) or update.callback_query is not None:
                await done(u, update)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        key = "hours.approve.approved" if approve else "hours.approve.declined"
        text = t(
            key,
            lang,
            name=html.escape(result.record.member_name),
            h=format_halves(result.record.halves),
        )
        await answer(update, text)
        await show(update, context, text)

    async def approve_all(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            result = await approval.decide_all(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        skipped = t("hours.approve.skipped", lang, n=result.skipped) if result.skipped else ""
        text = t("hours.approve.all_done", lang, n=result.approved, skipped=skipped)
        await answer(update)
        await show(update, context, text)
