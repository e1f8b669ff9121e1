"""Handlers of the delivery feature: /broadcast and its buttons, reports, 「收到」."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from handlers.buttons import on
from handlers.delivery import buttons as b
from handlers.delivery.compose import compose_handlers
from handlers.delivery.report import (
    on_ack,
    on_acked,
    on_noop,
    on_refresh,
    on_remind,
    on_unreached,
    on_unschedule,
)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """This feature's handlers, in the order they must be tried."""
    return [
        *compose_handlers(),
        on(b.Acknowledge, on_ack),
        on(b.Acknowledged, on_acked),
        on(b.PreviewOnly, on_noop),
        on(b.RefreshReport, on_refresh),
        on(b.RemindUnacked, on_remind),
        on(b.ShowUnreached, on_unreached),
        on(b.Unschedule, on_unschedule),
    ]
