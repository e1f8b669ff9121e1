"""/newmeeting: a guided flow of big buttons, or one line for power users.

The steps are in new_when (type, title, time), new_details (place, audience, agenda) and
new_publish (creating the meeting); here the command, the typed input, and what every wizard
button goes through first: the draft it belongs to, or a kind word when it is gone.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.kernel.buttons import Button
from bot.kernel.conversations import FlowState
from bot.services.meetings.access import Refused
from bot.services.meetings.wizard import wizard_info
from bot.texts import t
from handlers.base import unit
from handlers.buttons import on
from handlers.filters import menu_button
from handlers.meetings import buttons as b
from handlers.meetings import pickers as pick
from handlers.meetings.common import answer, refuse_with, send, show
from handlers.meetings.new_details import DetailSteps
from handlers.meetings.new_publish import PublishSteps, card_of
from handlers.meetings.new_when import WhenSteps
from handlers.meetings.state import PUBLISHED, Draft, done, draft_in, keep_draft, state_of

B = TypeVar("B", bound=Button)
Step = Callable[[Update, Context, Draft, B, str], Awaitable[None]]


class NewMeetingFlow(WhenSteps, DetailSteps, PublishSteps):
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        private = filters.ChatType.PRIVATE
        return [
            CommandHandler("newmeeting", self.command, filters=private),
            MessageHandler(menu_button("menu.newmeeting"), self.command),
            on(b.StartNewMeeting, self.from_button),
            on(b.CancelDraft, self.cancel),
            self._step(b.PickType, self.pick_type),
            self._step(b.DefaultTitle, self.default_title),
            self._step(b.PickDay, self.pick_day),
            self._step(b.PickHour, self.pick_hour),
            self._step(b.PickMinute, self.pick_minute),
            self._step(b.PickRepeat, self.pick_repeat),
            self._step(b.PickDuration, self.pick_duration),
            self._step(b.PickPlace, self.pick_place),
            self._step(b.SkipLocation, self.skip_location),
            self._step(b.AudienceWide, self.pick_audience),
            self._step(b.AudienceGroup, self.pick_audience),
            self._step(b.AudienceCategory, self.pick_audience),
            self._step(b.AgendaDone, self.agenda_done),
            self._step(b.Publish, self.publish),
        ]

    async def from_button(self, update: Update, context: Context, _: b.StartNewMeeting) -> None:
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
            pick.type_picker(info.branch_wide, lang),
        )

    def _step(self, kind: type[B], run: Step[B]) -> BaseHandler[Update, Context, None]:
        """A wizard button: its step runs on the person's draft, if it is still there."""

        async def pressed(update: Update, context: Context, button: B) -> None:
            opened = await self._open_draft(update, context)
            if opened is not None:
                draft, lang = opened
                await run(update, context, draft, button, lang)

        return on(kind, pressed)

    async def cancel(self, update: Update, context: Context, _: b.CancelDraft) -> None:
        await self._open_draft(update, context, cancel=True)

    async def _open_draft(
        self, update: Update, context: Context, *, cancel: bool = False
    ) -> tuple[Draft, str] | None:
        """The draft a wizard button is for; None (the person told why) when it is cancelled,
        gone, or already published from this card."""
        pressed = card_of(update)
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
            if not late and (cancel or draft is None):
                await done(u, update)
        if late:
            # A late (or double) press on a card already published: say so kindly.
            await answer(update, t("meetings.new.already_published", lang), alert=True)
            return None
        await answer(update)
        if cancel or draft is None:
            key = "meetings.new.cancelled" if cancel else "meetings.new.expired"
            await show(update, context, t(key, lang))
            return None
        return draft, lang

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
