"""/card: the member's basic-information card (基本情况卡), and switching branches."""

from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler

from bot.context import Context
from bot.services.members import card as card_service
from bot.services.members.access import Refused
from bot.services.members.card import Card
from bot.texts import t
from handlers.base import answer_callback, unit
from handlers.buttons import on
from handlers.core_buttons import SwitchBranch
from handlers.filters import menu_button
from handlers.keyboards import inline, main_menu
from handlers.members.flow import PRIVATE, with_membership
from handlers.members.views import (
    category_label,
    esc,
    fmt_date,
    party_age_text,
    refuse_with,
    role_label,
)


def card_text(card: Card, lang: str) -> str:
    none = t("members.none", lang)
    return t(
        "members.card.body",
        lang,
        name=esc(card.name),
        branch=esc(card.branch_name),
        group=esc(card.group_name) if card.group_name else t("members.no_group", lang),
        category=category_label(card.category, lang),
        role=role_label(card.role, lang),
        age=party_age_text(card.party_age, lang),
        joined=fmt_date(card.joined_on, lang),
        full=fmt_date(card.full_on, lang),
        work_unit=esc(card.work_unit) if card.work_unit else none,
        phone=esc(card.phone) if card.phone else none,
    )


async def on_card(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        actor = u.actor
        found = await card_service.my_card(u.session, actor, u.data.clock.now())
    assert update.effective_message is not None
    if isinstance(found, Refused):
        pending = actor.current is not None and actor.current.status == "pending"
        key = "members.card.pending" if pending else "members.card.none"
        branch = esc(actor.current.branch_name) if actor.current else ""
        await update.effective_message.reply_html(
            t(key, actor.lang, branch=branch), reply_markup=main_menu(actor)
        )
        return
    keyboard = None
    if found.branches:
        switch = "members.card.switch"
        keyboard = inline(
            [
                [(t(switch, actor.lang, branch=b.name), SwitchBranch(b.branch_id).data)]
                for b in found.branches
            ]
        )
    await update.effective_message.reply_html(card_text(found, actor.lang), reply_markup=keyboard)


async def on_switch(update: Update, context: Context, button: SwitchBranch) -> None:
    query = update.callback_query
    assert query is not None
    async with unit(update, context) as u:
        actor = u.actor
        result = await card_service.switch(u.session, actor, button.branch)
    if isinstance(result, Refused):
        await refuse_with(update, result, actor.lang)
        return
    await answer_callback(update)
    actor = replace(with_membership(actor, result), current=result)
    assert query.message is not None
    await context.bot.send_message(
        query.message.chat.id,
        t("members.card.switched", actor.lang, branch=esc(result.branch_name)),
        reply_markup=main_menu(actor),
    )


def card_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("card", on_card, filters=PRIVATE),
        MessageHandler(menu_button("menu.card"), on_card),
        on(SwitchBranch, on_switch),
    ]
