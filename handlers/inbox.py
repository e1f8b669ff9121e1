"""The officers' one approval inbox (/approve) over features.

Each feature shows what waits for this person in a section of its own; the composition root
(bot/app.py, from handlers.approve_sections) hands the sections to the application. So /approve,
which the members slice owns, needs no other feature's handlers, and a new feature joins the
inbox by adding its section there.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.context import ApproveSection, BotData

Section = ApproveSection


def install(data: BotData, sections: Sequence[Section]) -> None:
    data.approve_sections = tuple(sections)


def sections(data: BotData) -> tuple[Section, ...]:
    return data.approve_sections
