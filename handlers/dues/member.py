"""/dues for members: what is due, arrears, history; 「我已缴纳」 with an optional receipt
photo; reporting a new basis."""

from __future__ import annotations

from decimal import Decimal

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.dues.brackets import BasisKind
from bot.domain.dues.money import parse_amount, yuan
from bot.domain.dues.months import month_of
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices as outbox
from bot.services.dues.bases import report_basis
from bot.services.dues.common import Refused
from bot.services.dues.ledger import member_dues
from bot.services.dues.payments import attach_photo, claim
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.dues import views
from handlers.dues.buttons import (
    BasisMenu,
    CancelPicking,
    ChooseBasisKind,
    Pay,
    PickMonth,
    SubmitMonths,
)
from handlers.dues.common import answer, refuse, send, show, user_id
from handlers.dues.state import DuesState, done, expect
from handlers.filters import menu_button
from handlers.keyboards import inline

MEMBER_KINDS = (BasisKind.EMPLOYED, BasisKind.RETIRED, BasisKind.FARMER, BasisKind.LOW)


class MemberDues:
    def __init__(self, state: DuesState) -> None:
        self.state = state

    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            CommandHandler("dues", self.command, filters=filters.ChatType.PRIVATE),
            MessageHandler(menu_button("menu.dues"), self.command),
            on(Pay, self.pay),
            on(PickMonth, self.toggle),
            on(SubmitMonths, self.submit),
            on(CancelPicking, self.cancel),
            on(BasisMenu, self.basis_menu),
            on(ChooseBasisKind, self.basis_kind),
        ]

    async def command(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await member_dues(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        keyboard = views.member_keyboard(found, lang)
        await send(update, context, views.member_text(found, lang), keyboard)

    async def pay(self, update: Update, context: Context, _b: Pay) -> None:
        async with unit(update, context) as u:
            found = await member_dues(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        if not found.payable:
            await send(update, context, t("dues.pay.nothing", lang))
            return
        # The current month is picked already: that is what most people mean.
        chosen = {found.month} & set(found.payable)
        self.state.months[user_id(update)] = chosen
        await show(
            update,
            context,
            t("dues.pay.choose", lang),
            views.month_picker(found.payable, chosen, lang),
        )

    async def toggle(self, update: Update, context: Context, b: PickMonth) -> None:
        month = month_of(b.month)
        async with unit(update, context) as u:
            found = await member_dues(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        chosen = self.state.months.setdefault(user_id(update), set())
        chosen.symmetric_difference_update({month})
        await answer(update)
        picker = views.month_picker(found.payable, chosen, lang)
        await show(update, context, t("dues.pay.choose", lang), picker)

    async def submit(self, update: Update, context: Context, _b: SubmitMonths) -> None:
        picked = self.state.months.get(user_id(update))
        if picked is None:
            # No picker open: a second tap after the claim went, or a picker from before a
            # restart. "Choose at least one month" would be wrong; the month was chosen.
            async with unit(update, context) as u:
                lang = u.actor.lang
            await answer(update, t("error.stale_button", lang), alert=True)
            return
        months = sorted(picked)
        async with unit(update, context) as u:
            result = await claim(u.session, u.actor, months, u.data.clock.now())
            lang = u.actor.lang
            if not isinstance(result, Refused):
                await expect(u, update, "photo", {"payment_id": result.payment_id})
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        self.state.months.pop(user_id(update), None)
        outbox.wake(context.bot_data)
        await answer(update)
        await show(
            update,
            context,
            t(
                "dues.pay.sent",
                lang,
                months=views.months_text(result.months, lang),
                amount=yuan(result.amount),
            ),
        )

    async def cancel(self, update: Update, context: Context, _b: CancelPicking) -> None:
        self.state.months.pop(user_id(update), None)
        async with unit(update, context) as u:
            lang = u.actor.lang
        await answer(update)
        await show(update, context, t("dues.pay.cancelled", lang))

    @staticmethod
    async def on_photo(update: Update, context: Context, state: FlowState) -> None:
        """The receipt after a claim; anything else means there is none to send."""
        message = update.message
        assert message is not None
        payment_id = state.data.get("payment_id")
        async with unit(update, context) as u:
            ok = False
            if message.photo and isinstance(payment_id, int):
                file_id = message.photo[-1].file_id
                ok = await attach_photo(u.session, u.actor, payment_id, file_id)
            await done(u, update)
            lang = u.actor.lang
        await send(update, context, t("dues.pay.photo_saved" if ok else "dues.pay.no_photo", lang))

    async def basis_menu(self, update: Update, context: Context, _b: BasisMenu) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
        await answer(update)
        rows = [[(t(f"dues.kind.{k.value}", lang), ChooseBasisKind(k).data)] for k in MEMBER_KINDS]
        await show(update, context, t("dues.basis.choose", lang), inline(rows))

    async def basis_kind(self, update: Update, context: Context, b: ChooseBasisKind) -> None:
        kind = b.kind if b.kind in MEMBER_KINDS else None
        async with unit(update, context) as u:
            lang = u.actor.lang
        if kind is None:  # a kind members do not report (a waiver is the branch's to decide)
            await answer(update, t("error.stale_button", lang), alert=True)
            return
        await answer(update)
        if kind is BasisKind.LOW:
            await _report(update, context, kind, None)
            return
        async with unit(update, context) as u:
            await expect(u, update, "basis_amount", {"kind": kind.value})
        await show(update, context, t("dues.basis.ask_amount", lang))

    @staticmethod
    async def on_text(update: Update, context: Context, state: FlowState) -> None:
        """The amount of a basis the member reports; a bad one is asked for again."""
        message = update.message
        assert message is not None
        raw = state.data.get("kind")
        kind = next((k for k in MEMBER_KINDS if k.value == raw), None)
        if kind is None or message.text is None:
            async with unit(update, context) as u:
                lang = u.actor.lang
            await send(update, context, t("dues.basis.ask_amount", lang))
            return
        value = parse_amount(message.text)
        if not isinstance(value, Decimal):
            async with unit(update, context) as u:
                lang = u.actor.lang
            await send(update, context, t(f"dues.amount.{value.value}", lang))
            return
        await _report(update, context, kind, value)


async def _report(
    update: Update, context: Context, kind: BasisKind, amount: Decimal | None
) -> None:
    async with unit(update, context) as u:
        await done(u, update)
        result = await report_basis(
            u.session, u.actor, kind, amount, reason=None, now=u.data.clock.now()
        )
        lang = u.actor.lang
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    outbox.wake(context.bot_data)
    calc = views.calc_text(result.calc, lang)
    await send(update, context, t("dues.basis.reported", lang, calc=calc))
