"""/card: the four cards one screen each, earlier terms, printing, the rules, other members."""

from __future__ import annotations

import asyncio
import html
from datetime import datetime

from telegram import InputFile, Update

from bot.context import Context
from bot.domain.cards.scoring import Rules, points
from bot.services.cards import pages, settings, view
from bot.services.cards.common import Refusal, Refused, rules_of
from bot.services.cards.render import page_png, pages_pdf
from bot.services.cards.view import Cards
from bot.services.cards.words import rules_text
from bot.texts import t
from handlers.base import unit
from handlers.cards.buttons import (
    CardsPdf,
    CorrectScore,
    EditRules,
    MembersPage,
    OpenMyCards,
    PartnerLink,
    PrintCard,
    RateMember,
    ResetRules,
    ShowCard,
    ShowLetter,
    ShowRules,
    StepRule,
    YearXlsx,
)
from handlers.cards.common import Rows, answer, refuse, send, show
from handlers.core_buttons import OpenMyData, SwitchBranch
from handlers.keyboards import inline

YEARS_BACK = 3
PAGE_SIZE = 10


def card_screen(c: Cards, number: int, lang: str) -> tuple[str, Rows]:
    """The text and buttons of card `number` (1-4) of the member's cards for c.year."""
    found = pages.card(c, number, lang)
    head = t("cards.screen.head", lang, n=number, title=found.title, year=c.year)
    if not c.own:
        head += t("cards.screen.of", lang, name=html.escape(c.basic.name))
    lines = [head, ""]
    lines += [
        t("cards.screen.row", lang, label=html.escape(k), value=html.escape(v))
        for k, v in found.rows
    ]
    lines += [html.escape(n) for n in found.notes]
    m = None if c.own else c.member_id
    y = c.year
    nav: list[tuple[str, str]] = []
    if number > 1:
        nav.append((t("cards.btn.prev", lang), ShowCard(m, number - 1, y).data))
    if number < 4:
        nav.append((t(f"cards.btn.next.{number + 1}", lang), ShowCard(m, number + 1, y).data))
    rows: Rows = [nav]
    if number == 2:
        earlier = [
            (t("cards.btn.year", lang, year=year), ShowCard(m, 2, year).data)
            for year in range(c.this_year, c.this_year - YEARS_BACK - 1, -1)
            if year != y
        ]
        rows.append(earlier)
    if number == 3:
        rows.append([(t("cards.btn.rules", lang), ShowRules().data)])
        if c.may_correct:
            rows.append([(t("cards.btn.correct", lang), CorrectScore(c.member_id, y).data)])
    if number == 4 and (c.may_rate or c.may_link):
        row = []
        if c.may_rate:
            row.append((t("cards.btn.rate", lang), RateMember(c.member_id).data))
        if c.may_link:
            row.append((t("cards.btn.link", lang), PartnerLink(c.member_id).data))
        rows.append(row)
    rows.append(
        [
            (t("cards.btn.png", lang), PrintCard(m, number, y).data),
            (t("cards.btn.pdf", lang), CardsPdf(m, y).data),
        ]
    )
    if c.has_letter:
        rows.append([(t("cards.btn.letter", lang), ShowLetter(c.member_id, y).data)])
    return "\n".join(lines), rows


async def _cards(
    update: Update, context: Context, member_id: int | None, year: int | None
) -> tuple[Cards | Refused, str, datetime]:
    async with unit(update, context) as u:
        now = u.data.clock.now()
        found = await view.four_cards(u.session, u.actor, member_id, year, now)
        lang = u.actor.lang
    return found, lang, now


class CardsView:
    async def command(self, update: Update, context: Context) -> None:
        """/card and the main-menu button: card 1 of one's own cards, this year."""
        async with unit(update, context) as u:
            actor = u.actor
            found = await view.four_cards(u.session, actor, None, None, u.data.clock.now())
            is_officer = actor.member is not None and actor.member.role != "member"
        lang = actor.lang
        if isinstance(found, Refused):
            pending = actor.current is not None and actor.current.status == "pending"
            key = "members.card.pending" if pending else "members.card.none"
            branch = html.escape(actor.current.branch_name) if actor.current else ""
            await send(update, context, t(key, lang, branch=branch))
            return
        text, rows = card_screen(found, 1, lang)
        me = actor.member
        assert me is not None
        rows += [
            [(t("members.card.switch", lang, branch=m.branch_name), SwitchBranch(m.branch_id).data)]
            for m in actor.memberships
            if m.active and m.branch_id != me.branch_id
        ]
        # Where members look for their own things: /mydata without typing a command.
        rows.append([(t("privacy.btn.mydata", lang), OpenMyData().data)])
        if is_officer:
            rows.append([(t("cards.btn.others", lang), MembersPage(0).data)])
        if actor.is_secretary:
            rows.append([(t("cards.btn.year_xlsx", lang), YearXlsx(found.this_year).data)])
        await send(update, context, text, inline(rows))

    async def mine(self, update: Update, context: Context, _b: OpenMyCards) -> None:
        """From a tally notice: one's own card 1 of this year, as a new message."""
        found, lang, _now = await _cards(update, context, None, None)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        text, rows = card_screen(found, 1, lang)
        await send(update, context, text, inline(rows))

    async def card(self, update: Update, context: Context, b: ShowCard) -> None:
        found, lang, _now = await _cards(update, context, b.member, b.year)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        text, rows = card_screen(found, b.card, lang)
        await show(update, context, text, inline(rows))

    async def image(self, update: Update, context: Context, b: PrintCard) -> None:
        number = b.card
        found, lang, _now = await _cards(update, context, b.member, b.year)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update, t("cards.drawing", lang))
        png = await asyncio.to_thread(page_png, pages.page(found, number, lang, found.today))
        chat = update.effective_chat
        assert chat is not None
        name = t("cards.file.png", lang, name=found.basic.name, n=number, year=found.year)
        caption = t("cards.caption.png", lang, name=html.escape(found.basic.name), n=number)
        await context.bot.send_document(chat.id, InputFile(png, filename=name), caption=caption)

    async def pdf(self, update: Update, context: Context, b: CardsPdf) -> None:
        found, lang, _now = await _cards(update, context, b.member, b.year)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update, t("cards.drawing", lang))
        doc = await asyncio.to_thread(
            pages_pdf, [pages.page(found, n, lang, found.today) for n in pages.CARD_NUMBERS]
        )
        chat = update.effective_chat
        assert chat is not None
        name = t("cards.file.pdf", lang, name=found.basic.name, year=found.year)
        caption = t("cards.caption.pdf", lang, name=html.escape(found.basic.name), year=found.year)
        await context.bot.send_document(chat.id, InputFile(doc, filename=name), caption=caption)

    async def letter(self, update: Update, context: Context, b: ShowLetter) -> None:
        year = b.year
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await view.letter_cards(u.session, u.actor, b.member, year, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update, t("cards.drawing", lang))
        page = pages.letter(found, lang, found.today)
        doc = await asyncio.to_thread(pages_pdf, [page])
        png = await asyncio.to_thread(page_png, page)
        chat = update.effective_chat
        assert chat is not None
        name = t("cards.file.letter", lang, name=found.basic.name, year=found.year)
        caption = t("cards.caption.letter", lang, name=html.escape(found.basic.name), year=year)
        await context.bot.send_document(
            chat.id, InputFile(doc, filename=name + ".pdf"), caption=caption
        )
        await context.bot.send_document(
            chat.id, InputFile(png, filename=name + ".png"), caption=caption
        )

    async def rules(self, update: Update, context: Context, _b: ShowRules) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = u.actor.member
            found = await rules_of(u.session, me.branch_id) if me is not None else None
            secretary = u.actor.is_secretary
        if found is None:
            await refuse(update, context, Refused(Refusal.NOT_MEMBER), lang)
            return
        await answer(update)
        rows: Rows = [[(t("cards.btn.adjust", lang), EditRules().data)]] if secretary else []
        await send(update, context, rules_text(found, lang), inline(rows) if rows else None)

    async def edit_rules(self, update: Update, context: Context, _b: EditRules) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await settings.current(u.session, u.actor)
        await self._editor(update, context, found, lang)

    async def step_rule(self, update: Update, context: Context, b: StepRule) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            found = await settings.adjust(u.session, u.actor, b.rule, b.up, now)
        await self._editor(update, context, found, lang)

    async def reset_rules(self, update: Update, context: Context, _b: ResetRules) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await settings.adjust(u.session, u.actor, 0, None, u.data.clock.now())
        await self._editor(update, context, found, lang)

    async def _editor(
        self, update: Update, context: Context, found: Rules | Refused, lang: str
    ) -> None:
        """The rules with a step down and up for each adjustable one, and the defaults."""
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = []
        for i, (name, _step, _low, _high) in enumerate(settings.ADJUSTABLE):
            value = getattr(found, name)
            shown = f"{value}%" if name.endswith("_pct") else points(value)
            label = t(f"cards.rule.{name}", lang, v=shown)
            down, up = StepRule(i, False).data, StepRule(i, True).data
            rows.append([(label, EditRules().data), ("➖", down), ("➕", up)])
        rows.append([(t("cards.btn.defaults", lang), ResetRules().data)])
        await show(update, context, rules_text(found, lang), inline(rows))

    async def members(self, update: Update, context: Context, b: MembersPage) -> None:
        """The members whose cards an officer may open, a page of them."""
        page = b.page
        async with unit(update, context) as u:
            found = await view.members_to_open(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        pages_count = max(1, (len(found) + PAGE_SIZE - 1) // PAGE_SIZE)
        page = min(page, pages_count - 1)
        shown = found[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        rows: Rows = [
            [
                (
                    m.name + (f"（{m.group_name}）" if m.group_name else ""),
                    ShowCard(m.member_id, 1, None).data,
                )
            ]
            for m in shown
        ]
        nav = []
        if page > 0:
            nav.append((t("cards.btn.prev_page", lang), MembersPage(page - 1).data))
        if page + 1 < pages_count:
            nav.append((t("cards.btn.next_page", lang), MembersPage(page + 1).data))
        if nav:
            rows.append(nav)
        text = t("cards.members.title", lang, n=len(found), page=page + 1, pages=pages_count)
        await show(update, context, text, inline(rows))
