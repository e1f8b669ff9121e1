"""Texts and keyboards of /dues, built from the services' plain results."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup

from bot.domain.dues.money import yuan
from bot.domain.dues.months import Month, first_day, label
from bot.services.dues.common import Refused
from bot.services.dues.ledger import MemberDues, MonthView
from bot.services.dues.payments import PaymentView
from bot.services.dues.reports import Collection
from bot.services.dues.telling import calc_line
from bot.texts import t
from handlers.dues.buttons import (
    BasisMenu,
    CancelPicking,
    CollectionReport,
    ConfirmPayment,
    Ledger,
    Pay,
    PendingDues,
    PickMonth,
    QuestionPayment,
    RecordGroups,
    SubmitMonths,
)
from handlers.keyboards import inline


def refusal_text(refused: Refused, lang: str) -> str:
    if refused.detail:
        return t(f"dues.rule.{refused.detail}", lang)
    return t(refused.key("dues"), lang)


def months_text(months: tuple[Month, ...] | list[Month], lang: str) -> str:
    return t("dues.list.sep", lang).join(label(m, lang) for m in sorted(months))


calc_text = calc_line


def _line(v: MonthView, lang: str) -> str:
    month = label(v.month, lang)
    if v.due is None:
        return t("dues.history.unpriced", lang, month=month)
    if v.settled:
        day = v.paid_on.isoformat() if v.paid_on else ""
        return t("dues.history.paid", lang, month=month, paid=yuan(v.paid), day=day)
    if v.claimed:
        return t("dues.history.claimed", lang, month=month, due=yuan(v.due))
    return t("dues.history.open", lang, month=month, due=yuan(v.due))


def member_text(d: MemberDues, lang: str) -> str:
    parts = [t("dues.title", lang, month=label(d.month, lang))]
    parts.append(calc_text(d.calc, lang, d.basis_reason) if d.calc else t("dues.calc.none", lang))
    cur = d.current
    if cur is not None and cur.due is not None:
        if cur.settled:
            parts.append(t("dues.current.paid", lang, paid=yuan(cur.paid)))
        elif cur.claimed:
            parts.append(t("dues.current.claimed", lang))
        else:
            parts.append(t("dues.current.due", lang, due=yuan(cur.due - cur.paid)))
    if d.arrears:
        parts.append(t("dues.arrears", lang, count=d.arrears, owed=yuan(d.owed_total)))
    if d.history:
        parts.append(t("dues.history", lang))
        parts += [_line(v, lang) for v in d.history[:6]]
    if d.branch is not None:
        g = d.branch
        parts.append("")
        parts.append(t("dues.glance", lang, confirm=g.to_confirm, no_basis=g.no_basis))
        if g.near_line:
            names = t("dues.list.sep", lang).join(html.escape(n) for n in g.near_line)
            parts.append(t("dues.glance.near", lang, names=names))
        if g.at_line:
            names = t("dues.list.sep", lang).join(html.escape(n) for n in g.at_line)
            parts.append(t("dues.glance.at", lang, names=names))
    return "\n".join(parts)


def member_keyboard(d: MemberDues, lang: str) -> InlineKeyboardMarkup:
    rows = [
        [(t("dues.btn.pay", lang), Pay().data)],
        [(t("dues.btn.basis", lang), BasisMenu().data)],
    ]
    if d.officer:
        rows += [
            [
                (t("dues.btn.pending", lang), PendingDues().data),
                (t("dues.btn.record", lang), RecordGroups().data),
            ],
            [
                (t("dues.btn.report", lang), CollectionReport().data),
                (t("dues.btn.ledger", lang), Ledger().data),
            ],
        ]
    return inline(rows)


def month_picker(payable: tuple[Month, ...], chosen: set[Month], lang: str) -> InlineKeyboardMarkup:
    rows = [
        [(("☑️ " if m in chosen else "⬜ ") + label(m, lang), PickMonth(first_day(m)).data)]
        for m in payable
    ]
    rows.append(
        [
            (t("dues.btn.submit", lang), SubmitMonths().data),
            (t("dues.btn.cancel", lang), CancelPicking().data),
        ]
    )
    return inline(rows)


def payment_text(p: PaymentView, lang: str) -> str:
    text = t(
        "dues.ask.payment",
        lang,
        name=html.escape(p.member_name),
        months=months_text(p.months, lang),
        amount=yuan(p.amount),
        day=p.paid_on.isoformat(),
    )
    if p.photo_file_id:
        text += t("dues.ask.photo", lang)
    return text


def payment_buttons(payment_id: int, lang: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [
                (t("dues.btn.confirm", lang), ConfirmPayment(payment_id).data),
                (t("dues.btn.question", lang), QuestionPayment(payment_id).data),
            ]
        ]
    )


def collection_text(c: Collection, lang: str) -> str:
    s = c.summary
    parts = [
        t("dues.report.title", lang, branch=html.escape(c.branch_name), period=c.period),
        t("dues.report.body", lang, paid=s.paid, unpaid=s.unpaid, collected=yuan(s.collected)),
    ]
    for g in s.groups:
        name = html.escape(g.group) if g.group else t("dues.report.no_group", lang)
        parts.append(t("dues.report.group", lang, group=name, percent=g.percent))
    if c.remitted:
        parts.append(t("dues.report.remitted", lang, remitted=yuan(c.remitted)))
    return "\n".join(parts)
