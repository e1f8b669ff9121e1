"""Plumbing shared by the members feature's guided flows (conversations) and handlers."""

from __future__ import annotations

import logging
import re
import time
import warnings
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from telegram import Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)
from telegram.warnings import PTBUserWarning

from bot.context import Context
from bot.domain.links import LinkKind
from bot.services.identity import Actor, Membership
from bot.texts import catalog, t, variants
from handlers.base import unit

log = logging.getLogger(__name__)

Callback = Callable[[Update, Context], Awaitable[object]]
Handler = BaseHandler[Update, Context, Any]
END = ConversationHandler.END

# Payload kinds this feature answers; other kinds (meeting check-in ...) belong to others.
OWN_KINDS = (LinkKind.INVITE, LinkKind.BIND, LinkKind.SECRETARY_INVITE)
_FOREIGN_PREFIXES = "|".join(re.escape(k.value + "_") for k in LinkKind if k not in OWN_KINDS)
START_PAYLOAD = filters.Regex(
    rf"^/start(@\w+)?\s+(?!{_FOREIGN_PREFIXES})" if _FOREIGN_PREFIXES else r"^/start(@\w+)?\s+"
)
PRIVATE = filters.ChatType.PRIVATE
# Callback data of the language picker (handlers/common.py): an aside inside a flow.
LANGUAGE_CHOICE = "lang:"


def menu_texts() -> filters.BaseFilter:
    """Every main-menu button in every language: pressing one leaves a flow."""
    texts = {
        text
        for key, variants in catalog().items()
        if key.startswith("menu.") and key != "menu.placeholder"
        for text in variants.values()
    }
    return filters.Text(sorted(texts))


@dataclass
class Flows:
    """Which guided flow each person is in, so only the latest one takes their typing.

    PTB keeps each ConversationHandler's state separately; starting a second flow would
    otherwise leave the first waiting for text, and the person's next words would go to both.
    """

    active: dict[int, tuple[str, float | None]] = field(default_factory=dict)
    monotonic: Callable[[], float] = time.monotonic

    def enter(self, user_id: int, name: str, *, ttl: float | None = None) -> None:
        """Make name the person's flow; with ttl (seconds) it lapses by itself."""
        self.active[user_id] = (name, None if ttl is None else self.monotonic() + ttl)

    def leave(self, user_id: int, name: str) -> None:
        if self.current(user_id) == name:
            del self.active[user_id]

    def current(self, user_id: int) -> str | None:
        found = self.active.get(user_id)
        if found is None:
            return None
        name, deadline = found
        if deadline is not None and self.monotonic() > deadline:
            del self.active[user_id]
            return None
        return name

    def filter(self, name: str) -> filters.BaseFilter:
        return _InFlow(self, name)


class _InFlow(filters.UpdateFilter):
    def __init__(self, flows: Flows, name: str) -> None:
        super().__init__(name=f"InFlow({name})")
        self._flows, self._flow = flows, name

    def filter(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and self._flows.current(user.id) == self._flow


async def reroute(update: Update, context: Context, skip_flow: str) -> None:
    """Give an update that ended a flow to the handler that would have taken it otherwise."""
    app: Any = context.application
    for handler in app.handlers.get(0, []):
        if isinstance(handler, ConversationHandler) and handler.name == skip_flow:
            continue
        check = handler.check_update(update)
        if check is not None and check is not False:
            await handler.handle_update(update, app, check, context)
            return


def conversation(
    name: str,
    flows: Flows,
    *,
    entry_points: Sequence[Handler],
    states: dict[object, list[Handler]],
    on_cancel: Callback,
    resume: Callback | None = None,
    interrupted: str = "members.flow.interrupted",
) -> ConversationHandler[Context]:
    """A flow that any command, menu button or other button leaves (and then does).

    Help and language are asides: they are answered and the flow goes on, `resume` asking the
    current step again. Any other command or menu button ends the flow and says so
    (the text `interrupted`) before doing what was asked.
    """

    async def cancel(update: Update, context: Context) -> int:
        flows.leave(_uid(update), name)
        await on_cancel(update, context)
        return END

    async def leave(update: Update, context: Context) -> int:
        flows.leave(_uid(update), name)
        if update.callback_query is None and update.effective_message is not None:
            async with unit(update, context) as u:
                lang = u.actor.lang
            await update.effective_message.reply_text(t(interrupted, lang))
        await reroute(update, context, name)
        return END

    async def aside(update: Update, context: Context) -> None:
        """Answered without leaving: the state (None returned) stays as it was."""
        await reroute(update, context, name)

    async def aside_then_resume(update: Update, context: Context) -> None:
        await reroute(update, context, name)
        if resume is not None:
            await resume(update, context)

    fallbacks: list[Handler] = [
        CommandHandler("cancel", cancel, filters=PRIVATE),
        MessageHandler(PRIVATE & cancel_button(), cancel),
        CommandHandler("help", aside_then_resume, filters=PRIVATE),
        MessageHandler(PRIVATE & filters.Text(sorted(variants("menu.help"))), aside_then_resume),
        CommandHandler("language", aside, filters=PRIVATE),
        MessageHandler(PRIVATE & filters.Text(sorted(variants("menu.language"))), aside),
        CallbackQueryHandler(aside_then_resume, pattern=rf"^{LANGUAGE_CHOICE}"),
        MessageHandler(PRIVATE & (filters.COMMAND | menu_texts()), leave),
        CallbackQueryHandler(leave),
    ]
    # PTB warns that CallbackQueryHandlers are not tracked per message when per_message=False;
    # per-chat-and-user tracking is what these flows want.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBUserWarning)
        return ConversationHandler(
            entry_points=list(entry_points),
            states={k: list(v) for k, v in states.items()},
            fallbacks=fallbacks,
            allow_reentry=True,
            per_user=True,
            per_chat=True,
            name=name,
        )


def _uid(update: Update) -> int:
    return update.effective_user.id if update.effective_user else 0


def cancel_button() -> filters.BaseFilter:
    return filters.Text(sorted(variants("members.cancel_button")))


def typed_text(flows: Flows, name: str) -> filters.BaseFilter:
    """Plain typing inside flow `name` (not a command, a menu button or 取消)."""
    plain = filters.TEXT & ~filters.COMMAND & ~menu_texts() & ~cancel_button()
    return PRIVATE & plain & flows.filter(name)


def with_membership(actor: Actor, membership: Membership) -> Actor:
    """The actor as they are after a change to one membership (for the refreshed menu)."""
    others = tuple(m for m in actor.memberships if m.branch_id != membership.branch_id)
    memberships = (*others, membership)
    current = actor.current
    if (
        membership.active
        and (actor.member is None or actor.member.branch_id == membership.branch_id)
    ) or (current is not None and current.branch_id == membership.branch_id):
        current = membership
    return replace(actor, memberships=memberships, current=current)


def ints(data: str, count: int) -> list[int] | None:
    """The last `count` integer fields of callback data, or None if they are not integers."""
    parts = data.split(":")[-count:]
    if len(parts) != count or not all(re.fullmatch(r"-?\d{1,19}", p) for p in parts):
        return None
    return [int(p) for p in parts]


async def send_quietly(context: Context, chat_id: int, text: str, **kwargs: Any) -> int | None:
    """Message someone who may have blocked the bot; a refusal is logged, not raised."""
    try:
        message = await context.bot.send_message(chat_id, text, **kwargs)
    except TelegramError:
        log.info("could not message %s", chat_id, exc_info=True)
        return None
    return message.message_id


async def edit_quietly(update: Update, text: str | None = None, **kwargs: Any) -> None:
    """Edit the pressed message (text, or caption for photos); "not modified" is no error."""
    query = update.callback_query
    if query is None:
        return
    try:
        if text is None:
            await query.edit_message_caption(**kwargs)
        else:
            await query.edit_message_text(text, **kwargs)
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            raise
