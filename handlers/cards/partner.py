"""A partner unit's feedback through the secretary's link (/start f_...): one rating and comment.

The partner is any Telegram account, not a member. The link's id stays in the flow's draft,
never in a button, so a forged button cannot rate through someone else's link.
"""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.domain.cards.feedback import MAX_RATING, MIN_RATING, stars
from bot.domain.links import LinkKind, parse_payload
from bot.kernel.conversations import FlowState
from bot.services.cards import feedback
from bot.services.cards.common import Refusal, Refused
from bot.texts import t
from handlers.base import unit
from handlers.cards.buttons import NoComment, PartnerStars
from handlers.cards.common import Rows, answer, done, expect, refuse, send, show, state_of
from handlers.keyboards import inline


def _int(data: object) -> int:
    return data if isinstance(data, int) and not isinstance(data, bool) else 0


class Partner:
    async def start(self, update: Update, context: Context) -> None:
        """/start f_<token>: who is to be rated, and the stars to press."""
        payload = (context.args or [""])[0]
        parsed = parse_payload(payload)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found: feedback.OpenLink | Refused = Refused(Refusal.LINK_UNKNOWN)
            if parsed is not None and parsed.kind is LinkKind.FEEDBACK:
                found = await feedback.open_link(u.session, parsed.token, u.data.clock.now())
            if not isinstance(found, Refused):
                await expect(u, update, "partner_rating", {"link": found.link_id})
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        rows: Rows = [
            [(stars(r), PartnerStars(r).data)] for r in range(MAX_RATING, MIN_RATING - 1, -1)
        ]
        text = t(
            "cards.partner.ask",
            lang,
            partner=html.escape(found.partner or t("cards.source.partner", lang)),
            name=html.escape(found.member_name),
            branch=html.escape(found.branch_name),
        )
        await send(update, context, text, inline(rows))

    async def rated(self, update: Update, context: Context, b: PartnerStars) -> None:
        """Ask for the comment."""
        rating = b.rating
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
            ok = state is not None and state.step in ("partner_rating", "partner_comment")
            refusal: Refusal | None = None
            if not ok or state is None:
                refusal = Refusal.LINK_UNKNOWN
            else:
                link = _int(state.data.get("link"))
                await expect(u, update, "partner_comment", {"link": link, "r": rating})
        if refusal is not None:
            await refuse(update, context, Refused(refusal), lang)
            return
        await answer(update)
        rows: Rows = [[(t("cards.btn.no_comment", lang), NoComment().data)]]
        await show(
            update, context, t("cards.partner.comment", lang, stars=stars(rating)), inline(rows)
        )

    async def on_input(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        if state.step == "partner_rating":
            async with unit(update, context) as u:
                lang = u.actor.lang
            await send(update, context, t("cards.partner.press", lang))
            return
        await save_partner(update, context, state, message.text or "")


async def save_partner(update: Update, context: Context, state: FlowState, text: str) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        result = await feedback.submit_partner(
            u.session,
            _int(state.data.get("link")),
            _int(state.data.get("r")),
            text,
            u.data.clock.now(),
        )
        if not (isinstance(result, Refused) and result.reason is Refusal.TOO_LONG):
            await done(u, update)
    if isinstance(result, Refused):
        await refuse(update, context, result, lang)
        return
    await answer(update)
    await send(update, context, t("cards.partner.thanks", lang, name=html.escape(result)))
