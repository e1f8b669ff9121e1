"""What every handler shares: the per-update unit of work and small reply helpers."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Update
from telegram.constants import ChatType

from bot.context import BotData, Context
from bot.services.identity import Actor, load_actor
from bot.texts import t

log = logging.getLogger(__name__)


@dataclass
class Unit:
    """One update's transaction and the person acting in it."""

    session: AsyncSession
    actor: Actor
    data: BotData

    def t(self, key: str, /, **params: object) -> str:
        return t(key, self.actor.lang, **params)


@asynccontextmanager
async def unit(update: Update, context: Context) -> AsyncIterator[Unit]:
    """Open the update's single transaction and resolve the actor inside it.

    Replies are sent after the block ends, so no transaction is held open across network calls.
    The transaction starts read-only and takes the database's write lock only at its first write
    (`Database.unit`), so an update that changes nothing waits for no writer.
    """
    user = update.effective_user
    if user is None:
        raise RuntimeError("update without a user")
    data = context.bot_data
    chat = update.effective_chat
    async with data.db.unit() as session:
        actor = await load_actor(
            session,
            tg_id=user.id,
            first_name=user.full_name,
            username=user.username,
            private_chat=chat is not None and chat.type == ChatType.PRIVATE,
            operators=data.settings.bot_admin_ids,
            default_lang=data.settings.bot_default_language,
            now=data.clock.now(),
        )
        yield Unit(session=session, actor=actor, data=data)


async def answer_callback(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    """Acknowledge a button press (Telegram shows a spinner until we do)."""
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=alert)


async def refuse(update: Update, text: str) -> None:
    """A kind refusal: an alert for button presses, a message otherwise."""
    user = update.effective_user
    log.info("refused user=%s: %s", user.id if user else None, text[:60])
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=True)
    elif update.effective_message is not None:
        await update.effective_message.reply_text(text)
