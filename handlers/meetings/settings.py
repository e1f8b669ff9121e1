"""/settings: the branch's meeting settings, changed with buttons (typing only if wanted)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, filters

from bot.context import Context
from bot.domain.meetings import MeetingType, ReminderError, parse_reminder_offsets
from bot.domain.meetings.cadence import Period
from bot.kernel.conversations import FlowState
from bot.services.meetings import render
from bot.services.meetings.access import Refused
from bot.services.meetings.branch_settings import BranchSettings, change, load, set_timezone
from bot.services.meetings.settings import (
    CLOSES_AFTER_CHOICES,
    LATE_AFTER_CHOICES,
    OPENS_BEFORE_CHOICES,
    RADIUS_CHOICES,
    REMINDER_PRESETS,
    MeetingSettings,
)
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.meetings.common import answer, args_of, refuse_with, send, show
from handlers.meetings.state import stop_waiting, wait_for

TIMEZONES = (
    "Asia/Shanghai",
    "Asia/Urumqi",
    "Asia/Hong_Kong",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
)
_CYCLE: tuple[Period | None, ...] = (
    Period.MONTH,
    Period.QUARTER,
    Period.HALF_YEAR,
    Period.YEAR,
    None,
)


def reminders_text(offsets: tuple[timedelta, ...], lang: str) -> str:
    if not offsets:
        return t("meetings.settings.no_reminders", lang)
    sep = ", " if lang == "en" else "、"
    return sep.join(render.time_left(o, lang) for o in offsets)


def page_text(s: BranchSettings, lang: str) -> str:
    m = s.meetings
    cadence = "\n".join(
        "  · " + _type_period(mt, m, lang) for mt in MeetingType if mt is not MeetingType.OTHER
    )
    return t(
        "meetings.settings.page",
        lang,
        branch=html.escape(s.branch_name),
        reminders=reminders_text(m.reminders, lang),
        opens=int(m.opens_before / timedelta(minutes=1)),
        closes=int(m.closes_after / timedelta(minutes=1)),
        late=int(m.late_after / timedelta(minutes=1)),
        radius=m.radius_m,
        tz=render.zone_name(s.tz, lang),
        cadence=cadence,
    )


def _type_period(mt: MeetingType, m: MeetingSettings, lang: str) -> str:
    period = m.cadence.get(mt)
    return t(
        "meetings.settings.type_period",
        lang,
        type=render.type_name(mt.value, lang),
        period=(
            t(f"meetings.period.{period.value}", lang)
            if period
            else t("meetings.settings.not_tracked", lang)
        ),
    )


def page_buttons(lang: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [
                (t("meetings.settings.btn.reminders", lang), "mt:st:rm"),
                (t("meetings.settings.btn.window", lang), "mt:st:win"),
            ],
            [
                (t("meetings.settings.btn.radius", lang), "mt:st:rd"),
                (t("meetings.settings.btn.tz", lang), "mt:st:tz"),
            ],
            [(t("meetings.settings.btn.cadence", lang), "mt:st:cd")],
        ]
    )


def _mark(label: str, chosen: bool) -> str:
    return f"✓ {label}" if chosen else label


class SettingsFlow:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            CommandHandler("settings", self.command, filters=filters.ChatType.PRIVATE),
            CallbackQueryHandler(self.button, pattern=r"^mt:st:"),
        ]

    async def command(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await load(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await send(update, context, page_text(found, lang), page_buttons(lang))

    async def button(self, update: Update, context: Context) -> None:
        parts = args_of(update)
        what, value = parts[0], (parts[1] if len(parts) > 1 else None)
        async with unit(update, context) as u:
            found = await load(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        if value is None:
            await self._menu(update, context, what, found, lang)
            return
        if what == "rm" and value == "typed":
            async with unit(update, context) as u:
                await wait_for(u, update, "reminders")
            await send(update, context, t("meetings.settings.ask_reminders", lang))
            return
        edit = _edit_for(what, value)
        if what == "tz":
            await self._set_tz(update, context, value, lang)
            return
        if edit is None:
            return
        async with unit(update, context) as u:
            result = await change(u.session, u.actor, edit, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        if what == "cy":
            await self._menu(update, context, "cd", result, lang)
        else:
            await show(update, context, page_text(result, lang), page_buttons(lang))

    async def _menu(
        self, update: Update, context: Context, what: str, s: BranchSettings, lang: str
    ) -> None:
        m = s.meetings
        rows: list[list[tuple[str, str]]] = []
        if what == "rm":
            for i, preset in enumerate(REMINDER_PRESETS):
                offsets = parse_reminder_offsets(preset)
                label = reminders_text(offsets if isinstance(offsets, tuple) else (), lang)
                rows.append([(label, f"mt:st:rm:{i}")])
            rows.append([(t("meetings.btn.rule_typed", lang), "mt:st:rm:typed")])
        elif what == "win":
            minutes = _minutes(m)
            for key, choices, current in (
                ("ob", OPENS_BEFORE_CHOICES, minutes[0]),
                ("ca", CLOSES_AFTER_CHOICES, minutes[1]),
                ("la", LATE_AFTER_CHOICES, minutes[2]),
            ):
                rows.append(
                    [
                        (
                            _mark(t(f"meetings.settings.opt.{key}", lang, n=v), v == current),
                            f"mt:st:{key}:{v}",
                        )
                        for v in choices
                    ]
                )
        elif what == "rd":
            rows.append(
                [
                    (
                        _mark(t("meetings.settings.opt.rd", lang, n=v), v == m.radius_m),
                        f"mt:st:rd:{v}",
                    )
                    for v in RADIUS_CHOICES
                ]
            )
        elif what == "tz":
            rows += [
                [(render.zone_name(name, lang), f"mt:st:tz:{i}")]
                for i, name in enumerate(TIMEZONES)
            ]
            rows.append([(t("meetings.btn.rule_typed", lang), "mt:st:tz:typed")])
        elif what == "cd":
            for mt in MeetingType:
                if mt is MeetingType.OTHER:
                    continue
                rows.append([(_type_period(mt, m, lang), f"mt:st:cy:{mt.value}")])
        rows.append([(t("meetings.btn.done", lang), "mt:st:page")])
        if what == "page":
            await show(update, context, page_text(s, lang), page_buttons(lang))
            return
        await show(update, context, t(f"meetings.settings.menu.{what}", lang), inline(rows))

    async def _set_tz(self, update: Update, context: Context, value: str, lang: str) -> None:
        if value == "typed" or not value.isdigit() or int(value) >= len(TIMEZONES):
            async with unit(update, context) as u:
                await wait_for(u, update, "tz")
            await send(update, context, t("meetings.settings.ask_tz", lang))
            return
        await self._apply_tz(update, context, TIMEZONES[int(value)], lang)

    async def _apply_tz(self, update: Update, context: Context, name: str, lang: str) -> None:
        async with unit(update, context) as u:
            result = await set_timezone(u.session, u.actor, name, u.data.clock.now())
            if isinstance(result, BranchSettings):
                await stop_waiting(u, update, "tz")
        if result is None:
            await send(update, context, t("meetings.settings.bad_tz", lang))
            return
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await send(update, context, page_text(result, lang), page_buttons(lang))

    async def on_input(self, update: Update, context: Context, state: FlowState, lang: str) -> None:
        message = update.message
        if message is None or not message.text:
            return
        if state.step == "tz":
            await self._apply_tz(update, context, message.text, lang)
            return
        offsets = parse_reminder_offsets(message.text)
        if isinstance(offsets, ReminderError):
            await send(update, context, t(f"meetings.error.{offsets.value}", lang))
            return
        async with unit(update, context) as u:
            await stop_waiting(u, update, "reminders")
            result = await change(
                u.session, u.actor, lambda m: replace(m, reminders=offsets), u.data.clock.now()
            )
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await send(update, context, page_text(result, lang), page_buttons(lang))


def _minutes(m: MeetingSettings) -> tuple[int, int, int]:
    one = timedelta(minutes=1)
    return (int(m.opens_before / one), int(m.closes_after / one), int(m.late_after / one))


Edit = Callable[[MeetingSettings], MeetingSettings]


def _edit_for(what: str, value: str) -> Edit | None:
    """The settings change a button stands for (None: not a valid button)."""
    if what == "rm":
        if value == "typed" or not value.isdigit() or int(value) >= len(REMINDER_PRESETS):
            return None
        offsets = parse_reminder_offsets(REMINDER_PRESETS[int(value)])
        if isinstance(offsets, ReminderError):
            return None
        return lambda m: replace(m, reminders=offsets)
    if not value.isdigit() and what != "cy":
        return None
    choices = {
        "ob": OPENS_BEFORE_CHOICES,
        "ca": CLOSES_AFTER_CHOICES,
        "la": LATE_AFTER_CHOICES,
        "rd": RADIUS_CHOICES,
    }
    if what in choices:
        number = int(value)
        if number not in choices[what]:
            return None
        delta = timedelta(minutes=number)
        if what == "ob":
            return lambda m: replace(m, opens_before=delta)
        if what == "ca":
            return lambda m: replace(m, closes_after=delta)
        if what == "la":
            return lambda m: replace(m, late_after=delta)
        return lambda m: replace(m, radius_m=number)
    if what == "cy":
        try:
            mt = MeetingType(value)
        except ValueError:
            return None
        return lambda m: replace(m, cadence=_cycled(m, mt))
    return None


def _cycled(m: MeetingSettings, mt: MeetingType) -> dict[MeetingType, Period]:
    current = m.cadence.get(mt)
    following = _CYCLE[(_CYCLE.index(current) + 1) % len(_CYCLE)]
    updated = dict(m.cadence)
    if following is None:
        updated.pop(mt, None)
    else:
        updated[mt] = following
    return updated
