"""Pressing 同意 / 不同意 under a privacy notice, 是 / 不是 under a binding question, and the
secretary's /privacynotice (the branch's own notice text).

同意 under an invite's notice is taken by the registration conversation itself
(handlers/members/onboarding.py), which goes on to ask the name.
"""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.privacy import binding as bind_preview
from bot.services.privacy import consent
from bot.services.privacy.common import Refused
from bot.services.privacy.consent import NoticeSetting
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.privacy.buttons import (
    AcceptNotice,
    ConfirmBinding,
    DeclineNotice,
    EditNotice,
    NotMe,
    ResetNotice,
)
from handlers.privacy.common import done, expect, refuse
from handlers.privacy.views import bind_keyboard, bind_question
from handlers.replies import answer, edit_quietly, send, show


async def decline(update: Update, context: Context, _b: DeclineNotice) -> None:
    """不同意: nothing about the person is stored (their account row keeps the id only)."""
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer(update)
    await show(update, context, t("privacy.declined", lang))


async def accept_for_binding(update: Update, context: Context, b: AcceptNotice) -> None:
    """同意 under a binding link's notice: record it, then ask 「是您本人吗？」.

    Registration takes an invite's 同意 first; any other payload finds no binding preview.
    """
    token = b.payload
    async with unit(update, context) as u:
        now = u.data.clock.now()
        preview = await bind_preview.preview(u.session, u.actor, token, now)
        accepted = preview is not None and await consent.accept(u.session, u.actor, token, now)
        lang = u.actor.lang
    await answer(update)
    if preview is None or not accepted:
        await show(update, context, t("privacy.link_gone", lang))
        return
    await edit_quietly(update, t("privacy.accepted", lang))
    await send(update, context, bind_question(preview, lang), bind_keyboard(token, lang))


async def confirm_binding(update: Update, context: Context, b: ConfirmBinding) -> None:
    """是，是我本人: bind (the binding service checks the link again, whatever was pressed)."""
    # Not at the top: members.onboarding imports handlers.privacy.
    from handlers.members.onboarding import bind_account

    token = b.token
    async with unit(update, context) as u:
        preview = await bind_preview.preview(u.session, u.actor, token, u.data.clock.now())
        lang = u.actor.lang
    await answer(update)
    if preview is not None and preview.notice is not None:
        # A forged or replayed 是 from someone who never accepted the notice.
        await show(update, context, t("privacy.link_gone", lang))
        return
    await edit_quietly(update, t("privacy.btn.me", lang))
    await bind_account(update, context, token)


async def not_me(update: Update, context: Context, _b: NotMe) -> None:
    async with unit(update, context) as u:
        lang = u.actor.lang
    await answer(update)
    await show(update, context, t("privacy.bind.not_me", lang))


# --- /privacynotice --------------------------------------------------------------------------


def _setting_screen(found: NoticeSetting, lang: str) -> tuple[str, list[list[tuple[str, str]]]]:
    kind = t("privacy.setting.custom" if found.custom else "privacy.setting.default", lang)
    body = html.escape(found.text) if found.custom else found.text
    text = t("privacy.setting.show", lang, kind=kind, version=found.version, text=body)
    rows = [[(t("privacy.btn.edit_notice", lang), EditNotice().data)]]
    if found.custom:
        rows.append([(t("privacy.btn.reset_notice", lang), ResetNotice().data)])
    return text, rows


async def notice_setting(update: Update, context: Context) -> None:
    async with unit(update, context) as u:
        found = await consent.current(u.session, u.actor)
        lang = u.actor.lang
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    text, rows = _setting_screen(found, lang)
    await show(update, context, text, inline(rows))


async def edit_notice(update: Update, context: Context, _b: EditNotice) -> None:
    async with unit(update, context) as u:
        found = await consent.current(u.session, u.actor)
        lang = u.actor.lang
        if not isinstance(found, Refused):
            await expect(u, update, "notice")
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    await send(update, context, t("privacy.setting.ask", lang))


async def reset_notice(update: Update, context: Context, _b: ResetNotice) -> None:
    async with unit(update, context) as u:
        found = await consent.set_text(u.session, u.actor, None, u.data.clock.now())
        lang = u.actor.lang
    if isinstance(found, Refused):
        await refuse(update, context, found, lang)
        return
    await answer(update)
    assert found is not None
    text, rows = _setting_screen(found, lang)
    await show(update, context, text, inline(rows))


async def on_notice_text(update: Update, context: Context, state: FlowState) -> None:
    message = update.message
    assert message is not None
    if message.text is None:
        return
    if message.text.strip().lower() == "/cancel":
        async with unit(update, context) as u:
            await done(u, update)
            lang = u.actor.lang
        await send(update, context, t("privacy.cancelled", lang))
        return
    async with unit(update, context) as u:
        found = await consent.set_text(u.session, u.actor, message.text, u.data.clock.now())
        lang = u.actor.lang
        if found is not None:
            await done(u, update)
    if found is None:
        await send(update, context, t("privacy.setting.bad", lang))
    elif isinstance(found, Refused):
        await refuse(update, context, found, lang)
    else:
        text, rows = _setting_screen(found, lang)
        await send(update, context, t("privacy.setting.saved", lang))
        await send(update, context, text, inline(rows))
