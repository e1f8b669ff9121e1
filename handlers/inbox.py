"""The officers' one approval inbox (/approve) over features.

Each feature shows what waits for this person in a section of its own; the composition root
(bot/app.py, from handlers.approve_sections) hands the sections to the application. So /approve,
which the members slice owns, needs no other feature's handlers, and a new feature joins the
inbox by adding its section there.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from telegram import Update

from bot.context import BotData, Context

# Shows this person's waiting requests of one feature; whether it showed anything.
Section = Callable[[Update, Context], Awaitable[bool]]

_SERVICE = "approve-sections"


def install(data: BotData, sections: Sequence[Section]) -> None:
    data.services[_SERVICE] = tuple(sections)


def sections(data: BotData) -> tuple[Section, ...]:
    found: tuple[Section, ...] = data.services.get(_SERVICE, ())
    return found
