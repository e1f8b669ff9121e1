"""/newmeeting, second half: place and map point, audience, agenda and files, the preview."""

from __future__ import annotations

import html

from telegram import KeyboardButton, ReplyKeyboardMarkup, Update

from bot.context import Context
from bot.domain.meetings import Audience, MeetingType, default_audience
from bot.domain.uploads import FORWARDABLE_SUFFIXES, MAX_FORWARD_BYTES, check_upload
from bot.services.meetings.scheduling import FileRef
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline, main_menu
from handlers.meetings import pickers as pick
from handlers.meetings.buttons import (
    AgendaDone,
    AudienceCategory,
    AudienceGroup,
    AudienceWide,
    PickPlace,
    Publish,
    SkipLocation,
)
from handlers.meetings.common import send, show
from handlers.meetings.new_when import cancel_row
from handlers.meetings.state import Draft, save_draft

AudienceButton = AudienceWide | AudienceGroup | AudienceCategory


class DetailSteps:
    """The wizard's steps after the time: where, who, what."""

    async def pick_place(
        self, update: Update, context: Context, d: Draft, b: PickPlace, lang: str
    ) -> None:
        if b.place is None:
            d.place, d.location = None, None
            await self.ask_audience(update, context, d, lang)
        elif b.place < len(d.places):
            place, lat, lon = d.places[b.place]
            d.place = place
            d.location = (lat, lon) if lat is not None and lon is not None else None
            if d.location is None:
                await self.ask_location(update, context, d, lang)
            else:
                await self.ask_audience(update, context, d, lang)

    async def set_place(
        self, update: Update, context: Context, d: Draft, text: str, lang: str
    ) -> None:
        d.place = text.strip()[:100]
        await self.ask_location(update, context, d, lang)

    async def ask_location(self, update: Update, context: Context, d: Draft, lang: str) -> None:
        await save_draft(update, context, d, "location")
        keyboard = ReplyKeyboardMarkup(
            [[KeyboardButton(t("meetings.btn.send_location", lang), request_location=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        await send(update, context, t("meetings.new.ask_location", lang), keyboard)
        await send(
            update,
            context,
            t("meetings.new.location_skip_hint", lang),
            inline([[(t("meetings.btn.skip", lang), SkipLocation().data)]]),
        )

    async def set_location(
        self, update: Update, context: Context, d: Draft, point: tuple[float, float], lang: str
    ) -> None:
        d.location = point
        async with unit(update, context) as u:
            actor = u.actor
        await save_draft(update, context, d)
        await send(update, context, t("meetings.new.location_saved", lang), main_menu(actor))
        await self.ask_audience(update, context, d, lang)

    async def skip_location(
        self, update: Update, context: Context, d: Draft, b: SkipLocation, lang: str
    ) -> None:
        await self.ask_audience(update, context, d, lang)

    async def ask_audience(self, update: Update, context: Context, d: Draft, lang: str) -> None:
        if d.type in (MeetingType.GENERAL_MEETING, MeetingType.COMMITTEE):
            d.audience = default_audience(d.type)
            await self.ask_agenda(update, context, d, lang)
            return
        only_groups = d.type is MeetingType.GROUP_MEETING
        if only_groups and len(d.groups) == 1:
            d.audience = Audience.group(next(iter(d.groups)))
            await self.ask_agenda(update, context, d, lang)
            return
        await save_draft(update, context, d)
        await show(
            update,
            context,
            t("meetings.new.choose_audience", lang),
            pick.audience_picker(d.groups, d.branch_wide, only_groups, lang),
        )

    async def pick_audience(
        self, update: Update, context: Context, d: Draft, b: AudienceButton, lang: str
    ) -> None:
        """Only what the picker offered this draft (the data is never trusted); the service
        checks the person's rights again on publishing."""
        chosen: Audience | None = None
        if isinstance(b, AudienceWide) and d.branch_wide:
            chosen = Audience.branch() if b.whom == "branch" else Audience.committee()
        elif isinstance(b, AudienceGroup) and b.group in d.groups:
            chosen = Audience.group(b.group)
        elif isinstance(b, AudienceCategory) and b.category in pick.CATEGORIES and d.branch_wide:
            chosen = Audience.of_category(b.category.value)
        if chosen is not None:
            d.audience = chosen
            await self.ask_agenda(update, context, d, lang)

    async def ask_agenda(self, update: Update, context: Context, d: Draft, lang: str) -> None:
        await save_draft(update, context, d, "agenda")
        await show(
            update,
            context,
            t("meetings.new.ask_agenda", lang),
            inline(
                [
                    [(t("meetings.btn.next", lang), AgendaDone().data)],
                    cancel_row(lang),
                ]
            ),
        )

    async def add_agenda(self, update: Update, context: Context, d: Draft, lang: str) -> None:
        message = update.message
        assert message is not None
        if message.document is not None:
            doc = message.document
            problem = check_upload(
                doc.file_name,
                doc.mime_type,
                doc.file_size,
                max_bytes=MAX_FORWARD_BYTES,
                suffixes=FORWARDABLE_SUFFIXES,
            )
            if problem is not None:
                # Every invited member gets the agenda's files: no programs, scripts or archives.
                await send(update, context, t(f"upload.{problem.value}", lang))
                return
            d.files.append(FileRef("document", doc.file_id, doc.file_name))
            key = "meetings.new.file_added"
        elif message.photo:
            d.files.append(FileRef("photo", message.photo[-1].file_id, None))
            key = "meetings.new.file_added"
        else:
            text = (message.text or "").strip()
            d.agenda = f"{d.agenda}\n{text}" if d.agenda else text
            key = "meetings.new.agenda_added"
        await save_draft(update, context, d, "agenda")
        await send(
            update,
            context,
            t(key, lang, n=len(d.files)),
            inline([[(t("meetings.btn.next", lang), AgendaDone().data)]]),
        )

    async def agenda_done(
        self, update: Update, context: Context, d: Draft, b: AgendaDone, lang: str
    ) -> None:
        await save_draft(update, context, d)
        await show(
            update,
            context,
            preview(d, lang),
            inline(
                [
                    [(t("meetings.btn.publish", lang), Publish().data)],
                    cancel_row(lang),
                ]
            ),
        )


def preview(d: Draft, lang: str) -> str:
    """The draft as the members will see it, before publishing."""
    lines = [t("meetings.new.preview", lang)]
    if d.type is not None:
        lines.append(
            t(
                "meetings.card.title",
                lang,
                heading=html.escape(render.heading(d.type.value, d.title or "", lang)),
            )
        )
    start = d.start_local
    if d.recurrence is not None:
        lines.append(
            t("meetings.card.repeats", lang, rule=render.recurrence_text(d.recurrence, lang))
        )
    if start is not None:
        label = render.day_label(start, lang)
        when = f"{label} {start:%H:%M}"
        if d.duration is not None:  # as the notice will say it: 09:00–10:30
            when += f"–{start + d.duration:%H:%M}"
        lines.append(t("meetings.card.when", lang, when=when))
    if d.place:
        lines.append(t("meetings.card.place", lang, place=html.escape(d.place)))
    if d.location:
        lines.append(t("meetings.new.has_location", lang))
    if d.audience is not None:
        lines.append(
            t(
                "meetings.card.audience",
                lang,
                audience=render.audience_name(d.audience.to_string(), lang, d.groups),
            )
        )
    if d.agenda:
        lines.append(t("meetings.card.agenda", lang, agenda=html.escape(d.agenda[:600])))
    if d.files:
        lines.append(t("meetings.card.files", lang, n=len(d.files)))
    return "\n".join(lines)
