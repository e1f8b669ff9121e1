"""/dues for the secretary and the committee member in charge: 待确认 (confirm or question a
claim or a reported basis), recording payments in bulk, the 公示 and the ledger."""

from __future__ import annotations

import asyncio
import html
from datetime import date

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.domain.dues.money import yuan
from bot.domain.dues.months import label
from bot.services.delivery import notices as outbox
from bot.services.dues.bases import decide_basis, pending_bases
from bot.services.dues.common import Refused
from bot.services.dues.payments import decide_payment, pending_payments
from bot.services.dues.recording import Recorded, candidates, group_choices, record
from bot.services.dues.reports import (
    build_ledger,
    collection,
    ledger,
    publish,
)
from bot.texts import LANGS, t
from handlers.base import unit
from handlers.buttons import on
from handlers.dues import views
from handlers.dues.buttons import (
    CancelPicking,
    CollectionReport,
    ConfirmBasis,
    ConfirmPayment,
    Ledger,
    PendingDues,
    PublishMonth,
    PublishYear,
    QuestionBasis,
    QuestionPayment,
    RecordDone,
    RecordGroup,
    RecordGroups,
    RecordToggle,
    ReportMonth,
    ReportYear,
)
from handlers.dues.common import answer, refuse, send, show, user_id
from handlers.dues.state import DuesState
from handlers.keyboards import inline


class OfficerDues:
    def __init__(self, state: DuesState) -> None:
        self.state = state

    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            on(PendingDues, self.pending),
            on(ConfirmPayment, self.decide),
            on(QuestionPayment, self.decide),
            on(ConfirmBasis, self.decide_basis),
            on(QuestionBasis, self.decide_basis),
            on(RecordGroups, self.record_groups),
            on(RecordGroup, self.record_list),
            on(RecordToggle, self.record_toggle),
            on(RecordDone, self.record_done),
            on(CollectionReport, self.report),
            on(ReportMonth, self.report_period),
            on(ReportYear, self.report_period),
            on(PublishMonth, self.publish),
            on(PublishYear, self.publish),
            on(Ledger, self.ledger),
        ]

    async def pending(self, update: Update, context: Context, _b: PendingDues) -> None:
        await answer(update)
        if not await approve_section(update, context):
            async with unit(update, context) as u:
                lang = u.actor.lang
            await send(update, context, t("dues.pending.none", lang))

    async def decide(
        self, update: Update, context: Context, b: ConfirmPayment | QuestionPayment
    ) -> None:
        approve, payment_id = isinstance(b, ConfirmPayment), b.payment
        async with unit(update, context) as u:
            result = await decide_payment(
                u.session, u.actor, payment_id, approve=approve, reason=None, now=u.data.clock.now()
            )
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        outbox.wake(context.bot_data)
        await answer(update)
        name = html.escape(result.payment.member_name)
        if approve:
            months = views.months_text(result.payment.months, lang)
            text = t("dues.decided.confirmed", lang, name=name, months=months)
        else:
            text = t("dues.decided.questioned", lang, name=name)
        await show(update, context, text)

    async def decide_basis(
        self, update: Update, context: Context, b: ConfirmBasis | QuestionBasis
    ) -> None:
        approve, item_id = isinstance(b, ConfirmBasis), b.item
        async with unit(update, context) as u:
            result = await decide_basis(
                u.session, u.actor, item_id, approve=approve, now=u.data.clock.now()
            )
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        outbox.wake(context.bot_data)
        await answer(update)
        await show(
            update, context, t("dues.basis.decided", lang, name=html.escape(result.member_name))
        )

    async def record_groups(self, update: Update, context: Context, _b: RecordGroups) -> None:
        async with unit(update, context) as u:
            found = await candidates(u.session, u.actor, u.data.clock.now())
            groups = await group_choices(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows = [[(t("dues.btn.all_groups", lang), RecordGroup(None).data)]]
        rows += [[(html.unescape(name), RecordGroup(gid).data)] for gid, name in groups]
        month = label(found[0], lang)
        await show(update, context, t("dues.record.choose_group", lang, month=month), inline(rows))

    async def record_list(self, update: Update, context: Context, b: RecordGroup) -> None:
        self.state.members[user_id(update)] = set()
        await self._record_screen(update, context, b.group or None)

    async def record_toggle(self, update: Update, context: Context, b: RecordToggle) -> None:
        chosen = self.state.members.setdefault(user_id(update), set())
        chosen.symmetric_difference_update({b.member})
        await self._record_screen(update, context, b.group or None)

    async def _record_screen(self, update: Update, context: Context, group_id: int | None) -> None:
        async with unit(update, context) as u:
            found = await candidates(u.session, u.actor, u.data.clock.now(), group_id)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        month, people = found
        chosen = self.state.members.get(user_id(update), set())
        rows = [
            [
                (
                    ("☑️ " if p.member_id in chosen else "⬜ ") + p.name,
                    RecordToggle(group_id, p.member_id).data,
                )
            ]
            for p in people
            if p.owes
        ]
        rows.append(
            [
                (t("dues.btn.submit", lang), RecordDone(group_id).data),
                (t("dues.btn.cancel", lang), CancelPicking().data),
            ]
        )
        text = t("dues.record.choose", lang, month=label(month, lang))
        await show(update, context, text, inline(rows))

    async def record_done(self, update: Update, context: Context, _b: RecordDone) -> None:
        picked = self.state.members.pop(user_id(update), None)
        if picked is None:
            # A second tap, or a list from before a restart: "0 recorded" would overwrite the
            # result on screen and read as if nothing had been recorded.
            async with unit(update, context) as u:
                lang = u.actor.lang
            await answer(update, t("error.stale_button", lang), alert=True)
            return
        chosen = sorted(picked)
        async with unit(update, context) as u:
            result = await record(u.session, u.actor, chosen, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        await show(update, context, recorded_text(result, lang))

    async def report(self, update: Update, context: Context, _b: CollectionReport) -> None:
        await self._report(update, context, None)

    async def report_period(
        self, update: Update, context: Context, b: ReportMonth | ReportYear
    ) -> None:
        await self._report(update, context, _period(b))

    async def _report(self, update: Update, context: Context, period: str | None) -> None:
        async with unit(update, context) as u:
            found = await collection(u.session, u.actor, period, u.data.clock.now())
            lang = u.actor.lang
            secretary = u.actor.is_secretary
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        year = int(found.period[:4])
        whole_year = len(found.period) == 4
        rows = []
        if not found.published and secretary:
            publish_button = (
                PublishYear(year)
                if whole_year
                else PublishMonth(date(year, int(found.period[5:]), 1))
            )
            rows.append([(t("dues.btn.publish", lang), publish_button.data)])
        if not whole_year:
            rows.append([(t("dues.btn.year", lang, year=year), ReportYear(year).data)])
        text = views.collection_text(found, lang)
        if not found.published:
            preview = "dues.report.preview" if secretary else "dues.report.preview_others"
            text += "\n\n" + t(preview, lang)
        await show(update, context, text, inline(rows))

    async def publish(
        self, update: Update, context: Context, b: PublishMonth | PublishYear
    ) -> None:
        period = _period(b)
        async with unit(update, context) as u:
            result = await publish(u.session, u.actor, period, u.data.clock.now())
            if not isinstance(result, Refused):
                content: dict[str, outbox.Content] = {
                    lang: outbox.Content(text=views.collection_text(result.collection, lang))
                    for lang in LANGS
                }
                await outbox.enqueue_notice(
                    u.session,
                    branch_id=result.collection.branch_id,
                    kind="dues_report",
                    key=f"dues:report:{result.collection.branch_id}:{period}:{result.version}",
                    content=content,
                    member_ids=list(result.member_ids),
                    now=u.data.clock.now(),
                )
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        outbox.wake(context.bot_data)
        await answer(update, t("dues.report.published", lang))
        text = views.collection_text(result.collection, lang)
        await show(update, context, text + "\n\n" + t("dues.report.published", lang))

    async def ledger(self, update: Update, context: Context, _b: Ledger) -> None:
        async with unit(update, context) as u:
            found = await ledger(u.session, u.actor, None, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        # Built after the transaction and off the event loop: openpyxl is slow.
        content, filename = await asyncio.to_thread(build_ledger, found, lang)
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_document(
            chat.id,
            content,
            filename=filename,
            caption=t("dues.ledger.caption", lang, year=found.year),
        )


def _period(b: ReportMonth | ReportYear | PublishMonth | PublishYear) -> str:
    """The period as the reports service names it: "2026-03" or "2026"."""
    if isinstance(b, ReportYear | PublishYear):
        return str(b.year)
    return f"{b.month:%Y-%m}"


def recorded_text(result: Recorded, lang: str) -> str:
    parts = [t("dues.record.done", lang, count=len(result.recorded), total=yuan(result.total))]
    if result.extra:
        parts.append(t("dues.record.extra", lang, extra=yuan(result.extra)))
    if result.skipped:
        items = t("dues.list.item_sep", lang).join(
            t("dues.list.with", lang, name=html.escape(name), what=t(f"dues.rule.{why}", lang))
            for name, why in result.skipped
        )
        parts.append(t("dues.record.skipped", lang, items=items))
    return "\n".join(parts)


async def approve_section(update: Update, context: Context) -> bool:
    """The dues part of an officer's approval inbox (for /approve): each waiting claim and
    reported basis with 确认 / 有疑问. Says whether there was anything."""
    async with unit(update, context) as u:
        payments = await pending_payments(u.session, u.actor)
        bases = await pending_bases(u.session, u.actor)
        lang = u.actor.lang
    if isinstance(payments, Refused) or isinstance(bases, Refused):
        return False
    if not payments and not bases:
        return False
    await send(update, context, t("dues.pending.title", lang, count=len(payments) + len(bases)))
    for p in payments:
        await send(
            update, context, views.payment_text(p, lang), views.payment_buttons(p.payment_id, lang)
        )
    for b in bases:
        text = t(
            "dues.ask.basis",
            lang,
            name=html.escape(b.member_name),
            calc=views.calc_text(b.calc, lang, b.reason),
        )
        buttons = inline(
            [
                [
                    (t("dues.btn.confirm", lang), ConfirmBasis(b.item_id).data),
                    (t("dues.btn.question", lang), QuestionBasis(b.item_id).data),
                ]
            ]
        )
        await send(update, context, text, buttons)
    return True
