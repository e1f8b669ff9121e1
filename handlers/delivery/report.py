"""After sending: the report's buttons (refresh, re-send, who was not reached), cancelling a
scheduled broadcast, and the members' 「收到」 button."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import Context
from bot.services.delivery import drafts, notices, reports
from bot.services.delivery.broadcast import Refused
from bot.texts import t
from handlers.base import answer_callback, refuse, unit
from handlers.delivery import render
from handlers.delivery.buttons import (
    Acknowledge,
    Acknowledged,
    PreviewOnly,
    RefreshReport,
    RemindUnacked,
    ShowUnreached,
    Unschedule,
)
from handlers.delivery.draft import send_preview
from handlers.replies import edit_quietly
from jobs.delivery import views


async def report_or_refuse(
    update: Update, context: Context, notice_id: int
) -> tuple[reports.Report, str] | None:
    """The notice's report and the officer's language, or None once they were told why not."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = await reports.report(u.session, u.actor, notice_id)
    if isinstance(result, Refused):
        await refuse(update, render.refusal(result.reason, lang))
        return None
    return result, lang


async def on_refresh(update: Update, context: Context, button: RefreshReport) -> None:
    found = await report_or_refuse(update, context, button.notice)
    if found is None:
        return
    result, lang = found
    await answer_callback(update, t("delivery.refreshed", lang))
    text, markup = views.final_report(result, lang)
    await edit_quietly(update, text, reply_markup=markup)


async def on_remind(update: Update, context: Context, button: RemindUnacked) -> None:
    """A new draft for those without 「收到」, shown as its preview."""
    query = update.callback_query
    assert query is not None and query.message is not None
    async with unit(update, context) as u:
        lang, now = u.actor.lang, u.data.clock.now()
        draft = await drafts.resend_unacked(u.session, u.actor, button.notice, now)
    if isinstance(draft, Refused):
        await refuse(update, render.refusal(draft.reason, lang))
        return
    await answer_callback(update)
    chat_id = query.message.chat.id
    if draft.recipients == 0:
        await context.bot.send_message(chat_id, t("delivery.resend.nobody", lang))
        return
    await send_preview(context, chat_id, draft, lang)


async def on_unreached(update: Update, context: Context, button: ShowUnreached) -> None:
    query = update.callback_query
    assert query is not None and query.message is not None
    async with unit(update, context) as u:
        lang = u.actor.lang
        people = await reports.unreached(u.session, u.actor, button.notice)
    if isinstance(people, Refused):
        await refuse(update, render.refusal(people.reason, lang))
        return
    await answer_callback(update)
    await context.bot.send_message(query.message.chat.id, render.unreached_text(people, lang))


async def on_unschedule(update: Update, context: Context, button: Unschedule) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = await drafts.unschedule(u.session, u.actor, button.notice, u.data.clock.now())
    if isinstance(result, Refused):
        await refuse(update, render.refusal(result.reason, lang))
        return
    await answer_callback(update)
    await edit_quietly(update, t("delivery.unscheduled", lang))


async def on_ack(update: Update, context: Context, button: Acknowledge) -> None:
    """「收到」: record it once for the recipient, thank them, and mark the button as pressed."""
    query = update.callback_query
    assert query is not None
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = await notices.acknowledge(
            u.session, u.actor.tg_id, button.delivery, u.data.clock.now()
        )
    if result in (notices.AckResult.NOT_YOURS, notices.AckResult.NOT_FOUND):
        await refuse(update, t(f"delivery.ack.{result.value}", lang))
        return
    await answer_callback(update, t(f"delivery.ack.{result.value}", lang))
    markup = getattr(query.message, "reply_markup", None)
    if isinstance(markup, InlineKeyboardMarkup):
        await query.edit_message_reply_markup(_acked(markup, button, lang))


def _acked(markup: InlineKeyboardMarkup, button: Acknowledge, lang: str) -> InlineKeyboardMarkup:
    pressed = button.data
    done = InlineKeyboardButton(
        t("delivery.ack.done", lang), callback_data=Acknowledged(button.delivery).data
    )
    return InlineKeyboardMarkup(
        [[done if b.callback_data == pressed else b for b in row] for row in markup.inline_keyboard]
    )


async def on_acked(update: Update, context: Context, button: Acknowledged) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer_callback(update, t("delivery.ack.already", lang))


async def on_noop(update: Update, context: Context, button: PreviewOnly) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer_callback(update, t("delivery.preview.noop", lang))
