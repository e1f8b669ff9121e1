"""/residents: the secretary's screen (link and QR, waiting requests, assign, close, block,
settings); for other members the requests they took."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.domain.residents import rules
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.residents import asking, officer
from bot.services.residents.common import Refusal, Refused, RequestView
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.residents.buttons import (
    AskCloseReason,
    AssignTaker,
    BlockResident,
    ChooseTaker,
    Counts,
    HistoryPage,
    MyTaken,
    RenewLink,
    ResidentSettings,
    ResidentsMenu,
    RevokeLink,
    SetEscalateHours,
    SetRemindHours,
    SetRetention,
    ShowLink,
    UnblockResident,
    WaitingList,
)
from handlers.residents.common import answer, expect, leave, refuse, send, show
from handlers.residents.member import MemberSide

Rows = list[list[tuple[str, str]]]


def _setting(
    button: ResidentSettings | SetEscalateHours | SetRemindHours | SetRetention,
) -> tuple[str, int] | None:
    """The setting a button changes and its new value (the service checks it is a choice)."""
    if isinstance(button, SetEscalateHours):
        return rules.SETTING_ESCALATE, button.hours
    if isinstance(button, SetRemindHours):
        return rules.SETTING_REMIND, button.hours
    if isinstance(button, SetRetention):
        choices = rules.RETENTION_CHOICES
        return rules.SETTING_RETENTION, choices[button.choice] if button.choice < len(
            choices
        ) else 0
    return None


def _request_rows(view: RequestView, lang: str) -> Rows:
    rows: Rows = []
    hand = "reassign" if view.state == "taken" else "assign"  # a taken one goes to someone else
    if view.state in rules.OPEN_STATES:
        rows.append(
            [
                (t(f"residents.btn.{hand}", lang), ChooseTaker(view.id).data),
                (t("residents.btn.close", lang), AskCloseReason(view.id).data),
            ]
        )
    rows.append([(t("residents.btn.block", lang), BlockResident(view.id).data)])
    return rows


def _request_text(view: RequestView, lang: str) -> str:
    text = asking.summary(view, lang) + "\n" + t(f"residents.state.{view.state}", lang)
    if view.taker_name:
        text += t("residents.mine.who", lang, name=html.escape(view.taker_name))
    if view.phone:
        text += t("residents.line.phone", lang, p=html.escape(view.phone))
    return text


class OfficerSide:
    async def menu(
        self, update: Update, context: Context, _button: ResidentsMenu | None = None
    ) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.waiting(u.session, u.actor)
        if isinstance(found, Refused):
            if found.reason is Refusal.NOT_MEMBER:
                await refuse(update, context, found, lang)
                return
            await MemberSide().taken(update, context)  # a member: the requests they took
            return
        await answer(update)
        mine = [(t("residents.btn.mytaken", lang), MyTaken().data)]
        rows = [
            [
                (t("residents.btn.list", lang), WaitingList().data),
                (t("residents.btn.link", lang), ShowLink().data),
            ],
            [
                (t("residents.btn.history", lang), HistoryPage(0).data),
                (t("residents.btn.counts", lang), Counts().data),
            ],
            [(t("residents.btn.settings", lang), ResidentSettings().data)],
            mine,
        ]
        await send(update, context, t("residents.officer.menu", lang, n=len(found)), inline(rows))

    async def link(self, update: Update, context: Context, button: ShowLink | RenewLink) -> None:
        fresh = isinstance(button, RenewLink)
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.link(u.session, u.actor, u.data.clock.now(), fresh=fresh)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        url = deep_link(context.bot.username, found.token)
        rows = [
            [
                (t("residents.btn.renew", lang), RenewLink().data),
                (t("residents.btn.revoke", lang), RevokeLink().data),
            ]
        ]
        chat = update.effective_chat
        assert chat is not None
        await context.bot.send_photo(
            chat.id,
            qr_png(url),
            caption=t("residents.officer.link", lang, url=html.escape(url)),
            reply_markup=inline(rows),
        )

    async def revoke(self, update: Update, context: Context, _button: RevokeLink) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.revoke_link(u.session, u.actor, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows = [[(t("residents.btn.renew", lang), RenewLink().data)]]
        await send(update, context, t("residents.officer.revoked", lang), inline(rows))

    async def list(self, update: Update, context: Context, _button: WaitingList) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.waiting(u.session, u.actor)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        if not found:
            await send(update, context, t("residents.officer.empty", lang))
            return
        await send(update, context, t("residents.officer.list", lang))
        for view in found:
            await send(
                update, context, _request_text(view, lang), inline(_request_rows(view, lang))
            )

    async def choose(self, update: Update, context: Context, button: ChooseTaker) -> None:
        request_id = button.request
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.assign_choices(u.session, u.actor, request_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [(name, AssignTaker(request_id, mid).data) for mid, name in found]
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        await send(update, context, t("residents.officer.choose", lang), inline(rows))

    async def assign(self, update: Update, context: Context, button: AssignTaker) -> None:
        request_id, member_id = button.request, button.member
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.assign(
                u.session, u.actor, request_id, member_id, u.data.clock.now()
            )
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        notices.wake(context.bot_data)
        await answer(update)
        text = t(
            "residents.officer.assigned",
            lang,
            id=found.id,
            name=html.escape(found.taker_name or ""),
        )
        await show(update, context, text)

    async def ask_reason(self, update: Update, context: Context, button: AskCloseReason) -> None:
        request_id = button.request
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.view(u.session, u.actor, request_id)
            if not isinstance(found, Refused):
                await expect(u, update, "reason", {"id": request_id})
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        await send(update, context, t("residents.officer.close_reason", lang))

    async def on_reason(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.close(
                u.session,
                u.actor,
                int(state.data.get("id", 0)),
                message.text or "",
                u.data.clock.now(),
            )
            retype = isinstance(found, Refused) and found.reason in (
                Refusal.TOO_SHORT,
                Refusal.TOO_LONG,
            )
            if not retype:
                await leave(u, update)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        notices.wake(context.bot_data)
        await send(update, context, t("residents.officer.closed", lang, id=found.id))

    async def block(self, update: Update, context: Context, button: BlockResident) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await officer.block(u.session, u.actor, button.request, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        key = "residents.officer.blocked" if found else "residents.officer.blocked_already"
        await answer(update, t(key, lang), alert=True)
        rows = [[(t("residents.btn.unblock", lang), UnblockResident(button.request).data)]]
        await send(update, context, t(key, lang), inline(rows))

    async def unblock(self, update: Update, context: Context, button: UnblockResident) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            found = await officer.unblock(u.session, u.actor, button.request, now)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        key = "residents.officer.unblocked" if found else "residents.officer.not_blocked"
        await show(update, context, t(key, lang))

    async def settings(
        self,
        update: Update,
        context: Context,
        button: ResidentSettings | SetEscalateHours | SetRemindHours | SetRetention,
    ) -> None:
        """The settings screen, or a setting's button and then the screen again."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            now = u.data.clock.now()
            change = _setting(button)
            if change is None:
                found = await officer.settings(u.session, u.actor)
            else:
                found = await officer.change_setting(u.session, u.actor, *change, now)
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        hours = [
            (
                ("✅ " if h == found.escalate_hours else "") + t("residents.btn.hours", lang, h=h),
                SetEscalateHours(h).data,
            )
            for h in rules.ESCALATE_CHOICES
        ]
        days = [
            (
                ("✅ " if d == found.retention_days else "") + t("residents.btn.days", lang, d=d),
                SetRetention(i).data,
            )
            for i, d in enumerate(rules.RETENTION_CHOICES)
        ]
        remind = [
            (
                ("✅ " if h == found.remind_hours else "") + t("residents.btn.remind", lang, h=h),
                SetRemindHours(h).data,
            )
            for h in rules.REMIND_CHOICES
        ]
        rows = [hours[:3], hours[3:], remind, days[:2], days[2:]]
        text = t(
            "residents.officer.settings",
            lang,
            h=found.escalate_hours,
            r=found.remind_hours,
            d=found.retention_days,
        )
        await show(update, context, text, inline(rows))
