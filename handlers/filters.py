"""Filters that match a main-menu button in any language."""

from __future__ import annotations

from telegram.ext import filters

from bot.texts import catalog, variants


def menu_button(key: str) -> filters.BaseFilter:
    """Matches the text of the menu button `key` in every shipped language."""
    return filters.ChatType.PRIVATE & filters.Text(sorted(variants(key)))


def any_menu_button() -> filters.BaseFilter:
    """Every main-menu button in every language: pressing one leaves a flow."""
    texts = {
        text
        for key, by_lang in catalog().items()
        if key.startswith("menu.") and key != "menu.placeholder"
        for text in by_lang.values()
    }
    return filters.ChatType.PRIVATE & filters.Text(sorted(texts))
