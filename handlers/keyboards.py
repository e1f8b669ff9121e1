"""Reply keyboards shared by features: the big-button main menu."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.services.identity import Actor
from bot.texts import t

MEMBER_MENU = (
    "menu.card",
    "menu.meetings",
    "menu.checkin",
    "menu.dues",
    "menu.hours",
    "menu.posts",
    "menu.help",
)
SECRETARY_MENU = ("menu.members", "menu.invite", "menu.newmeeting", "menu.broadcast")


def main_menu(actor: Actor) -> ReplyKeyboardMarkup:
    """Two big buttons per row; secretaries get their own row of tools first."""
    keys: list[str] = []
    if actor.is_secretary:
        keys += SECRETARY_MENU
    if actor.member is not None:
        keys += MEMBER_MENU
    else:
        keys += ("menu.help",)
    keys.append("menu.language")
    buttons = [KeyboardButton(t(k, actor.lang)) for k in keys]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    return ReplyKeyboardMarkup(
        rows,
        resize_keyboard=True,
        is_persistent=True,
        input_field_placeholder=t("menu.placeholder", actor.lang),
    )


def inline(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline keyboard from (text, callback_data) rows."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )
