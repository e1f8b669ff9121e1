"""/invite: the branch's invite link with its QR code, use limit and revocation."""

from __future__ import annotations

import asyncio

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler

from bot.context import Context
from bot.domain.links import deep_link, qr_png
from bot.services.members import invites
from bot.services.members.access import Refused
from bot.services.members.invites import LIMIT_CHOICES, InviteView
from bot.texts import t
from handlers.base import answer_callback, unit
from handlers.buttons import on
from handlers.filters import menu_button
from handlers.keyboards import inline
from handlers.members.buttons import FreshInvite, InviteLimit, RevokeInvite
from handlers.members.flow import PRIVATE
from handlers.members.views import esc, fmt_time, link_state_text, refuse_with
from handlers.replies import edit_quietly


def invite_caption(view: InviteView, link: str, lang: str) -> str:
    # 「已用 0 人（不限人数）」, never 「已用 0 / 限 不限」.
    if view.max_uses is None:
        limit = t("members.invite.limit_none", lang)
    else:
        limit = t("members.invite.limit_n", lang, n=view.max_uses)
    return t(
        "members.invite.caption",
        lang,
        branch=esc(view.branch_name),
        link=esc(link),
        expires=fmt_time(view.expires_at, view.timezone, lang),
        used=view.used,
        limit=limit,
        state=link_state_text(view.state, lang),
    )


def invite_keyboard(view: InviteView, lang: str) -> InlineKeyboardMarkup:
    limits: list[tuple[str, str]] = []
    for choice in LIMIT_CHOICES:
        label = (
            t("members.invite.limit_none", lang)
            if choice is None
            else t(
                "members.invite.limit_one" if choice == 1 else "members.invite.limit_n",
                lang,
                n=choice,
            )
        )
        if choice == view.max_uses:
            label = "✓ " + label
        limits.append((label, InviteLimit(view.id, choice or 0).data))
    rows = [limits[:2], limits[2:]]
    if view.state is None:
        rows.append([(t("members.invite.revoke", lang), RevokeInvite(view.id).data)])
    rows.append([(t("members.invite.fresh", lang), FreshInvite().data)])
    return inline(rows)


async def _send_invite(update: Update, context: Context, *, fresh: bool) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
        view = await invites.current_invite(u.session, u.actor, u.data.clock.now(), fresh=fresh)
    if isinstance(view, Refused):
        await refuse_with(update, view, lang)
        return
    await answer_callback(update)
    link = deep_link(context.bot.username, view.token)
    png = await asyncio.to_thread(qr_png, link)
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_photo(
        chat.id,
        png,
        caption=invite_caption(view, link, lang),
        reply_markup=invite_keyboard(view, lang),
    )


async def on_invite(update: Update, context: Context) -> None:
    await _send_invite(update, context, fresh=False)


async def on_fresh(update: Update, context: Context, button: FreshInvite) -> None:
    await _send_invite(update, context, fresh=True)


async def on_change(update: Update, context: Context, button: InviteLimit | RevokeInvite) -> None:
    """A use limit chosen (0: none) or the invite revoked."""
    async with unit(update, context) as u:
        lang, now = u.actor.lang, u.data.clock.now()
        if isinstance(button, RevokeInvite):
            view = await invites.revoke(u.session, u.actor, button.invite, now)
        else:
            limit = button.limit or None
            view = await invites.set_limit(u.session, u.actor, button.invite, limit, now)
    if isinstance(view, Refused):
        await refuse_with(update, view, lang)
        return
    await answer_callback(update, t("members.invite.saved", lang))
    link = deep_link(context.bot.username, view.token)
    await edit_quietly(
        update, caption=invite_caption(view, link, lang), reply_markup=invite_keyboard(view, lang)
    )


def invite_handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler("invite", on_invite, filters=PRIVATE),
        MessageHandler(menu_button("menu.invite"), on_invite),
        on(FreshInvite, on_fresh),
        on(InviteLimit, on_change),
        on(RevokeInvite, on_change),
    ]
