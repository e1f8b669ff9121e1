"""What the privacy handlers share: the flow name, refusals, callback fields."""

from __future__ import annotations

from collections.abc import Mapping

from telegram import Update
from telegram.constants import ChatType
from telegram.error import BadRequest

from bot.context import Context
from bot.kernel import conversations
from bot.services.privacy.common import Refused
from bot.texts import t
from handlers.base import Unit
from handlers.replies import send

FLOW = "privacy"


def fields(update: Update) -> list[str]:
    """The callback data after "pv:<action>:", split on ":"."""
    query = update.callback_query
    assert query is not None and query.data is not None
    return query.data.split(":")[2:]


def num(update: Update, index: int = 0) -> int:
    found = fields(update)
    return int(found[index]) if len(found) > index and found[index].isdigit() else 0


def private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


async def refuse(update: Update, context: Context, refused: Refused, lang: str) -> None:
    text = t(f"privacy.refuse.{refused.reason.value}", lang)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text, show_alert=True)
            return
        except BadRequest:
            pass
    await send(update, context, text)


async def expect(
    u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step (kept in the database)."""
    chat = update.effective_chat
    assert chat is not None
    await conversations.save(
        u.session,
        user_id=u.actor.tg_id,
        chat_id=chat.id,
        flow=FLOW,
        step=step,
        data=dict(data or {}),
        now=u.data.clock.now(),
    )


async def done(u: Unit, update: Update) -> None:
    chat = update.effective_chat
    if chat is not None:
        await conversations.clear(u.session, u.actor.tg_id, chat.id, FLOW)
