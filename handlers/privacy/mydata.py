"""/mydata: a member's own data as files, and their correction or deletion request; the
secretary's part of /approve for these requests."""

from __future__ import annotations

import html
from zoneinfo import ZoneInfo

from telegram import InputFile, Update

from bot.context import Context
from bot.domain.privacy import RequestKind
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.privacy import mydata, requests
from bot.services.privacy.common import Refusal, Refused, member_of
from bot.texts import t
from handlers.base import unit
from handlers.core_buttons import OpenMyData
from handlers.keyboards import inline
from handlers.privacy.buttons import (
    ApproveRequest,
    AskCorrection,
    AskDeletion,
    CancelRequest,
    ConfirmDeletion,
    RejectRequest,
)
from handlers.privacy.common import done, expect, private, refuse
from handlers.replies import answer, send, send_quietly, show


async def my_data(update: Update, context: Context) -> None:
    """Both files go to the person's private chat only; in a group the command is refused."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = (
            await mydata.collect(u.session, u.actor, u.data.clock.now())
            if private(update)
            else None
        )
    if found is None:
        await send(update, context, t("privacy.private_only", lang))
        return
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    chat = update.effective_chat
    assert chat is not None
    caption = t("privacy.mydata.caption", lang)
    await context.bot.send_document(
        chat.id, InputFile(found.xlsx, filename=found.xlsx_name), caption=caption
    )
    await context.bot.send_document(
        chat.id, InputFile(found.json, filename=found.json_name), caption=caption
    )
    rows = [
        [(t("privacy.btn.correct", lang), AskCorrection().data)],
        [(t("privacy.btn.delete", lang), AskDeletion().data)],
    ]
    text = t(
        "privacy.mydata.head",
        lang,
        branch=html.escape(found.branch_name),
        name=html.escape(found.name),
    )
    await send(update, context, text, inline(rows))


async def from_button(update: Update, context: Context, _b: OpenMyData) -> None:
    """The 🔒 button on one's own card: the same as typing /mydata."""
    await answer(update)
    await my_data(update, context)


async def ask_correction(update: Update, context: Context, _b: AskCorrection) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        me = member_of(u.actor)
        if not isinstance(me, Refused):
            await expect(u, update, "correct")
    if isinstance(me, Refused):
        await refuse(update, context, me, lang)
        return
    await answer(update)
    await send(update, context, t("privacy.mydata.ask_correct", lang))


async def on_correction(update: Update, context: Context, state: FlowState) -> None:
    message = update.message
    assert message is not None
    if message.text is None:
        return
    if message.text.strip().lower() == "/cancel":
        async with unit(update, context) as u:
            await done(u, update)
            lang = u.actor.lang
        await send(update, context, t("privacy.cancelled", lang))
        return
    await _submit(update, context, RequestKind.CORRECT, message.text)


async def ask_deletion(update: Update, context: Context, _b: AskDeletion) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        me = member_of(u.actor)
    if isinstance(me, Refused):
        await refuse(update, context, me, lang)
        return
    await answer(update)
    rows = [
        [(t("privacy.btn.confirm_delete", lang), ConfirmDeletion().data)],
        [(t("privacy.btn.cancel", lang), CancelRequest().data)],
    ]
    await show(update, context, t("privacy.mydata.confirm_delete", lang), inline(rows))


async def confirm_deletion(update: Update, context: Context, _b: ConfirmDeletion) -> None:
    await _submit(update, context, RequestKind.DELETE, "")


async def cancel(update: Update, context: Context, _b: CancelRequest) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer(update)
    await show(update, context, t("privacy.cancelled", lang))


async def _submit(update: Update, context: Context, kind: RequestKind, text: str) -> None:
    async with unit(update, context) as u:
        result = await requests.submit(u.session, u.actor, kind, text, u.data.clock.now())
        lang = u.actor.lang
        if not (isinstance(result, Refused) and result.reason is Refusal.BAD_TEXT):
            await done(u, update)
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    await answer(update)
    if result.told:
        notices.wake(context.bot_data)
    kind_text = t(f"privacy.kind.{kind.value}", lang)
    text = t("privacy.request.sent", lang, kind=kind_text)
    if result.to_operator:
        text += t("privacy.request.to_operator", lang)
        await _tell_operators(update, context, kind)
    await show(update, context, text)


async def _tell_operators(update: Update, context: Context, kind: RequestKind) -> None:
    """The one or two operators of the bot, told directly (not the many-people outbox)."""
    async with unit(update, context) as u:
        me = u.actor.member
    if me is None:
        return
    settings = context.bot_data.settings
    lang = settings.bot_default_language
    text = t(
        "privacy.request.operator_notice",
        lang,
        branch=html.escape(me.branch_name),
        name=html.escape(me.name),
        kind=t(f"privacy.kind.{kind.value}", lang),
    )
    for tg_id in sorted(settings.bot_admin_ids):
        if tg_id != u.actor.tg_id:
            await send_quietly(context, tg_id, text)


# --- /approve ---------------------------------------------------------------------------------


async def approve_section(update: Update, context: Context) -> bool:
    """For /approve: the data requests waiting for the secretary; False (nothing sent) if none."""
    async with unit(update, context) as u:
        found = await requests.pending(u.session, u.actor)
        lang = u.actor.lang
        tz = ZoneInfo(u.actor.member.branch_tz) if u.actor.member else None
    if isinstance(found, Refused) or not found:
        return False
    await send(update, context, t("privacy.approve.head", lang, n=len(found)))
    for item in found:
        when = item.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M") if tz else ""
        text = t(
            "privacy.approve.item",
            lang,
            name=html.escape(item.name),
            kind=t(f"privacy.kind.{item.kind.value}", lang),
            when=when,
            text=html.escape(item.text),
        )
        rows = [
            [
                (t("privacy.btn.approve", lang), ApproveRequest(item.approval_id).data),
                (t("privacy.btn.reject", lang), RejectRequest(item.approval_id).data),
            ]
        ]
        await send(update, context, text, inline(rows))
    return True


async def approve(update: Update, context: Context, b: ApproveRequest) -> None:
    await _decide(update, context, b.approval, True)


async def reject(update: Update, context: Context, b: RejectRequest) -> None:
    await _decide(update, context, b.approval, False)


async def _decide(update: Update, context: Context, approval: int, ok: bool) -> None:
    async with unit(update, context) as u:
        result = await requests.decide(u.session, u.actor, approval, ok, u.data.clock.now())
        lang = u.actor.lang
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    await answer(update)
    name, kind = html.escape(result.name), t(f"privacy.kind.{result.kind.value}", lang)
    if ok:
        text = t("privacy.approve.approved", lang, name=name, kind=kind)
        extra = "deleted" if result.kind is RequestKind.DELETE else "correct_hint"
        text += t(f"privacy.approve.{extra}", lang)
    else:
        text = t("privacy.approve.declined", lang, name=name, kind=kind)
    await show(update, context, text)
    if result.requester_tg_id is not None:
        by = ".op" if result.by_operator else ""
        told = f"privacy.told.{result.kind.value}.{'yes' if ok else 'no'}{by}"
        await send_quietly(context, result.requester_tg_id, t(told, result.requester_lang))
