"""/residents for the secretary: finished requests page by page (with ratings) and the count
per category."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.domain.residents import rules
from bot.services.residents import history
from bot.services.residents.common import Refused
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.residents.buttons import MAX_PAGE, Counts, HistoryPage, ResidentsMenu
from handlers.residents.common import answer, refuse, show

Rows = list[list[tuple[str, str]]]


def _item(item: history.Finished, lang: str) -> str:
    cat, text = html.escape(item.category), html.escape(item.text)
    if item.state == "closed":
        reason = (
            t("residents.history.withdrawn", lang)
            if item.note == "withdrawn"
            else html.escape(item.note or "")
        )
        return t(
            "residents.history.closed",
            lang,
            id=item.id,
            cat=cat,
            at=item.finished_local,
            text=text,
            reason=reason,
        )
    comment = f"「{html.escape(item.comment)}」" if item.comment else ""
    return t(
        "residents.history.done",
        lang,
        id=item.id,
        cat=cat,
        at=item.finished_local,
        text=text,
        name=html.escape(item.taker_name or ""),
        note=html.escape(item.note or ""),
        stars=rules.stars(item.rating),
        comment=comment,
    )


class HistorySide:
    async def page(self, update: Update, context: Context, button: HistoryPage) -> None:
        number = button.page
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await history.page(u.session, u.actor, number)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        back = [(t("residents.btn.back", lang), ResidentsMenu().data)]
        if not found.items:
            await show(update, context, t("residents.history.empty", lang), inline([back]))
            return
        head = t("residents.history.title", lang, page=found.page + 1)
        text = "\n\n".join([head, *(_item(i, lang) for i in found.items)])
        nav: list[tuple[str, str]] = []
        if found.more and found.page < MAX_PAGE:
            nav.append((t("residents.btn.older", lang), HistoryPage(found.page + 1).data))
        if found.page > 0:
            nav.append((t("residents.btn.newer", lang), HistoryPage(found.page - 1).data))
        rows: Rows = [r for r in ([b] for b in nav)] + [back]
        await show(update, context, text, inline(rows))

    async def counts(self, update: Update, context: Context, _button: Counts) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await history.counts(u.session, u.actor)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        back = [[(t("residents.btn.back", lang), ResidentsMenu().data)]]
        if not found:
            await show(update, context, t("residents.counts.empty", lang), inline(back))
            return
        lines = [t("residents.counts.title", lang)]
        for c in found:
            avg = (
                t("residents.counts.avg", lang, avg=f"{c.mean_rating:.1f}")
                if c.mean_rating is not None
                else ""
            )
            cat = html.escape(c.category) if c.category else t("residents.counts.none", lang)
            lines.append(
                t(
                    "residents.counts.line",
                    lang,
                    cat=cat,
                    total=c.total,
                    done=c.done,
                    busy=c.busy,
                    closed=c.closed,
                    avg=avg,
                )
            )
        await show(update, context, "\n".join(lines), inline(back))
