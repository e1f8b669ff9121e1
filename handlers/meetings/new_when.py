"""/newmeeting, first half: the type and title, then when (day, hour, minute, repeats, length)."""

from __future__ import annotations

import html
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context
from bot.domain.meetings import local_date, to_local
from bot.domain.meetings.recurrence import RecurrenceError, parse_recurrence
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.keyboards import inline
from handlers.meetings import pickers as pick
from handlers.meetings.buttons import (
    CancelDraft,
    DefaultTitle,
    PickDay,
    PickDuration,
    PickHour,
    PickMinute,
    PickPlace,
    PickRepeat,
    PickType,
)
from handlers.meetings.common import send, show
from handlers.meetings.state import Draft, save_draft


def cancel_row(lang: str) -> list[tuple[str, str]]:
    return [(t("meetings.btn.cancel", lang), CancelDraft().data)]


def day_picker(d: Draft, context: Context, lang: str) -> InlineKeyboardMarkup:
    today = local_date(context.bot_data.clock.now(), d.tz)
    return pick.day_picker(lambda day: PickDay(day).data, today, lang, CancelDraft().data)


class WhenSteps:
    """The wizard's steps up to the meeting's length."""

    async def pick_type(
        self, update: Update, context: Context, d: Draft, b: PickType, lang: str
    ) -> None:
        d.type = b.meeting_type
        await save_draft(update, context, d, "title")
        name = render.type_name(d.type.value, lang)
        await show(
            update,
            context,
            t("meetings.new.ask_title", lang, type=name),
            inline(
                [
                    [(t("meetings.btn.default_title", lang, title=name), DefaultTitle().data)],
                    cancel_row(lang),
                ]
            ),
        )

    async def default_title(
        self, update: Update, context: Context, d: Draft, b: DefaultTitle, lang: str
    ) -> None:
        if d.type is not None:
            await self.set_title(update, context, d, render.type_name(d.type.value, lang), lang)

    async def set_title(
        self, update: Update, context: Context, d: Draft, title: str, lang: str
    ) -> None:
        d.title = title
        await save_draft(update, context, d)
        await show(
            update,
            context,
            t("meetings.new.choose_day", lang, title=html.escape(title)),
            day_picker(d, context, lang),
        )

    async def pick_day(
        self, update: Update, context: Context, d: Draft, b: PickDay, lang: str
    ) -> None:
        d.day = b.day
        await save_draft(update, context, d)
        now_local = to_local(context.bot_data.clock.now(), d.tz).replace(tzinfo=None)
        await show(
            update,
            context,
            t("meetings.new.choose_hour", lang, day=render.day_label(d.day, lang)),
            pick.hour_picker(
                lambda h: PickHour(h).data, d.day, now_local, lang, CancelDraft().data
            ),
        )

    async def pick_hour(
        self, update: Update, context: Context, d: Draft, b: PickHour, lang: str
    ) -> None:
        d.hour = b.hour
        await save_draft(update, context, d)
        await show(
            update,
            context,
            t("meetings.new.choose_minute", lang),
            pick.minute_picker(lambda m: PickMinute(m).data, d.hour, lang, CancelDraft().data),
        )

    async def pick_minute(
        self, update: Update, context: Context, d: Draft, b: PickMinute, lang: str
    ) -> None:
        if b.minute not in pick.MINUTES or d.day is None or d.hour is None:
            return
        d.minute = b.minute
        await save_draft(update, context, d)
        await show(
            update,
            context,
            t("meetings.new.choose_repeat", lang),
            pick.repeat_picker(d.day, d.hour, d.minute, d.tz, lang),
        )

    async def pick_repeat(
        self, update: Update, context: Context, d: Draft, b: PickRepeat, lang: str
    ) -> None:
        if d.day is None or d.hour is None or d.minute is None:
            return
        if b.rule == "typed":
            await save_draft(update, context, d, "rule")
            await show(
                update, context, t("meetings.new.ask_rule", lang), inline([cancel_row(lang)])
            )
            return
        once = b.rule == "once"
        d.recurrence = None if once else pick.repeat_rule(b.rule, d.day, d.hour, d.minute, d.tz)
        await save_draft(update, context, d)
        await self.ask_duration(update, context, lang)

    async def set_rule(
        self, update: Update, context: Context, d: Draft, text: str, lang: str
    ) -> None:
        rule = parse_recurrence(text, d.tz)
        if isinstance(rule, RecurrenceError):
            await send(
                update,
                context,
                t("meetings.new.rule_bad", lang, why=t(f"meetings.error.{rule.value}", lang)),
            )
            return
        d.recurrence = rule
        d.hour, d.minute = rule.time_of_day.hour, rule.time_of_day.minute
        await save_draft(update, context, d)
        await self.ask_duration(update, context, lang)

    async def ask_duration(self, update: Update, context: Context, lang: str) -> None:
        await show(
            update, context, t("meetings.new.choose_duration", lang), pick.duration_picker(lang)
        )

    async def pick_duration(
        self, update: Update, context: Context, d: Draft, b: PickDuration, lang: str
    ) -> None:
        if b.minutes not in pick.DURATIONS:
            return
        d.duration = timedelta(minutes=b.minutes) if b.minutes else None
        await save_draft(update, context, d, "place")
        rows = [[(p[0], PickPlace(i).data)] for i, p in enumerate(d.places)]
        rows.append([(t("meetings.btn.no_place", lang), PickPlace(None).data)])
        rows.append(cancel_row(lang))
        await show(update, context, t("meetings.new.ask_place", lang), inline(rows))
