"""Scheduled and background work, started in post_init and stopped in post_stop."""

from __future__ import annotations

from telegram.ext import Application

from bot.context import BotData


async def start_all(app: Application) -> None:  # type: ignore[type-arg]
    """Start every feature's background work; each rebuilds its schedule from the database."""
    data: BotData = app.bot_data
    _ = data


async def stop_all(app: Application) -> None:  # type: ignore[type-arg]
    """Stop background work before the database closes."""
    data: BotData = app.bot_data
    _ = data
