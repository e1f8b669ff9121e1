"""在职党员到社区报到: /start p_<token> from the branch's link or QR, then a short typed flow
(employer unit, its Party branch, a contact, an optional phone), then straight to /posts."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.posts import reporting
from bot.services.posts.common import Refused
from bot.services.posts.reporting import NotMember
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline, main_menu
from handlers.posts.buttons import SkipPhone
from handlers.posts.common import answer, done, expect, refuse, send, stale, state_of
from handlers.posts.member import Menu

# step -> (field it takes, next step, question of the next step)
STEPS = {
    "rep_unit": ("unit", "rep_party", "posts.report.party"),
    "rep_party": ("party", "rep_contact", "posts.report.contact"),
    "rep_contact": ("contact", "rep_phone", "posts.report.phone"),
}


class ReportFlow:
    async def start(self, update: Update, context: Context) -> None:
        payload = " ".join(context.args or [])
        async with unit(update, context) as u:
            lang = u.actor.lang
            actor = u.actor
            opened = await reporting.open_link(u.session, u.actor, payload, u.data.clock.now())
            if isinstance(opened, reporting.Opened):
                await expect(u, update, "rep_unit", {"branch": opened.branch_id})
        if isinstance(opened, Refused):
            await refuse(update, context, opened, lang)
            return
        if isinstance(opened, NotMember):
            text = t("posts.report.not_member", lang, branch=html.escape(opened.branch_name))
            await send(update, context, text)
            return
        text = t("posts.report.intro", lang, branch=html.escape(opened.branch_name))
        if opened.before is not None:
            text += "\n" + t("posts.report.before", lang, unit=html.escape(opened.before.unit_name))
        chat = update.effective_chat
        assert chat is not None
        # The main menu comes back with the intro (a member from another branch's link may
        # have switched branch here).
        await context.bot.send_message(chat.id, text, reply_markup=main_menu(actor))
        await send(update, context, t("posts.report.unit", lang))

    async def on_input(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        raw = message.text or ""
        if state.step == "rep_phone":
            await self._finish(update, context, state, raw)
            return
        field, nxt, question = STEPS[state.step]
        cleaned = reporting.clean_field(field, raw)
        async with unit(update, context) as u:
            lang = u.actor.lang
            if not isinstance(cleaned, Refused):
                await expect(u, update, nxt, {**state.data, field: cleaned})
        if isinstance(cleaned, Refused):
            await refuse(update, context, cleaned, lang)
            return
        markup = None
        if nxt == "rep_phone":
            markup = inline([[(t("posts.btn.no_phone", lang), SkipPhone().data)]])
        await send(update, context, t(question, lang), markup)

    async def skip_phone(self, update: Update, context: Context, _button: SkipPhone) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
        if state is None or state.step != "rep_phone":
            await stale(update, context, lang)
            return
        await answer(update)
        await self._finish(update, context, state, None)

    async def _finish(
        self, update: Update, context: Context, state: FlowState, phone: str | None
    ) -> None:
        d = state.data
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await reporting.save(
                u.session,
                u.actor,
                branch_id=int(d.get("branch", 0)),
                unit=str(d.get("unit", "")),
                party=str(d.get("party", "")),
                contact=str(d.get("contact", "")),
                phone=phone,
                now=u.data.clock.now(),
            )
            if not isinstance(result, Refused) or result.reason.value != "bad_phone":
                await done(u, update)
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await send(
            update, context, t("posts.report.saved", lang, unit=html.escape(result.unit_name))
        )
        # Straight on to the posts: the point of reporting is to claim one.
        await Menu().menu(update, context)
