"""What officers do on the cards: rate a member, make a partner link, correct a score, export.

Every press is checked again by the services (the presser's role and branch, the member's
group); the flow's draft holds only what the buttons chose.
"""

from __future__ import annotations

import html

from telegram import InputFile, Update

from bot.context import Context
from bot.domain.cards.feedback import MAX_RATING, MIN_RATING, stars
from bot.domain.cards.periods import Period
from bot.domain.cards.scoring import CORRECTION_STEPS, ITEMS, points
from bot.domain.links import deep_link, qr_png
from bot.kernel.conversations import FlowState
from bot.services.cards import feedback, tally
from bot.services.cards.common import Refusal, Refused, is_secretary, me_in
from bot.services.cards.export import export
from bot.texts import t
from handlers.base import unit
from handlers.cards.buttons import (
    CorrectDelta,
    CorrectItem,
    CorrectScore,
    NoComment,
    PartnerLink,
    RateMember,
    RateStars,
    TallyXlsx,
    YearXlsx,
)
from handlers.cards.common import Rows, answer, done, expect, refuse, send, show, state_of
from handlers.keyboards import inline


def _int(data: object) -> int:
    return data if isinstance(data, int) and not isinstance(data, bool) else 0


class Officer:
    # --- a secretary's or group leader's rating -------------------------------------------
    async def rate(self, update: Update, context: Context, b: RateMember) -> None:
        """The rating buttons."""
        member_id = b.member
        async with unit(update, context) as u:
            found = await feedback.may_rate(u.session, u.actor, member_id)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = [
            [(stars(r), RateStars(member_id, r).data)]
            for r in range(MAX_RATING, MIN_RATING - 1, -1)
        ]
        await show(
            update, context, t("cards.rate.ask", lang, name=html.escape(found)), inline(rows)
        )

    async def rated(self, update: Update, context: Context, b: RateStars) -> None:
        """Ask for the comment (or save without one)."""
        member_id, rating = b.member, b.rating
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await feedback.may_rate(u.session, u.actor, member_id)
            if not isinstance(found, Refused):
                await expect(u, update, "comment", {"m": member_id, "r": rating})
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = [[(t("cards.btn.no_comment", lang), NoComment().data)]]
        text = t("cards.rate.comment", lang, name=html.escape(found), stars=stars(rating))
        await show(update, context, text, inline(rows))

    async def no_comment(self, update: Update, context: Context, _b: NoComment) -> None:
        """Save the rating chosen, without a comment."""
        async with unit(update, context) as u:
            state = await state_of(u, update)
        if state is None or state.step not in ("comment", "partner_comment"):
            async with unit(update, context) as u:
                lang = u.actor.lang
            await refuse(update, context, Refused(Refusal.NOT_FOUND), lang)
            return
        if state.step == "partner_comment":
            from handlers.cards.partner import save_partner

            await save_partner(update, context, state, "")
            return
        await self._save(update, context, state, "")

    async def on_comment(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        await self._save(update, context, state, message.text or "")

    async def _save(self, update: Update, context: Context, state: FlowState, text: str) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await feedback.add_entry(
                u.session,
                u.actor,
                _int(state.data.get("m")),
                _int(state.data.get("r")),
                text,
                u.data.clock.now(),
            )
            if not isinstance(result, Refused) or result.reason is not Refusal.TOO_LONG:
                await done(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        await send(update, context, t("cards.rate.saved", lang, name=html.escape(result)))

    async def cancel(self, update: Update, context: Context) -> None:
        """/cancel inside any step of the cards flow: nothing is saved."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            await done(u, update)
        await send(update, context, t("cards.cancelled", lang))

    # --- a partner unit's link ----------------------------------------------------------------
    async def link(self, update: Update, context: Context, b: PartnerLink) -> None:
        """Ask the partner unit's name, then make the link."""
        member_id = b.member
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = me_in(u.actor)
            found: str | Refused = me if isinstance(me, Refused) else Refused(Refusal.NOT_ALLOWED)
            if not isinstance(me, Refused) and is_secretary(me):
                found = await feedback.may_rate(u.session, u.actor, member_id)
            if not isinstance(found, Refused):
                await expect(u, update, "partner_name", {"m": member_id})
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        await send(update, context, t("cards.link.ask_name", lang, name=html.escape(found)))

    async def on_partner_name(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        partner = " ".join((message.text or "").split())
        async with unit(update, context) as u:
            lang = u.actor.lang
            if not partner or len(partner) > 100:
                made: feedback.NewLink | Refused = Refused(Refusal.TOO_LONG)
            else:
                made = await feedback.create_link(
                    u.session, u.actor, _int(state.data.get("m")), partner, u.data.clock.now()
                )
                await done(u, update)
        if isinstance(made, Refused):
            await refuse(update, context, made, lang)
            return
        url = deep_link(context.bot.username, made.token)
        chat = update.effective_chat
        assert chat is not None
        caption = t(
            "cards.link.made",
            lang,
            name=html.escape(made.member_name),
            partner=html.escape(partner),
            url=url,
            day=made.expires_at.date().isoformat(),
        )
        await context.bot.send_photo(chat.id, qr_png(url), caption=caption)

    # --- corrections --------------------------------------------------------------------------
    async def correct(self, update: Update, context: Context, b: CorrectScore) -> None:
        """Which item."""
        member_id, year = b.member, b.year
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await feedback.may_correct(u.session, u.actor, member_id)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = [
            [(t(f"cards.item.{item.value}", lang), CorrectItem(member_id, year, item).data)]
            for item in ITEMS
        ]
        await show(update, context, t("cards.correct.item", lang), inline(rows))

    async def correct_item(self, update: Update, context: Context, b: CorrectItem) -> None:
        """By how much."""
        async with unit(update, context) as u:
            lang = u.actor.lang
        await answer(update)
        steps = [
            (("+" if d > 0 else "") + points(d), CorrectDelta(b.member, b.year, b.item, i).data)
            for i, d in enumerate(CORRECTION_STEPS)
        ]
        rows: Rows = [steps[:5], steps[5:]]
        item = t(f"cards.item.{b.item.value}", lang)
        await show(update, context, t("cards.correct.delta", lang, item=item), inline(rows))

    async def correct_delta(self, update: Update, context: Context, b: CorrectDelta) -> None:
        """Ask the reason."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = me_in(u.actor)
            allowed = not isinstance(me, Refused) and is_secretary(me)
            if allowed:
                index, delta = ITEMS.index(b.item), CORRECTION_STEPS[b.step]
                data = {"m": b.member, "y": b.year, "i": index, "d": delta}
                await expect(u, update, "reason", data)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        await send(update, context, t("cards.correct.reason", lang))

    async def on_reason(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        index = _int(state.data.get("i"))
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await feedback.correct(
                u.session,
                u.actor,
                _int(state.data.get("m")),
                _int(state.data.get("y")),
                ITEMS[index].value if index < len(ITEMS) else "",
                _int(state.data.get("d")),
                message.text or "",
                u.data.clock.now(),
            )
            keep = isinstance(result, Refused) and result.reason in (
                Refusal.TOO_LONG,
                Refusal.NEED_REASON,
            )
            if not keep:
                await done(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await send(update, context, t("cards.correct.saved", lang, name=html.escape(result)))

    # --- exports ------------------------------------------------------------------------------
    async def tally_xlsx(self, update: Update, context: Context, b: TallyXlsx) -> None:
        """The tally notice's button: the spreadsheet of the period tallied."""
        await self._xlsx(update, context, b)

    async def year_xlsx(self, update: Update, context: Context, b: YearXlsx) -> None:
        """This year so far."""
        await self._xlsx(update, context, b)

    async def _xlsx(self, update: Update, context: Context, b: TallyXlsx | YearXlsx) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = me_in(u.actor)
            period: Period | None = None
            file: tuple[str, bytes] | None = None
            if not isinstance(me, Refused) and is_secretary(me):
                if isinstance(b, TallyXlsx):
                    period = await tally.period_of_run(u.session, b.run, me.branch_id)
                else:
                    period = Period(b.year)
                if period is not None:
                    file = await export(u.session, me.branch_id, period, lang, u.data.clock.now())
        if file is None:
            allowed = not isinstance(me, Refused) and is_secretary(me)
            refusal = Refusal.NO_TALLY if allowed else Refusal.NOT_ALLOWED
            await refuse(update, context, Refused(refusal), lang)
            return
        await answer(update, t("cards.drawing", lang))
        chat = update.effective_chat
        assert chat is not None
        caption = t("cards.caption.xlsx", lang, name=html.escape(file[0]))
        await context.bot.send_document(
            chat.id, InputFile(file[1], filename=file[0]), caption=caption
        )
