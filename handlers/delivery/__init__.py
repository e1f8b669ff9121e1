"""Handlers of the delivery feature: /broadcast and its buttons, reports, 「收到」."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from handlers.buttons import on
from handlers.delivery.buttons import (
    Acknowledge,
    Acknowledged,
    PreviewOnly,
    RefreshReport,
    RemindUnacked,
    ShowUnreached,
    Unschedule,
)
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
        on(Acknowledge, on_ack),
        on(Acknowledged, on_acked),
        on(PreviewOnly, on_noop),
        on(RefreshReport, on_refresh),
        on(RemindUnacked, on_remind),
        on(ShowUnreached, on_unreached),
        on(Unschedule, on_unschedule),
    ]
