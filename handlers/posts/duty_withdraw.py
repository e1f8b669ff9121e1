"""A member withdraws a duty record still waiting for confirmation (from 「我的履职记录」)."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.services.posts import withdraw
from bot.services.posts.common import Refused
from bot.services.posts.duty import DutyView
from bot.texts import dates, t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.posts.buttons import AskWithdrawDuty, MyDuties, WithdrawDuty
from handlers.posts.common import answer, refuse, show

Rows = list[list[tuple[str, str]]]


def withdraw_rows(items: list[DutyView], lang: str) -> Rows:
    """A big button for each record still waiting (the ones a member may take back)."""
    return [
        [
            (
                t("posts.btn.withdraw", lang, day=dates.day(d.day, lang), post=d.post_name),
                AskWithdrawDuty(d.id).data,
            )
        ]
        for d in items
        if d.state == "pending"
    ][:5]


class WithdrawFlow:
    async def ask(self, update: Update, context: Context, button: AskWithdrawDuty) -> None:
        record_id = button.record
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await withdraw.own_pending(u.session, u.actor, record_id)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = [
            [(t("posts.btn.withdraw_yes", lang), WithdrawDuty(record_id).data)],
            [(t("posts.btn.keep", lang), MyDuties().data)],
        ]
        text = t(
            "posts.withdraw.ask",
            lang,
            day=found.day.isoformat(),
            post=html.escape(found.post_name),
            what=html.escape(found.what),
        )
        await show(update, context, text, inline(rows))

    async def withdraw(self, update: Update, context: Context, button: WithdrawDuty) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            found = await withdraw.withdraw(u.session, u.actor, button.record, now)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update, t("posts.withdraw.done_short", lang))
        text = t("posts.withdraw.done", lang, day=found.day.isoformat())
        await show(
            update, context, text, inline([[(t("posts.btn.my_duties", lang), MyDuties().data)]])
        )
