"""Who is told what, through the delivery engine (durable, paced), in both languages."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.dues.brackets import RATED, Calculation
from bot.domain.dues.money import yuan
from bot.domain.dues.months import Month, label
from bot.services.delivery import notices
from bot.services.dues.buttons import ConfirmBasis, ConfirmPayment, QuestionBasis, QuestionPayment
from bot.texts import LANGS, t

ASK_KIND = "dues_ask"
TOLD_KIND = "dues_told"


def months_text(months: Sequence[Month], lang: str) -> str:
    return t("dues.list.sep", lang).join(label(m, lang) for m in sorted(months))


def _buttons(lang: str, ok: str, no: str) -> notices.Buttons:
    return (((t("dues.btn.confirm", lang), ok), (t("dues.btn.question", lang), no)),)


async def ask_payment(
    session: AsyncSession,
    *,
    branch_id: int,
    payment_id: int,
    name: str,
    months: Sequence[Month],
    amount_text: str,
    day: str,
    decider_ids: Sequence[int],
    now: datetime,
) -> None:
    content: dict[str, notices.Content] = {
        lang: notices.Content(
            text=t(
                "dues.ask.payment",
                lang,
                name=html.escape(name),
                months=months_text(months, lang),
                amount=amount_text,
                day=day,
            ),
            buttons=_buttons(
                lang, ConfirmPayment(payment_id).data, QuestionPayment(payment_id).data
            ),
        )
        for lang in LANGS
    }
    await notices.enqueue_notice(
        session,
        branch_id=branch_id,
        kind=ASK_KIND,
        key=f"dues:ask:{payment_id}",
        content=content,
        member_ids=list(decider_ids),
        now=now,
    )


async def ask_basis(
    session: AsyncSession,
    *,
    branch_id: int,
    item_id: int,
    name: str,
    calc_text: dict[str, str],
    decider_ids: Sequence[int],
    now: datetime,
) -> None:
    content: dict[str, notices.Content] = {
        lang: notices.Content(
            text=t("dues.ask.basis", lang, name=html.escape(name), calc=calc_text[lang]),
            buttons=_buttons(lang, ConfirmBasis(item_id).data, QuestionBasis(item_id).data),
        )
        for lang in LANGS
    }
    await notices.enqueue_notice(
        session,
        branch_id=branch_id,
        kind=ASK_KIND,
        key=f"dues:askbasis:{item_id}",
        content=content,
        member_ids=list(decider_ids),
        now=now,
    )


async def tell(
    session: AsyncSession,
    *,
    branch_id: int,
    key: str,
    member_id: int,
    texts: dict[str, str],
    now: datetime,
) -> None:
    await notices.enqueue_notice(
        session,
        branch_id=branch_id,
        kind=TOLD_KIND,
        key=key,
        content={lang: notices.Content(text=texts[lang]) for lang in LANGS},
        member_ids=[member_id],
        now=now,
    )


def calc_line(calc: Calculation, lang: str, reason: str | None = None) -> str:
    """ "计算：6000.00 元 × 1.5% = 每月 90.00 元（在职）" — the member sees how it was done."""
    kind = t(f"dues.kind.{calc.kind.value}", lang)
    if calc.kind in RATED and calc.base is not None:
        text = t(
            "dues.calc.rated",
            lang,
            base=yuan(calc.base),
            percent=calc.percent,
            amount=yuan(calc.amount),
            kind=kind,
        )
    else:
        text = t("dues.calc.fixed", lang, amount=yuan(calc.amount), kind=kind)
    if reason:
        text += "\n" + t("dues.calc.reason", lang, reason=html.escape(reason))
    return text
