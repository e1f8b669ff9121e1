"""Filters that match a main-menu button in any language."""

from __future__ import annotations

from telegram.ext import filters

from bot.texts import variants


def menu_button(key: str) -> filters.BaseFilter:
    """Matches the text of the menu button `key` in every shipped language."""
    return filters.ChatType.PRIVATE & filters.Text(sorted(variants(key)))
