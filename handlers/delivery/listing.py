"""「📋 最近的通知」: an officer finds an earlier notice again, sees its report, calls off a
scheduled one; without scrolling back through the chat."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.services.delivery import reports
from bot.services.delivery.broadcast import Refused
from handlers.base import answer_callback, refuse, unit
from handlers.delivery import render
from handlers.delivery.buttons import ShowNotice
from handlers.delivery.report import report_or_refuse
from jobs.delivery import views


async def show_list(update: Update, context: Context) -> None:
    """/broadcast's 📋 button: the newest notices as buttons, in a new message."""
    async with unit(update, context) as u:
        lang = u.actor.lang
        found = await reports.listed(u.session, u.actor)
    if isinstance(found, Refused):
        await refuse(update, render.refusal(found.reason, lang))
        return
    items, tz = found
    await answer_callback(update)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(
        chat.id, render.list_text(items, lang), reply_markup=render.list_keyboard(items, tz, lang)
    )


async def show_one(update: Update, context: Context, button: ShowNotice) -> None:
    """That notice's report (or its schedule with 「取消定时」) as a new message."""
    found = await report_or_refuse(update, context, button.notice)
    if found is None:
        return
    result, lang = found
    await answer_callback(update)
    chat = update.effective_chat
    assert chat is not None
    if result.status == "scheduled" and result.send_at is not None:
        text = render.scheduled_text(
            result.notice_id, result.total, result.send_at, result.tz, lang
        )
        markup = render.scheduled_keyboard(result.notice_id, lang)
    else:
        text, markup = views.final_report(result, lang)
    await context.bot.send_message(chat.id, text, reply_markup=markup)
