"""Telegram update handlers. `all_handlers` is the one place that fixes their order."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context


def all_handlers() -> list[BaseHandler[Update, Context, None]]:
    """Order matters: features (with their conversations) first, core next, fallbacks last."""
    from handlers import common, delivery, meetings, members

    return [
        *members.handlers(),
        *delivery.handlers(),
        *meetings.handlers(),
        *common.core_handlers(),
        *common.fallback_handlers(),
    ]
