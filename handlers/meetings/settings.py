"""/settings: the branch's meeting settings, changed with buttons (typing only if wanted)."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, filters

from bot.context import Context
from bot.domain.meetings import MeetingType, ReminderError, parse_reminder_offsets
from bot.domain.meetings.cadence import Period
from bot.kernel.conversations import FlowState
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
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.keyboards import inline
from handlers.meetings.buttons import (
    ChooseZone,
    CycleCadence,
    OpenSettings,
    ReminderPreset,
    SetRadius,
    SettingsScreen,
    SetWindow,
    TypeSetting,
    WindowEdge,
)
from handlers.meetings.common import answer, refuse_with, send, show
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
                (t("meetings.settings.btn.reminders", lang), OpenSettings("rm").data),
                (t("meetings.settings.btn.window", lang), OpenSettings("win").data),
            ],
            [
                (t("meetings.settings.btn.radius", lang), OpenSettings("rd").data),
                (t("meetings.settings.btn.tz", lang), OpenSettings("tz").data),
            ],
            [(t("meetings.settings.btn.cadence", lang), OpenSettings("cd").data)],
        ]
    )


def _mark(label: str, chosen: bool) -> str:
    return f"✓ {label}" if chosen else label


Edit = Callable[[MeetingSettings], MeetingSettings]
Row = list[tuple[str, str]]


class SettingsFlow:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            CommandHandler("settings", self.command, filters=filters.ChatType.PRIVATE),
            on(OpenSettings, self.open_menu),
            on(ReminderPreset, self.reminder_preset),
            on(TypeSetting, self.type_setting),
            on(SetWindow, self.set_window),
            on(SetRadius, self.set_radius),
            on(ChooseZone, self.choose_zone),
            on(CycleCadence, self.cycle_cadence),
        ]

    async def command(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await load(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await send(update, context, page_text(found, lang), page_buttons(lang))

    async def _loaded(self, update: Update, context: Context) -> tuple[BranchSettings, str] | None:
        """The settings, for a button of a person who may still change them (else refused)."""
        async with unit(update, context) as u:
            found = await load(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return None
        await answer(update)
        return found, lang

    async def open_menu(self, update: Update, context: Context, button: OpenSettings) -> None:
        loaded = await self._loaded(update, context)
        if loaded is not None:
            await self._menu(update, context, button.screen, *loaded)

    async def reminder_preset(
        self, update: Update, context: Context, button: ReminderPreset
    ) -> None:
        loaded = await self._loaded(update, context)
        if loaded is not None:
            await self._apply(update, context, _preset_edit(button.preset), loaded[1])

    async def set_window(self, update: Update, context: Context, button: SetWindow) -> None:
        loaded = await self._loaded(update, context)
        if loaded is not None:
            edit = _window_edit(button.edge, button.minutes)
            await self._apply(update, context, edit, loaded[1])

    async def set_radius(self, update: Update, context: Context, button: SetRadius) -> None:
        loaded = await self._loaded(update, context)
        if loaded is not None:
            await self._apply(update, context, _radius_edit(button.metres), loaded[1])

    async def cycle_cadence(self, update: Update, context: Context, button: CycleCadence) -> None:
        loaded = await self._loaded(update, context)
        mt = button.meeting_type
        if loaded is None or mt is MeetingType.OTHER:  # the menu never offers 其他
            return
        await self._apply(update, context, _cadence_edit(mt), loaded[1], menu="cd")

    async def type_setting(self, update: Update, context: Context, button: TypeSetting) -> None:
        loaded = await self._loaded(update, context)
        if loaded is not None:
            await self._ask_typed(update, context, button.what, loaded[1])

    async def choose_zone(self, update: Update, context: Context, button: ChooseZone) -> None:
        loaded = await self._loaded(update, context)
        if loaded is None:
            return
        if button.zone >= len(TIMEZONES):
            await self._ask_typed(update, context, "tz", loaded[1])
            return
        await self._apply_tz(update, context, TIMEZONES[button.zone], loaded[1])

    async def _ask_typed(self, update: Update, context: Context, what: str, lang: str) -> None:
        step, key = ("tz", "ask_tz") if what == "tz" else ("reminders", "ask_reminders")
        async with unit(update, context) as u:
            await wait_for(u, update, step)
        await send(update, context, t(f"meetings.settings.{key}", lang))

    async def _apply(
        self,
        update: Update,
        context: Context,
        edit: Edit | None,
        lang: str,
        *,
        menu: SettingsScreen | None = None,
    ) -> None:
        """Change the settings (rights checked again); then the page, or the menu `menu`."""
        if edit is None:
            return
        async with unit(update, context) as u:
            result = await change(u.session, u.actor, edit, u.data.clock.now())
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        if menu is not None:
            await self._menu(update, context, menu, result, lang)
        else:
            await show(update, context, page_text(result, lang), page_buttons(lang))

    async def _menu(
        self,
        update: Update,
        context: Context,
        screen: SettingsScreen,
        s: BranchSettings,
        lang: str,
    ) -> None:
        if screen == "page":
            await show(update, context, page_text(s, lang), page_buttons(lang))
            return
        rows = _menu_rows(screen, s.meetings, lang)
        rows.append([(t("meetings.btn.done", lang), OpenSettings("page").data)])
        await show(update, context, t(f"meetings.settings.menu.{screen}", lang), inline(rows))

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


def _menu_rows(screen: SettingsScreen, m: MeetingSettings, lang: str) -> list[Row]:
    """The choices of one settings menu, the current one ticked."""
    rows: list[Row] = []
    if screen == "rm":
        for i, preset in enumerate(REMINDER_PRESETS):
            offsets = parse_reminder_offsets(preset)
            label = reminders_text(offsets if isinstance(offsets, tuple) else (), lang)
            rows.append([(label, ReminderPreset(i).data)])
        rows.append([(t("meetings.btn.rule_typed", lang), TypeSetting("rm").data)])
    elif screen == "win":
        minutes = _minutes(m)
        edges: tuple[tuple[WindowEdge, tuple[int, ...], int], ...] = (
            ("ob", OPENS_BEFORE_CHOICES, minutes[0]),
            ("ca", CLOSES_AFTER_CHOICES, minutes[1]),
            ("la", LATE_AFTER_CHOICES, minutes[2]),
        )
        for edge, choices, current in edges:
            label = f"meetings.settings.opt.{edge}"
            rows.append(
                [
                    (_mark(t(label, lang, n=v), v == current), SetWindow(edge, v).data)
                    for v in choices
                ]
            )
    elif screen == "rd":
        rows.append(
            [
                (
                    _mark(t("meetings.settings.opt.rd", lang, n=v), v == m.radius_m),
                    SetRadius(v).data,
                )
                for v in RADIUS_CHOICES
            ]
        )
    elif screen == "tz":
        rows += [
            [(render.zone_name(name, lang), ChooseZone(i).data)] for i, name in enumerate(TIMEZONES)
        ]
        rows.append([(t("meetings.btn.rule_typed", lang), TypeSetting("tz").data)])
    elif screen == "cd":
        rows += [
            [(_type_period(mt, m, lang), CycleCadence(mt).data)]
            for mt in MeetingType
            if mt is not MeetingType.OTHER
        ]
    return rows


def _minutes(m: MeetingSettings) -> tuple[int, int, int]:
    one = timedelta(minutes=1)
    return (int(m.opens_before / one), int(m.closes_after / one), int(m.late_after / one))


# The settings change each button stands for; None for a value its menu never offers.


def _preset_edit(index: int) -> Edit | None:
    if index >= len(REMINDER_PRESETS):
        return None
    offsets = parse_reminder_offsets(REMINDER_PRESETS[index])
    if isinstance(offsets, ReminderError):
        return None
    return lambda m: replace(m, reminders=offsets)


def _window_edit(edge: WindowEdge, minutes: int) -> Edit | None:
    choices = {"ob": OPENS_BEFORE_CHOICES, "ca": CLOSES_AFTER_CHOICES, "la": LATE_AFTER_CHOICES}
    if minutes not in choices[edge]:
        return None
    delta = timedelta(minutes=minutes)
    if edge == "ob":
        return lambda m: replace(m, opens_before=delta)
    if edge == "ca":
        return lambda m: replace(m, closes_after=delta)
    return lambda m: replace(m, late_after=delta)


def _radius_edit(metres: int) -> Edit | None:
    if metres not in RADIUS_CHOICES:
        return None
    return lambda m: replace(m, radius_m=metres)


def _cadence_edit(mt: MeetingType) -> Edit:
    return lambda m: replace(m, cadence=_cycled(m, mt))


def _cycled(m: MeetingSettings, mt: MeetingType) -> dict[MeetingType, Period]:
    current = m.cadence.get(mt)
    following = _CYCLE[(_CYCLE.index(current) + 1) % len(_CYCLE)]
    updated = dict(m.cadence)
    if following is None:
        updated.pop(mt, None)
    else:
        updated[mt] = following
    return updated
