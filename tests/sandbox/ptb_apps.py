"""Tiny PTB applications run against the sandbox in tests (echo, buttons)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.sandbox.server import SandboxServer


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("点我 Press", callback_data="pressed")]])
    await update.effective_message.reply_html("<b>欢迎</b> welcome", reply_markup=keyboard)


async def _pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("收到 got it")
    await query.edit_message_text("已按下 pressed")


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.effective_message is not None and update.effective_message.text is not None
    await update.effective_message.reply_text(f"echo: {update.effective_message.text}")


def build_echo_app(sandbox: SandboxServer, *, concurrent: bool = False) -> Application:  # type: ignore[type-arg]
    """/start answers with an inline button; text is echoed; the button edits the message."""
    app = (
        Application.builder()
        .token(sandbox.make_token())
        .base_url(sandbox.bot_api_url)
        .base_file_url(sandbox.file_url)
        .concurrent_updates(concurrent)
        .build()
    )
    app.add_handler(CommandHandler("start", _start))
    app.add_handler(CallbackQueryHandler(_pressed, pattern="^pressed$"))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, _echo))
    return app


@asynccontextmanager
async def polling(app: Application) -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Run an application with long polling for the duration of the block."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0, timeout=5)
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
