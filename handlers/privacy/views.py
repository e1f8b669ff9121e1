"""Screens the members onboarding handlers show too: the notice and 「是您本人吗？」."""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update

from bot.domain.links import LinkKind, parse_payload
from bot.services.privacy.binding import BindPreview
from bot.services.privacy.consent import Notice
from bot.texts import t
from handlers.core_buttons import AcceptInvite
from handlers.keyboards import inline
from handlers.privacy.buttons import AcceptNotice, ConfirmBinding, DeclineNotice, NotMe


def notice_text(notice: Notice, lang: str) -> str:
    # The default text is the catalog's (HTML); a branch's own text is shown as typed.
    body = notice.text if not notice.custom else html.escape(notice.text)
    return body + t("privacy.notice.ask", lang)


def notice_keyboard(payload: str, lang: str) -> InlineKeyboardMarkup:
    parsed = parse_payload(payload)
    binding = parsed is not None and parsed.kind is LinkKind.BIND
    accept = AcceptNotice(payload) if binding else AcceptInvite(payload)
    return inline(
        [
            [(t("privacy.btn.accept", lang), accept.data)],
            [(t("privacy.btn.decline", lang), DeclineNotice().data)],
        ]
    )


async def show_notice(update: Update, notice: Notice, payload: str, lang: str) -> None:
    """The notice with its big 同意 button; the payload comes back with the press."""
    message = update.effective_message
    assert message is not None
    await message.reply_html(notice_text(notice, lang), reply_markup=notice_keyboard(payload, lang))


def bind_question(preview: BindPreview, lang: str) -> str:
    phone = preview.phone or t("privacy.bind.no_phone", lang)
    return t(
        "privacy.bind.ask",
        lang,
        name=html.escape(preview.name),
        phone=html.escape(phone),
        branch=html.escape(preview.branch_name),
    )


def bind_keyboard(token: str, lang: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [(t("privacy.btn.me", lang), ConfirmBinding(token).data)],
            [(t("privacy.btn.not_me", lang), NotMe().data)],
        ]
    )
