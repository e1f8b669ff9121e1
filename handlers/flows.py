"""The one input router: a private message goes to the step of the flow its sender is in.

Flow state lives in the database (bot.kernel.conversations), so this works after a restart and
across processes. It runs in its own handler group, after the guard and before every feature,
and it is the one place where a command or a main-menu button leaves a flow.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot.context import Context
from bot.kernel import conversations
from bot.kernel.conversations import FlowState
from handlers.base import Unit
from handlers.filters import any_menu_button

log = logging.getLogger(__name__)

# After the guard's group, before every feature (group 0); a handler group of its own, so
# matching every private message here never hides another early handler.
ROUTER_GROUP = -10

StepHandler = Callable[[Update, Context, FlowState], Awaitable[None]]

# Asides that answer and keep the flow going: help and the language choice.
KEEP_FLOW_COMMANDS = frozenset({"help", "language"})
# /cancel goes to the flow itself, which knows what "cancelled" means for it and says so.
CANCEL_COMMAND = "cancel"


def _command(update: Update) -> str | None:
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    return (
        message.text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(message.text) > 1 else ""
    )


class FlowRouter(BaseHandler[Update, Context, None]):
    """Takes every new private message; hands it on only when its sender is in a known flow."""

    def __init__(self, routes: Mapping[str, StepHandler]) -> None:
        super().__init__(self._route)
        self._routes = dict(routes)
        self._menu = any_menu_button()

    def check_update(self, update: object) -> bool:
        return (
            bool(self._routes)
            and isinstance(update, Update)
            and update.message is not None
            and update.effective_user is not None
            and update.message.chat.type == ChatType.PRIVATE
        )

    async def _route(self, update: Update, context: Context) -> None:
        assert update.effective_user is not None and update.message is not None
        user_id, chat_id = update.effective_user.id, update.message.chat.id
        data = context.bot_data
        # Every private message passes here: a read, so it waits for no writer.
        async with data.db.read() as session:
            state = await conversations.load(session, user_id, chat_id, data.clock.now())
        if state is None or state.flow not in self._routes:
            return
        command = _command(update)
        if command in KEEP_FLOW_COMMANDS:
            return
        leaving = command is not None and command != CANCEL_COMMAND
        if leaving or self._menu.check_update(update):
            async with data.db.transaction() as session:
                await conversations.clear(session, user_id, chat_id, state.flow)
            log.info("user=%s left flow %s by %s", user_id, state.flow, command or "menu")
            return
        await self._routes[state.flow](update, context, state)
        raise ApplicationHandlerStop


def flow_router(routes: Mapping[str, StepHandler]) -> FlowRouter:
    return FlowRouter(routes)


# The conversation helpers every feature's handlers share; each slice binds its own flow name.


async def expect(
    flow: str, u: Unit, update: Update, step: str, data: Mapping[str, object] | None = None
) -> None:
    """The person's next message is for this step of `flow` (kept in the database)."""
    chat = update.effective_chat
    assert chat is not None
    await conversations.save(
        u.session,
        user_id=u.actor.tg_id,
        chat_id=chat.id,
        flow=flow,
        step=step,
        data=dict(data or {}),
        now=u.data.clock.now(),
    )


async def done(flow: str, u: Unit, update: Update) -> bool:
    """Leave `flow` (a button finished the step instead of typed input); True if they were in it."""
    chat = update.effective_chat
    if chat is None:
        return False
    return await conversations.clear(u.session, u.actor.tg_id, chat.id, flow)


async def state_of(flow: str, u: Unit, update: Update) -> FlowState | None:
    """The person's state in `flow`, if they are in it."""
    chat = update.effective_chat
    if chat is None:
        return None
    found = await conversations.load(u.session, u.actor.tg_id, chat.id, u.data.clock.now())
    return found if found is not None and found.flow == flow else None
