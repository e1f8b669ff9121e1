"""After sending: the report's buttons (refresh, re-send, who was not reached), cancelling a
scheduled broadcast, and the members' 「收到」 button."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import Context
from bot.services.delivery import broadcast, notices
from bot.services.delivery.broadcast import Refused
from bot.texts import t
from handlers.base import answer_callback, refuse, unit
from handlers.delivery import render
from handlers.delivery.compose import edit, send_preview
from jobs.delivery import views


def _id(data: str | None) -> int | None:
    tail = (data or "").rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


async def on_report_button(update: Update, context: Context) -> None:
    """dl:rep (refresh), dl:re (re-send to the unacknowledged), dl:un (who was not reached)."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.message is not None
    action, nid = query.data.split(":")[1], _id(query.data)
    async with unit(update, context) as u:
        lang, now = u.actor.lang, u.data.clock.now()
        if nid is None:
            result: object = Refused(broadcast.Problem.NOT_FOUND)
        elif action == "re":
            result = await broadcast.resend_unacked(u.session, u.actor, nid, now)
        elif action == "un":
            result = await broadcast.unreached(u.session, u.actor, nid)
        else:
            result = await broadcast.report(u.session, u.actor, nid)
    if isinstance(result, Refused):
        await refuse(update, render.refusal(result.problem, lang))
        return
    chat_id = query.message.chat.id
    if isinstance(result, broadcast.Draft):
        await answer_callback(update)
        if result.recipients == 0:
            await context.bot.send_message(chat_id, t("delivery.resend.nobody", lang))
            return
        await send_preview(context, chat_id, result, lang)
    elif isinstance(result, broadcast.Report):
        await answer_callback(update, t("delivery.refreshed", lang))
        await edit(update, *views.final_report(result, lang))
    elif isinstance(result, list):
        await answer_callback(update)
        await context.bot.send_message(chat_id, render.unreached_text(result, lang))


async def on_unschedule(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    nid = _id(query.data)
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = (
            await broadcast.unschedule(u.session, u.actor, nid, u.data.clock.now())
            if nid is not None
            else Refused(broadcast.Problem.NOT_FOUND)
        )
    if isinstance(result, Refused):
        await refuse(update, render.refusal(result.problem, lang))
        return
    await answer_callback(update)
    await edit(update, t("delivery.unscheduled", lang))


async def on_ack(update: Update, context: Context) -> None:
    """「收到」: record it once for the recipient, thank them, and mark the button as pressed."""
    query = update.callback_query
    assert query is not None
    delivery_id = _id(query.data)
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = (
            await notices.acknowledge(u.session, u.actor.tg_id, delivery_id, u.data.clock.now())
            if delivery_id is not None
            else notices.AckResult.NOT_FOUND
        )
    if result in (notices.AckResult.NOT_YOURS, notices.AckResult.NOT_FOUND):
        await refuse(update, t(f"delivery.ack.{result.value}", lang))
        return
    await answer_callback(update, t(f"delivery.ack.{result.value}", lang))
    message = query.message
    markup = getattr(message, "reply_markup", None)
    if isinstance(markup, InlineKeyboardMarkup):
        await query.edit_message_reply_markup(_acked(markup, query.data or "", lang))


def _acked(markup: InlineKeyboardMarkup, data: str, lang: str) -> InlineKeyboardMarkup:
    done = InlineKeyboardButton(
        t("delivery.ack.done", lang), callback_data=data.replace("dl:ack:", "dl:acked:")
    )
    return InlineKeyboardMarkup(
        [[done if b.callback_data == data else b for b in row] for row in markup.inline_keyboard]
    )


async def on_acked(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer_callback(update, t("delivery.ack.already", lang))


async def on_noop(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer_callback(update, t("delivery.preview.noop", lang))
