"""/newmeeting, the end: publishing the draft, or a meeting typed on one line, and the report
of what came of it (created, refused, not valid)."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError

from bot.context import Context
from bot.domain.meetings import default_audience, local_date
from bot.services.delivery import notices as outbox
from bot.services.meetings.access import Refused
from bot.services.meetings.oneline import parse_one_line
from bot.services.meetings.scheduling import Created, Invalid, NewMeeting, create_meeting
from bot.services.meetings.wizard import wizard_info
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import main_menu
from handlers.meetings.buttons import Publish
from handlers.meetings.common import refuse_with, send, show
from handlers.meetings.new_when import day_picker
from handlers.meetings.state import Draft, done, mark_published

Outcome = Created | Refused | Invalid | str  # str: why the one line was not understood


def card_of(update: Update) -> int | None:
    """The message whose button was pressed (the wizard's card), if any."""
    query = update.callback_query
    return query.message.message_id if query is not None and query.message else None


class PublishSteps:
    """Creating the meeting, from the wizard's last card or from one typed line."""

    async def publish(
        self, update: Update, context: Context, d: Draft, b: Publish, lang: str
    ) -> None:
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
            await show(update, context, invalid_text(result, lang), day_picker(d, context, lang))
            return
        await self.report(update, context, result, lang)

    async def one_line(self, update: Update, context: Context, line: str) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            info = await wizard_info(u.session, u.actor)
            if isinstance(info, Refused):
                result: Outcome = info
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
        await self.report(update, context, result, lang)

    async def report(self, update: Update, context: Context, result: Outcome, lang: str) -> None:
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
                card = card_of(update)
                if card is None:
                    await done(u, update)
                else:
                    # The draft is gone; the card is remembered for a late or double press.
                    await mark_published(u, update, card)
            await _mark_card_published(update, lang)
            key = "meetings.new.created_series" if result.series_id else "meetings.new.created"
            await send(
                update,
                context,
                t(key, lang, notified=result.notified, count=result.occurrences),
                main_menu(actor),
            )


async def _mark_card_published(update: Update, lang: str) -> None:
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


def oneline_reason(code: str, lang: str) -> str:
    """Recurrence codes share the wizard's texts; the rest are about the line's layout."""
    if code.startswith("recurrence_"):
        return t(f"meetings.error.{code}", lang)
    return t(f"meetings.oneline.{code}", lang)


def invalid_text(result: Invalid, lang: str) -> str:
    reasons = "\n".join("• " + t(f"meetings.error.{code}", lang) for code in result.errors)
    return t("meetings.new.invalid", lang, reasons=reasons)
