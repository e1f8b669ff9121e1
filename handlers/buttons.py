"""Handlers for typed buttons: a callback receives its button already parsed and range-checked.

    on(MoveDay, self.move_day)   # async def move_day(self, update, context, b: MoveDay)

The kinds themselves (bot/kernel/buttons.py) live in each feature's `buttons.py` beside its
handlers; the pattern is the kind's own parser, so data that only looks right (an id past
MAX_ID, 31 February) never reaches the callback.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import TypeVar

from telegram import Update
from telegram.ext import CallbackQueryHandler

from bot.context import Context
from bot.kernel.buttons import Button

B = TypeVar("B", bound=Button)


def on(
    kind: type[B], callback: Callable[[Update, Context, B], Awaitable[None]]
) -> CallbackQueryHandler[Context, None]:
    """The handler of one kind of button: `callback(update, context, button)`."""

    async def parsed(update: Update, context: Context) -> None:
        query = update.callback_query
        button = kind.parse(query.data if query is not None else None)
        if button is not None:  # the pattern took the same data: never None here
            await callback(update, context, button)

    parsed.__qualname__ = f"on({kind.__name__})"
    return CallbackQueryHandler(parsed, pattern=kind.matches)


def kind_of(handler: object) -> type[Button] | None:
    """The kind a handler made by `on` answers to."""
    if isinstance(handler, CallbackQueryHandler):
        owner = getattr(handler.pattern, "__self__", None)
        if isinstance(owner, type) and issubclass(owner, Button):
            return owner
    return None


def kinds_in(handlers: Iterable[object]) -> list[type[Button]]:
    """Every kind of button these handlers answer to: the guard accepts only their data."""
    found = (kind_of(h) for h in handlers)
    return list(dict.fromkeys(k for k in found if k is not None))
