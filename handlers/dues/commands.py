"""Officer commands for what is rare and precise: a member's basis, one payment with its
amount, a remittance, a reminder pause, the branch's dues settings."""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import Context
from bot.domain.blank import means_none
from bot.domain.dues.brackets import BasisKind
from bot.domain.dues.money import MAX_PAYMENT, AmountError, parse_amount, yuan
from bot.domain.dues.months import label, parse_month
from bot.kernel.conversations import FlowState
from bot.services.dues.admin import (
    current_settings,
    current_treasurer,
    member_named,
    set_pause,
    set_settings,
    set_treasurer,
)
from bot.services.dues.bases import set_basis
from bot.services.dues.common import Refused
from bot.services.dues.recording import record
from bot.services.dues.reports import attach_remittance_photo, remit
from bot.texts import t
from handlers.base import unit
from handlers.dues import views
from handlers.dues.common import refuse, send
from handlers.dues.officer import recorded_text
from handlers.dues.state import done, expect

KIND_WORDS = {
    "在职": BasisKind.EMPLOYED,
    "employed": BasisKind.EMPLOYED,
    "退休": BasisKind.RETIRED,
    "离退休": BasisKind.RETIRED,
    "retired": BasisKind.RETIRED,
    "农民": BasisKind.FARMER,
    "farmer": BasisKind.FARMER,
    "低保": BasisKind.LOW,
    "学生": BasisKind.LOW,
    "失业": BasisKind.LOW,
    "low": BasisKind.LOW,
    "减交": BasisKind.REDUCED,
    "reduced": BasisKind.REDUCED,
    "免交": BasisKind.WAIVED,
    "waived": BasisKind.WAIVED,
}
_NO_AMOUNT = frozenset({BasisKind.LOW, BasisKind.WAIVED})


def _args(context: Context) -> list[str]:
    return list(context.args or [])


async def _lang(update: Update, context: Context) -> str:
    async with unit(update, context) as u:
        return u.actor.lang


async def _amount_problem(update: Update, context: Context, value: object, lang: str) -> bool:
    if isinstance(value, AmountError):
        await send(update, context, t(f"dues.amount.{value.value}", lang))
        return True
    return False


async def basis_command(update: Update, context: Context) -> None:
    """/duesbasis 姓名 类别 [金额] [起始月] [原因]"""
    args = _args(context)
    lang = await _lang(update, context)
    kind = KIND_WORDS.get(args[1].lower()) if len(args) >= 2 else None
    if kind is None:
        await send(update, context, t("dues.basis.usage", lang))
        return
    rest = args[2:]
    value: Decimal | None = None
    if kind not in _NO_AMOUNT:
        if not rest:
            await send(update, context, t("dues.basis.usage", lang))
            return
        parsed = parse_amount(rest.pop(0))
        if await _amount_problem(update, context, parsed, lang):
            return
        assert isinstance(parsed, Decimal)
        value = parsed
    month = parse_month(rest[0]) if rest else None
    if month is not None:
        rest = rest[1:]
    reason = " ".join(rest) or None
    async with unit(update, context) as u:
        member_id = await member_named(u.session, u.actor, args[0])
        result: object = member_id
        if not isinstance(member_id, Refused):
            result = await set_basis(
                u.session,
                u.actor,
                member_id,
                kind,
                value,
                effective_month=month,
                reason=reason,
                now=u.data.clock.now(),
            )
    if isinstance(member_id, Refused) and member_id.reason.value == "not_found":
        await send(update, context, t("dues.member_unknown", lang, name=html.escape(args[0])))
        return
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    assert not isinstance(result, int)
    text = t(
        "dues.basis.set",
        lang,
        name=html.escape(result.member_name),  # type: ignore[attr-defined]
        month=label(result.effective_month, lang),  # type: ignore[attr-defined]
        calc=views.calc_text(result.calc, lang, reason),  # type: ignore[attr-defined]
    )
    await send(update, context, text)


async def paid_command(update: Update, context: Context) -> None:
    """/duespaid 姓名 金额 [月份,月份] — one payment, more than due is a voluntary extra."""
    args = _args(context)
    lang = await _lang(update, context)
    if len(args) < 2:
        await send(update, context, t("dues.record.usage", lang))
        return
    amount = parse_amount(args[1], maximum=MAX_PAYMENT)
    if await _amount_problem(update, context, amount, lang):
        return
    assert isinstance(amount, Decimal)
    months = None
    if len(args) >= 3:
        parsed = [parse_month(p) for p in args[2].replace("，", ",").split(",") if p]
        if not parsed or any(m is None for m in parsed):
            await send(update, context, t("dues.record.usage", lang))
            return
        months = [m for m in parsed if m is not None]
    async with unit(update, context) as u:
        member_id = await member_named(u.session, u.actor, args[0])
        result: object = member_id
        if not isinstance(member_id, Refused):
            result = await record(
                u.session, u.actor, [member_id], u.data.clock.now(), months=months, amount=amount
            )
    if isinstance(member_id, Refused) and member_id.reason.value == "not_found":
        await send(update, context, t("dues.member_unknown", lang, name=html.escape(args[0])))
        return
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    from bot.services.dues.recording import Recorded

    assert isinstance(result, Recorded)
    await send(update, context, recorded_text(result, lang))


async def remit_command(update: Update, context: Context) -> None:
    """/duesremit 2026-01 2026-03 156.40 [2026-04-02]"""
    args = _args(context)
    lang = await _lang(update, context)
    first = parse_month(args[0]) if len(args) >= 3 else None
    last = parse_month(args[1]) if len(args) >= 3 else None
    if first is None or last is None:
        await send(update, context, t("dues.remit.usage", lang))
        return
    amount = parse_amount(args[2], maximum=MAX_PAYMENT)
    if await _amount_problem(update, context, amount, lang):
        return
    assert isinstance(amount, Decimal)
    on: date | None = None  # today, in the branch's time zone
    if len(args) >= 4:
        try:
            on = date.fromisoformat(args[3])
        except ValueError:
            await send(update, context, t("dues.remit.usage", lang))
            return
    async with unit(update, context) as u:
        now = u.data.clock.now()
        result = await remit(
            u.session,
            u.actor,
            first=first,
            last=last,
            amount=amount,
            remitted_on=on,
            photo_file_id=None,
            now=now,
        )
        if not isinstance(result, Refused):
            await expect(u, update, "remit_photo", {"remittance_id": result.remittance_id})
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    recon = result.reconciliation
    text = t(
        "dues.remit.done",
        lang,
        year=recon.year,
        collected=yuan(recon.collected),
        remitted=yuan(recon.remitted),
        held=yuan(recon.held),
    )
    await send(update, context, text + "\n" + t("dues.remit.photo", lang))


async def settings_command(update: Update, context: Context) -> None:
    """/duesset 10,25 2"""
    from bot.domain.dues.ledger import parse_days

    args = _args(context)
    async with unit(update, context) as u:
        lang = u.actor.lang
        days = parse_days(args[0]) if args else None
        prepay = (
            int(args[1]) if len(args) >= 2 and args[1].isdecimal() and len(args[1]) <= 2 else None
        )
        if days is None or prepay is None:
            result = await current_settings(u.session, u.actor)
            usage = True
        else:
            result = await set_settings(u.session, u.actor, days, prepay, u.data.clock.now())
            usage = False
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    shown = t("dues.list.sep", lang).join(str(d) for d in result.reminder_days)
    key = "dues.settings.usage" if usage else "dues.settings.done"
    await send(update, context, t(key, lang, days=shown, prepay=result.prepay_months))


async def treasurer_command(update: Update, context: Context) -> None:
    """/duestreasurer 姓名 (or 无): the committee member in charge of dues."""
    args = _args(context)
    async with unit(update, context) as u:
        lang = u.actor.lang
        now = u.data.clock.now()
        if not args:
            result = await current_treasurer(u.session, u.actor)
        else:
            name = None if means_none(" ".join(args)) else " ".join(args)
            result = await set_treasurer(u.session, u.actor, name, now)
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    who = html.escape(result.name) if result.name else t("dues.treasurer.nobody", lang)
    key = "dues.treasurer.usage" if not args else "dues.treasurer.done"
    await send(update, context, t(key, lang, name=who))


async def _pause(update: Update, context: Context, paused: bool) -> None:
    args = _args(context)
    lang = await _lang(update, context)
    if not args:
        await send(update, context, t("dues.pause.usage", lang))
        return
    async with unit(update, context) as u:
        member_id = await member_named(u.session, u.actor, args[0])
        result: object = member_id
        if not isinstance(member_id, Refused):
            result = await set_pause(
                u.session,
                u.actor,
                member_id,
                paused=paused,
                reason=" ".join(args[1:]) or None,
                now=u.data.clock.now(),
            )
    if isinstance(member_id, Refused) and member_id.reason.value == "not_found":
        await send(update, context, t("dues.member_unknown", lang, name=html.escape(args[0])))
        return
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    key = "dues.pause.done" if paused else "dues.resume.done"
    await send(update, context, t(key, lang, name=html.escape(args[0])))


async def pause_command(update: Update, context: Context) -> None:
    await _pause(update, context, True)


async def resume_command(update: Update, context: Context) -> None:
    await _pause(update, context, False)


def command_handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE

    return [
        CommandHandler("duesbasis", basis_command, filters=private),
        CommandHandler("duespaid", paid_command, filters=private),
        CommandHandler("duesremit", remit_command, filters=private),
        CommandHandler("duesset", settings_command, filters=private),
        CommandHandler("duestreasurer", treasurer_command, filters=private),
        CommandHandler("duespause", pause_command, filters=private),
        CommandHandler("duesresume", resume_command, filters=private),
    ]


async def on_remit_photo(update: Update, context: Context, state: FlowState) -> None:
    """The receipt of the remittance just recorded; anything else means there is none."""
    message = update.message
    assert message is not None
    remittance_id = state.data.get("remittance_id")
    async with unit(update, context) as u:
        ok = False
        if message.photo and isinstance(remittance_id, int):
            file_id = message.photo[-1].file_id
            ok = await attach_remittance_photo(u.session, u.actor, remittance_id, file_id)
        await done(u, update)
        lang = u.actor.lang
    await send(update, context, t("dues.pay.photo_saved" if ok else "dues.pay.no_photo", lang))
