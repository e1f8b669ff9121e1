"""The host opens check-in early or closes it now, from the meeting card or the code screen."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import BaseHandler

from bot.context import Context
from bot.services.delivery import notices as outbox
from bot.services.meetings.access import Refused
from bot.services.meetings.checkin import code_view
from bot.services.meetings.hosting import closable, close_now, open_now
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.keyboards import inline
from handlers.meetings.buttons import (
    AskCloseCheckIn,
    BackToMeetings,
    CloseCheckIn,
    OpenCheckInNow,
)
from handlers.meetings.code import close_screens, open_screen, secret_of
from handlers.meetings.common import answer, refuse_with, send, show, user_id


class HostingFlow:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        return [
            on(OpenCheckInNow, self.open_early),
            on(AskCloseCheckIn, self.close_ask),
            on(CloseCheckIn, self.close_do),
        ]

    async def open_early(self, update: Update, context: Context, button: OpenCheckInNow) -> None:
        """Open check-in now and show the code screen straight away."""
        meeting_id = button.meeting
        secret = await secret_of(context.bot_data)
        async with unit(update, context) as u:
            done = await open_now(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(done, Refused):
            await refuse_with(update, context, done, lang)
            return
        async with unit(update, context) as u:
            view = await code_view(u.session, u.actor, meeting_id, secret, u.data.clock.now())
        if isinstance(view, Refused):
            await refuse_with(update, context, view, lang)
            return
        await answer(update)
        chat = update.effective_chat
        assert chat is not None
        await open_screen(context, chat.id, user_id(update), view, lang)

    async def close_ask(self, update: Update, context: Context, button: AskCloseCheckIn) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            found = await closable(u.session, u.actor, meeting_id)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        await send(
            update,
            context,
            t("meetings.checkin.close_ask", lang, title=html.escape(found.title)),
            inline(
                [
                    [(t("meetings.btn.close_confirm", lang), CloseCheckIn(meeting_id).data)],
                    [(t("meetings.btn.keep", lang), BackToMeetings().data)],
                ]
            ),
        )

    async def close_do(self, update: Update, context: Context, button: CloseCheckIn) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            done = await close_now(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(done, Refused):
            await refuse_with(update, context, done, lang)
            return
        await answer(update)
        outbox.wake(context.bot_data)
        await close_screens(context, meeting_id)
        title = html.escape(done.meeting.title)
        await show(update, context, t("meetings.checkin.closed_now", lang, title=title))
