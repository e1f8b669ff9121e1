"""/newmeeting: a guided flow of big buttons, or one line for power users."""

from __future__ import annotations

import contextlib
import html
from datetime import timedelta

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.meetings import MeetingType, default_audience, local_date, to_local
from bot.domain.meetings.recurrence import RecurrenceError, parse_recurrence
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices as outbox
from bot.services.meetings import render
from bot.services.meetings.access import Refused
from bot.services.meetings.oneline import parse_one_line
from bot.services.meetings.scheduling import (
    Created,
    Invalid,
    NewMeeting,
    create_meeting,
)
from bot.services.meetings.wizard import wizard_info
from bot.texts import t
from handlers.base import unit
from handlers.filters import menu_button
from handlers.keyboards import inline, main_menu
from handlers.meetings import pickers as pick
from handlers.meetings.common import answer, args_of, refuse_with, send, show
from handlers.meetings.new_details import DetailSteps
from handlers.meetings.state import (
    PUBLISHED,
    Draft,
    done,
    draft_in,
    keep_draft,
    mark_published,
    save_draft,
    state_of,
)

P = "mt:nw"
CANCEL = f"{P}:x"


class NewMeetingFlow(DetailSteps):
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("newmeeting", self.command, filters=private),
            MessageHandler(menu_button("menu.newmeeting"), self.command),
            CallbackQueryHandler(self.on_button, pattern=rf"^{P}:"),
            CallbackQueryHandler(self.from_button, pattern=r"^mt:nwstart$"),
        ]

    async def from_button(self, update: Update, context: Context) -> None:
        await answer(update)
        await self.command(update, context)

    async def command(self, update: Update, context: Context) -> None:
        line = " ".join(context.args or [])
        if line.strip():
            await self.one_line(update, context, line)
            return
        async with unit(update, context) as u:
            info = await wizard_info(u.session, u.actor)
            lang = u.actor.lang
            if not isinstance(info, Refused):
                draft = Draft(
                    branch_id=info.branch_id,
                    tz=info.tz,
                    places=info.places,
                    groups=info.groups,
                    branch_wide=info.branch_wide,
                )
                await keep_draft(u, update, draft)
        if isinstance(info, Refused):
            await refuse_with(update, context, info, lang)
            return
        await send(
            update,
            context,
            t("meetings.new.choose_type", lang),
            pick.type_picker(f"{P}:ty", info.branch_wide, lang, CANCEL),
        )

    async def one_line(self, update: Update, context: Context, line: str) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            info = await wizard_info(u.session, u.actor)
            if isinstance(info, Refused):
                result: Created | Refused | Invalid | str = info
            else:
                now = u.data.clock.now()
                parsed = parse_one_line(line, info.tz, local_date(now, info.tz))
                if isinstance(parsed, str):
                    result = parsed
                else:
                    me = u.actor.member
                    group = me.group_id if me else None
                    try:
                        audience = default_audience(parsed.type, group)
                    except ValueError:
                        audience = None
                    if audience is None:
                        result = "group"
                    else:
                        result = await create_meeting(
                            u.session,
                            u.actor,
                            NewMeeting(
                                type=parsed.type,
                                title=parsed.title or render.type_name(parsed.type.value, lang),
                                start_local=parsed.start_local,
                                audience=audience,
                                duration=parsed.duration,
                                place=parsed.place,
                                agenda=parsed.agenda,
                                recurrence=parsed.recurrence,
                            ),
                            now,
                        )
        await self._report(update, context, result, lang)

    async def _report(
        self,
        update: Update,
        context: Context,
        result: Created | Refused | Invalid | str,
        lang: str,
    ) -> None:
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
        elif isinstance(result, str):
            await send(
                update,
                context,
                t("meetings.new.oneline_bad", lang, why=oneline_reason(result, lang)),
            )
        elif isinstance(result, Invalid):
            await send(update, context, invalid_text(result, lang))
        else:
            outbox.wake(context.bot_data)
            async with unit(update, context) as u:
                actor = u.actor
                card = self._card_of(update)
                if card is None:
                    await done(u, update)
                else:
                    # The draft is gone; the card is remembered for a late or double press.
                    await mark_published(u, update, card)
            await self._mark_card_published(update, lang)
            key = "meetings.new.created_series" if result.series_id else "meetings.new.created"
            await send(
                update,
                context,
                t(key, lang, notified=result.notified, count=result.occurrences),
                main_menu(actor),
            )

    @staticmethod
    def _card_of(update: Update) -> int | None:
        query = update.callback_query
        return query.message.message_id if query is not None and query.message else None

    async def _mark_card_published(self, update: Update, lang: str) -> None:
        """The confirm card loses its buttons and says it was published."""
        query = update.callback_query
        message = query.message if query is not None else None
        if query is None or message is None:
            return
        text = getattr(message, "text_html", None)
        note = t("meetings.new.card_published", lang)
        with contextlib.suppress(TelegramError):
            if text:
                await query.edit_message_text(f"{text}\n\n{note}", reply_markup=None)
            else:
                await query.edit_message_reply_markup(None)

    async def on_button(self, update: Update, context: Context) -> None:
        parts = args_of(update)
        action, value = parts[0], (parts[1] if len(parts) > 1 else "")
        pressed = self._card_of(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await state_of(u, update)
            draft = draft_in(state)
            late = (
                draft is None
                and pressed is not None
                and state is not None
                and state.step == PUBLISHED
                and state.data.get("card") == pressed
            )
            if not late and (action == "x" or draft is None):
                await done(u, update)
        if late:
            # A late (or double) press on a card already published: say so kindly.
            await answer(update, t("meetings.new.already_published", lang), alert=True)
            return
        if action == "x" or draft is None:
            await answer(update)
            key = "meetings.new.cancelled" if action == "x" else "meetings.new.expired"
            await show(update, context, t(key, lang))
            return
        await answer(update)
        step = {
            "ty": self._type,
            "dt": self._default_title,
            "d": self._day,
            "h": self._hour,
            "mi": self._minute,
            "rc": self._repeat,
            "du": self._duration,
            "pl": self._place_pick,
            "lc": self._location_skip,
            "au": self._audience,
            "ag": self._agenda_done,
            "ok": self._publish,
        }.get(action)
        if step is not None:
            await step(update, context, draft, value, lang)

    # --- steps --------------------------------------------------------------------------

    async def _type(self, update: Update, context: Context, d: Draft, v: str, lang: str) -> None:
        try:
            d.type = MeetingType(v)
        except ValueError:
            return
        await save_draft(update, context, d, "title")
        name = render.type_name(d.type.value, lang)
        await show(
            update,
            context,
            t("meetings.new.ask_title", lang, type=name),
            inline(
                [
                    [(t("meetings.btn.default_title", lang, title=name), f"{P}:dt")],
                    [(t("meetings.btn.cancel", lang), CANCEL)],
                ]
            ),
        )

    async def _default_title(
        self, update: Update, context: Context, d: Draft, v: str, lang: str
    ) -> None:
        if d.type is not None:
            await self.set_title(update, context, d, render.type_name(d.type.value, lang), lang)

    async def set_title(
        self, update: Update, context: Context, d: Draft, title: str, lang: str
    ) -> None:
        d.title = title
        await save_draft(update, context, d)
        today = local_date(context.bot_data.clock.now(), d.tz)
        await show(
            update,
            context,
            t("meetings.new.choose_day", lang, title=html.escape(title)),
            pick.day_picker(f"{P}:d", today, lang, CANCEL),
        )

    async def _day(self, update: Update, context: Context, d: Draft, v: str, lang: str) -> None:
        if len(v) != 8 or not v.isdigit():
            return
        from datetime import date

        d.day = date(int(v[:4]), int(v[4:6]), int(v[6:]))
        await save_draft(update, context, d)
        now_local = to_local(context.bot_data.clock.now(), d.tz).replace(tzinfo=None)
        label = render.day_label(d.day, lang)
        await show(
            update,
            context,
            t("meetings.new.choose_hour", lang, day=label),
            pick.hour_picker(f"{P}:h", d.day, now_local, lang, CANCEL),
        )

    async def _hour(self, update: Update, context: Context, d: Draft, v: str, lang: str) -> None:
        if not v.isdigit() or not 0 <= int(v) <= 23:
            return
        d.hour = int(v)
        await save_draft(update, context, d)
        await show(
            update,
            context,
            t("meetings.new.choose_minute", lang),
            pick.minute_picker(f"{P}:mi", d.hour, lang, CANCEL),
        )

    async def _minute(self, update: Update, context: Context, d: Draft, v: str, lang: str) -> None:
        if not v.isdigit() or int(v) not in pick.MINUTES or d.day is None or d.hour is None:
            return
        d.minute = int(v)
        await save_draft(update, context, d)
        await show(
            update,
            context,
            t("meetings.new.choose_repeat", lang),
            pick.repeat_picker(f"{P}:rc", d.day, d.hour, d.minute, d.tz, lang, CANCEL),
        )

    async def _repeat(self, update: Update, context: Context, d: Draft, v: str, lang: str) -> None:
        if d.day is None or d.hour is None or d.minute is None:
            return
        if v == "typed":
            await save_draft(update, context, d, "rule")
            await show(
                update,
                context,
                t("meetings.new.ask_rule", lang),
                inline([[(t("meetings.btn.cancel", lang), CANCEL)]]),
            )
            return
        d.recurrence = None if v == "once" else pick.repeat_rule(v, d.day, d.hour, d.minute, d.tz)
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
            update,
            context,
            t("meetings.new.choose_duration", lang),
            pick.duration_picker(f"{P}:du", lang, CANCEL),
        )

    async def _duration(
        self, update: Update, context: Context, d: Draft, v: str, lang: str
    ) -> None:
        if not v.isdigit():
            return
        d.duration = timedelta(minutes=int(v)) if int(v) else None
        await save_draft(update, context, d, "place")
        rows = [[(p[0], f"{P}:pl:{i}")] for i, p in enumerate(d.places)]
        rows.append([(t("meetings.btn.no_place", lang), f"{P}:pl:-")])
        rows.append([(t("meetings.btn.cancel", lang), CANCEL)])
        await show(update, context, t("meetings.new.ask_place", lang), inline(rows))

    async def _publish(self, update: Update, context: Context, d: Draft, v: str, lang: str) -> None:
        start = d.start_local
        if d.type is None or d.title is None or start is None or d.audience is None:
            await show(update, context, t("meetings.new.expired", lang))
            return
        draft = NewMeeting(
            type=d.type,
            title=d.title,
            start_local=start,
            audience=d.audience,
            duration=d.duration,
            place=d.place,
            location=d.location,
            agenda=d.agenda,
            recurrence=d.recurrence,
            files=tuple(d.files),
        )
        async with unit(update, context) as u:
            result = await create_meeting(u.session, u.actor, draft, u.data.clock.now())
        if isinstance(result, Invalid) and "starts_in_past" in result.errors:
            today = local_date(context.bot_data.clock.now(), d.tz)
            await show(
                update,
                context,
                invalid_text(result, lang),
                pick.day_picker(f"{P}:d", today, lang, CANCEL),
            )
            return
        await self._report(update, context, result, lang)

    async def on_input(self, update: Update, context: Context, state: FlowState, lang: str) -> None:
        """Typed text (or a map point, or files) for the step that asked for it."""
        d = draft_in(state)
        message = update.message
        step = state.step
        if d is None or message is None:
            async with unit(update, context) as u:
                await done(u, update)
            await send(update, context, t("meetings.new.expired", lang))
            return
        if step == "title" and message.text:
            await self.set_title(update, context, d, message.text.strip()[:60], lang)
        elif step == "rule" and message.text:
            await self.set_rule(update, context, d, message.text, lang)
        elif step in ("place", "location") and message.location is not None:
            await self.set_location(
                update, context, d, (message.location.latitude, message.location.longitude), lang
            )
        elif step in ("place", "location") and message.text:
            await self.set_place(update, context, d, message.text, lang)
        elif step == "agenda":
            await self.add_agenda(update, context, d, lang)


def oneline_reason(code: str, lang: str) -> str:
    """Recurrence codes share the wizard's texts; the rest are about the line's layout."""
    if code.startswith("recurrence_"):
        return t(f"meetings.error.{code}", lang)
    return t(f"meetings.oneline.{code}", lang)


def invalid_text(result: Invalid, lang: str) -> str:
    reasons = "\n".join("• " + t(f"meetings.error.{code}", lang) for code in result.errors)
    return t("meetings.new.invalid", lang, reasons=reasons)
