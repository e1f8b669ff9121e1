"""/card: the four cards one screen each, earlier terms, printing, the rules, other members."""

from __future__ import annotations

import asyncio
import html
from datetime import datetime

from telegram import InputFile, Update

from bot.context import Context
from bot.domain.cards.periods import year_ok
from bot.domain.cards.scoring import points
from bot.services.cards import pages, settings, view
from bot.services.cards.common import Refusal, Refused, rules_of
from bot.services.cards.render import page_png, pages_pdf
from bot.services.cards.view import Cards
from bot.services.cards.words import rules_text
from bot.texts import t
from handlers.base import unit
from handlers.cards.common import Rows, answer, num, refuse, send, show
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
    m = 0 if c.own else c.member_id
    y = c.year
    nav: list[tuple[str, str]] = []
    if number > 1:
        nav.append((t("cards.btn.prev", lang), f"cd:v:{m}:{number - 1}:{y}"))
    if number < 4:
        nav.append((t(f"cards.btn.next.{number + 1}", lang), f"cd:v:{m}:{number + 1}:{y}"))
    rows: Rows = [nav]
    if number == 2:
        earlier = [
            (t("cards.btn.year", lang, year=year), f"cd:v:{m}:2:{year}")
            for year in range(c.this_year, c.this_year - YEARS_BACK - 1, -1)
            if year != y
        ]
        rows.append(earlier)
    if number == 3:
        rows.append([(t("cards.btn.rules", lang), "cd:rules")])
        if c.may_correct:
            rows.append([(t("cards.btn.correct", lang), f"cd:co:{c.member_id}:{y}")])
    if number == 4 and (c.may_rate or c.may_link):
        row = []
        if c.may_rate:
            row.append((t("cards.btn.rate", lang), f"cd:fb:{c.member_id}"))
        if c.may_link:
            row.append((t("cards.btn.link", lang), f"cd:fl:{c.member_id}"))
        rows.append(row)
    rows.append(
        [
            (t("cards.btn.png", lang), f"cd:png:{m}:{number}:{y}"),
            (t("cards.btn.pdf", lang), f"cd:pdf:{m}:{y}"),
        ]
    )
    if c.has_letter:
        rows.append([(t("cards.btn.letter", lang), f"cd:lt:{c.member_id}:{y}")])
    return "\n".join(lines), rows


async def _cards(
    update: Update, context: Context, member_id: int, year: int | None
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
            [(t("members.card.switch", lang, branch=m.branch_name), f"mem:sw:{m.branch_id}")]
            for m in actor.memberships
            if m.active and m.branch_id != me.branch_id
        ]
        # Where members look for their own things: /mydata without typing a command.
        rows.append([(t("privacy.btn.mydata", lang), "pv:md:o")])
        if is_officer:
            rows.append([(t("cards.btn.others", lang), "cd:ml:0")])
        if actor.is_secretary:
            rows.append([(t("cards.btn.year_xlsx", lang), f"cd:xl:{found.this_year}")])
        await send(update, context, text, inline(rows))

    async def mine(self, update: Update, context: Context) -> None:
        """cd:my (from a tally notice): one's own card 1 of this year, as a new message."""
        found, lang, _now = await _cards(update, context, 0, None)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        text, rows = card_screen(found, 1, lang)
        await send(update, context, text, inline(rows))

    async def card(self, update: Update, context: Context) -> None:
        """cd:v:{member}:{card}:{year}; member 0 is oneself."""
        member_id, number, year = num(update, 0), num(update, 1), num(update, 2)
        if number not in pages.CARD_NUMBERS or (year and not year_ok(year)):
            # A year of 0 means this one; anything else out of range is forged.
            year = -1
        found, lang, _now = await _cards(update, context, member_id, year or None)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        text, rows = card_screen(found, number, lang)
        await show(update, context, text, inline(rows))

    async def image(self, update: Update, context: Context) -> None:
        """cd:png:{member}:{card}:{year}: one card as a picture to print or forward."""
        member_id, number, year = num(update, 0), num(update, 1), num(update, 2)
        if number not in pages.CARD_NUMBERS or not year_ok(year):
            number, year = 0, 0
        found, lang, _now = await _cards(update, context, member_id, year or 1)
        if isinstance(found, Refused) or not number:
            refused = found if isinstance(found, Refused) else Refused(Refusal.BAD_YEAR)
            await refuse(update, context, refused, lang)
            return
        await answer(update, t("cards.drawing", lang))
        png = await asyncio.to_thread(page_png, pages.page(found, number, lang, found.today))
        chat = update.effective_chat
        assert chat is not None
        name = t("cards.file.png", lang, name=found.basic.name, n=number, year=found.year)
        caption = t("cards.caption.png", lang, name=html.escape(found.basic.name), n=number)
        await context.bot.send_document(chat.id, InputFile(png, filename=name), caption=caption)

    async def pdf(self, update: Update, context: Context) -> None:
        """cd:pdf:{member}:{year}: all four cards in one PDF."""
        member_id, year = num(update, 0), num(update, 1)
        found, lang, _now = await _cards(update, context, member_id, year if year_ok(year) else 1)
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

    async def letter(self, update: Update, context: Context) -> None:
        """cd:lt:{member}:{year}: the 在职 member's community performance letter (PDF and PNG)."""
        member_id, year = num(update, 0), num(update, 1)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found: Cards | Refused = Refused(Refusal.BAD_YEAR)
            if year_ok(year):
                found = await view.letter_cards(
                    u.session, u.actor, member_id, year, u.data.clock.now()
                )
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

    async def rules(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = u.actor.member
            found = await rules_of(u.session, me.branch_id) if me is not None else None
            secretary = u.actor.is_secretary
        if found is None:
            await refuse(update, context, Refused(Refusal.NOT_MEMBER), lang)
            return
        await answer(update)
        rows: Rows = [[(t("cards.btn.adjust", lang), "cd:ra")]] if secretary else []
        await send(update, context, rules_text(found, lang), inline(rows) if rows else None)

    async def adjust(self, update: Update, context: Context) -> None:
        """cd:ra (the editor), cd:rd:{rule}:{0|1} (a step down or up), cd:rr (the defaults)."""
        query = update.callback_query
        assert query is not None and query.data is not None
        action = query.data.split(":")[1]
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            if action == "ra":
                found = await settings.current(u.session, u.actor)
            else:
                up = None if action == "rr" else num(update, 1) == 1
                found = await settings.adjust(u.session, u.actor, num(update, 0), up, now)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = []
        for i, (name, _step, _low, _high) in enumerate(settings.ADJUSTABLE):
            value = getattr(found, name)
            shown = f"{value}%" if name.endswith("_pct") else points(value)
            label = t(f"cards.rule.{name}", lang, v=shown)
            rows.append([(label, "cd:ra"), ("➖", f"cd:rd:{i}:0"), ("➕", f"cd:rd:{i}:1")])
        rows.append([(t("cards.btn.defaults", lang), "cd:rr")])
        await show(update, context, rules_text(found, lang), inline(rows))

    async def members(self, update: Update, context: Context) -> None:
        """cd:ml:{page}: the members whose cards an officer may open."""
        page = num(update)
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
            [(m.name + (f"（{m.group_name}）" if m.group_name else ""), f"cd:v:{m.member_id}:1:0")]
            for m in shown
        ]
        nav = []
        if page > 0:
            nav.append((t("cards.btn.prev_page", lang), f"cd:ml:{page - 1}"))
        if page + 1 < pages_count:
            nav.append((t("cards.btn.next_page", lang), f"cd:ml:{page + 1}"))
        if nav:
            rows.append(nav)
        text = t("cards.members.title", lang, n=len(found), page=page + 1, pages=pages_count)
        await show(update, context, text, inline(rows))
