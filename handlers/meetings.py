"""Handlers of the meetings feature."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context


def handlers() -> list[BaseHandler[Update, Context, None]]:
    """This feature's handlers, in the order they must be tried."""
    return []
