"""The one input router: a private message goes to the step of the flow its sender is in.

Flow state lives in the database (bot.kernel.conversations), so this works after a restart and
across processes. It runs in its own handler group, after the guard and before every feature,
and it is the one place where a command or a main-menu button leaves a flow.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop, BaseHandler

from bot.context import Context
from bot.kernel import conversations
from bot.kernel.conversations import FlowState
from bot.texts import variants
from handlers.base import Unit
from handlers.filters import any_menu_button

log = logging.getLogger(__name__)

# After the guard's group, before every feature (group 0); a handler group of its own, so
# matching every private message here never hides another early handler.
ROUTER_GROUP = -10

# After every feature: a flow that asks its step again once an aside was answered.
RESUME_GROUP = 10

# A step handler that returns False did not take the message (say, text while a file is
# awaited): it goes on to the features, and the flow stays.
StepHandler = Callable[[Update, Context, FlowState], Awaitable[bool | None]]

# Asides that answer and keep the flow going: help and the language choice, typed or pressed.
KEEP_FLOW_COMMANDS = frozenset({"help", "language"})
KEEP_FLOW_BUTTONS = ("menu.help", "menu.language")
# The language picker's buttons (handlers/common.py): an aside, not a way out of a flow.
LANGUAGE_PICK = "lang:"
# /cancel goes to the flow itself, which knows what "cancelled" means for it and says so.
CANCEL_COMMAND = "cancel"


@dataclass(frozen=True)
class Route:
    """A flow with more to say than its step handler.

    `left` runs when a command or a main-menu button ended the flow, before that is done (to
    say the flow was interrupted); `resume` runs after /help, the help button or a language
    choice was answered (to ask the current step again); with `buttons_leave`, pressing any
    inline button but the language picker ends the flow too (its step would otherwise take
    typing meant for what was pressed).
    """

    step: StepHandler
    left: StepHandler | None = None
    resume: StepHandler | None = None
    buttons_leave: bool = False


Routes = Mapping[str, StepHandler | Route]


def _as_route(found: StepHandler | Route) -> Route:
    return found if isinstance(found, Route) else Route(found)


def _command(update: Update) -> str | None:
    message = update.message
    if message is None or not message.text or not message.text.startswith("/"):
        return None
    return (
        message.text[1:].split(maxsplit=1)[0].split("@")[0].lower() if len(message.text) > 1 else ""
    )


class FlowRouter(BaseHandler[Update, Context, None]):
    """Takes every new private message; hands it on only when its sender is in a known flow."""

    def __init__(self, routes: Routes) -> None:
        super().__init__(self._route)
        self._routes = {name: _as_route(found) for name, found in routes.items()}
        self._menu = any_menu_button()
        self._keep = frozenset(text for key in KEEP_FLOW_BUTTONS for text in variants(key))
        # Presses are looked at only if some flow is left by them.
        self._presses = any(r.buttons_leave for r in self._routes.values())

    def check_update(self, update: object) -> bool:
        if not self._routes or not isinstance(update, Update) or update.effective_user is None:
            return False
        if update.message is not None:
            return update.message.chat.type == ChatType.PRIVATE
        query = update.callback_query
        return (
            self._presses
            and query is not None
            and not (query.data or "").startswith(LANGUAGE_PICK)
            and update.effective_chat is not None
            and update.effective_chat.type == ChatType.PRIVATE
        )

    async def _route(self, update: Update, context: Context) -> None:
        assert update.effective_user is not None and update.effective_chat is not None
        user_id, chat_id = update.effective_user.id, update.effective_chat.id
        data = context.bot_data
        # Every private message passes here. Most people are in no flow: where the process
        # knows that (SQLite), no transaction is opened at all; otherwise a read, which waits
        # for no writer.
        if conversations.known_none(data.db.process_memo, user_id, chat_id):
            return
        async with data.db.read() as session:
            state = await conversations.load(session, user_id, chat_id, data.clock.now())
        if state is None or state.flow not in self._routes:
            return
        route = self._routes[state.flow]
        if update.message is None:  # a press, in a flow that buttons leave
            if route.buttons_leave:
                await self._leave(update, context, state, None, "button")
            return
        command = _command(update)
        if command in KEEP_FLOW_COMMANDS or update.message.text in self._keep:
            return
        leaving = command is not None and command != CANCEL_COMMAND
        if leaving or self._menu.check_update(update):
            await self._leave(update, context, state, route.left, command or "menu")
            return
        if await route.step(update, context, state) is False:
            return
        raise ApplicationHandlerStop

    @staticmethod
    async def _leave(
        update: Update, context: Context, state: FlowState, left: StepHandler | None, by: str
    ) -> None:
        data = context.bot_data
        async with data.db.transaction() as session:
            await conversations.clear(session, state.user_id, state.chat_id, state.flow)
        log.info("user=%s left flow %s by %s", state.user_id, state.flow, by)
        if left is not None:
            await left(update, context, state)


class FlowResume(BaseHandler[Update, Context, None]):
    """After every feature answered /help, the help button or a language choice: a flow with
    a `resume` asks its current step again (in the language just chosen)."""

    def __init__(self, routes: Routes) -> None:
        super().__init__(self._resume)
        self._routes = {
            name: route.resume
            for name, route in ((n, _as_route(r)) for n, r in routes.items())
            if route.resume is not None
        }
        self._help = frozenset(variants("menu.help"))

    def check_update(self, update: object) -> bool:
        if not self._routes or not isinstance(update, Update) or update.effective_user is None:
            return False
        chat = update.effective_chat
        if chat is None or chat.type != ChatType.PRIVATE:
            return False
        if update.callback_query is not None:
            return (update.callback_query.data or "").startswith(LANGUAGE_PICK)
        return update.message is not None and (
            _command(update) == "help" or update.message.text in self._help
        )

    async def _resume(self, update: Update, context: Context) -> None:
        assert update.effective_user is not None and update.effective_chat is not None
        data = context.bot_data
        async with data.db.read() as session:
            state = await conversations.load(
                session, update.effective_user.id, update.effective_chat.id, data.clock.now()
            )
        resume = self._routes.get(state.flow) if state is not None else None
        if state is not None and resume is not None:
            await resume(update, context, state)


def flow_router(routes: Routes) -> FlowRouter:
    return FlowRouter(routes)


def flow_resume(routes: Routes) -> FlowResume:
    return FlowResume(routes)


# The conversation helpers every feature's handlers share; each slice binds its own flow name.


async def expect(
    flow: str,
    u: Unit,
    update: Update,
    step: str,
    data: Mapping[str, object] | None = None,
    *,
    ttl: timedelta = conversations.DEFAULT_TTL,
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
        ttl=ttl,
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
