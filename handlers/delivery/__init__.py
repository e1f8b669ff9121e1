"""Handlers of the delivery feature: /broadcast and its buttons, reports, 「收到」."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import Context
from handlers.delivery.compose import compose_handlers
from handlers.delivery.report import (
    on_ack,
    on_acked,
    on_noop,
    on_report_button,
    on_unschedule,
)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """This feature's handlers, in the order they must be tried."""
    return [
        *compose_handlers(),
        CallbackQueryHandler(on_ack, pattern=r"^dl:ack:\d+$"),
        CallbackQueryHandler(on_acked, pattern=r"^dl:acked:\d+$"),
        CallbackQueryHandler(on_noop, pattern=r"^dl:noop$"),
        CallbackQueryHandler(on_report_button, pattern=r"^dl:(rep|re|un):"),
        CallbackQueryHandler(on_unschedule, pattern=r"^dl:unsched:"),
    ]
