"""📝 记录履职: day (today / yesterday / pick), what was done, optional hours and photos.

The draft lives in the conversation store; every button checks that the flow is at its step
for that post, and the service checks everything again when the record is submitted.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from telegram import Update

from bot.context import Context
from bot.domain.posts.rules import MAX_PHOTOS, QUICK_HALVES, check_photo
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.posts import duty
from bot.services.posts.common import Refusal, Refused
from bot.services.posts.duty import halves_text
from bot.texts import dates, t
from handlers.base import Unit, unit
from handlers.keyboards import inline
from handlers.posts.buttons import (
    DutyDay,
    DutyHours,
    PickDutyDay,
    PostsMenu,
    StartDuty,
    SubmitDuty,
)
from handlers.posts.common import (
    Rows,
    answer,
    done,
    expect,
    refuse,
    send,
    show,
    stale,
    state_of,
)


def _hours_rows(post_id: int, lang: str) -> Rows:
    quick = [(halves_text(h), DutyHours(post_id, h).data) for h in QUICK_HALVES]
    rows: Rows = [quick[i : i + 3] for i in range(0, len(quick), 3)]
    rows.append([(t("posts.btn.no_hours", lang), DutyHours(post_id, None).data)])
    return rows


def _photo_rows(post_id: int, lang: str) -> Rows:
    return [[(t("posts.btn.submit", lang), SubmitDuty(post_id).data)]]


class DutyFlow:
    async def start(self, update: Update, context: Context, button: StartDuty) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await duty.start(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        rows: Rows = []
        if found.today >= found.claimed_on:
            rows.append([(t("posts.btn.today", lang), DutyDay(post_id, found.today).data)])
        yesterday = found.today - timedelta(days=1)
        if yesterday >= found.claimed_on:
            rows.append([(t("posts.btn.yesterday", lang), DutyDay(post_id, yesterday).data)])
        if len(found.days) > 2:
            rows.append([(t("posts.btn.other_day", lang), PickDutyDay(post_id).data)])
        text = t("posts.duty.when", lang, post=html.escape(found.post_name))
        await show(update, context, text, inline(rows))

    async def pick_day(self, update: Update, context: Context, button: PickDutyDay) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            found = await duty.start(u.session, u.actor, post_id, u.data.clock.now())
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        buttons = [(dates.day(d, lang), DutyDay(post_id, d).data) for d in found.days]
        rows: Rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        await show(update, context, t("posts.duty.pick", lang), inline(rows))

    async def day(self, update: Update, context: Context, button: DutyDay) -> None:
        post_id, day = button.post, button.day
        async with unit(update, context) as u:
            lang = u.actor.lang
            refused = await duty.check_day(u.session, u.actor, post_id, day, u.data.clock.now())
            if refused is None:
                await expect(u, update, "duty_what", {"post": post_id, "day": day.isoformat()})
        if refused is not None:
            await refuse(update, context, refused, lang)
            return
        await answer(update)
        await show(update, context, t("posts.duty.what", lang, day=day.isoformat()))

    async def on_what(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            lang = u.actor.lang
            what = duty.clean_what(message.text or "")
            if not isinstance(what, Refused):
                await expect(u, update, "duty_hours", {**state.data, "what": what})
        if isinstance(what, Refused):
            await refuse(update, context, what, lang)
            return
        post_id = int(state.data.get("post", 0))
        await send(
            update, context, t("posts.duty.hours_ask", lang), inline(_hours_rows(post_id, lang))
        )

    async def _at(self, u: Unit, update: Update, step: str, post_id: int) -> FlowState | None:
        state = await state_of(u, update)
        if state is None or state.step != step or state.data.get("post") != post_id:
            return None
        return state

    async def hours(self, update: Update, context: Context, button: DutyHours) -> None:
        post_id, halves = button.post, button.halves or 0  # 0: no hours given
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await self._at(u, update, "duty_hours", post_id)
            if state is not None:
                await expect(
                    u, update, "duty_photo", {**state.data, "halves": halves, "photos": []}
                )
        if state is None:
            await stale(update, context, lang)
            return
        await answer(update)
        text = t("posts.duty.photo_ask", lang, n=MAX_PHOTOS)
        await show(update, context, text, inline(_photo_rows(post_id, lang)))

    async def on_photo(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        photos = list(state.data.get("photos", []))
        post_id = int(state.data.get("post", 0))
        lang_refused: Refused | None = None
        file_id: str | None = None
        if message.photo:
            biggest = message.photo[-1]
            error = check_photo(len(photos), biggest.file_size, None)
            file_id = biggest.file_id
        elif message.document is not None:
            doc = message.document
            error = check_photo(len(photos), doc.file_size, doc.mime_type or "application/x")
            file_id = doc.file_id
        else:
            error = None
            lang_refused = Refused(Refusal.NOT_IMAGE)
        if error is not None:
            lang_refused = Refused(Refusal(error.value), str(MAX_PHOTOS))
        async with unit(update, context) as u:
            lang = u.actor.lang
            if lang_refused is None and file_id is not None:
                photos.append(file_id)
                await expect(u, update, "duty_photo", {**state.data, "photos": photos})
        if lang_refused is not None:
            await refuse(update, context, lang_refused, lang)
            return
        text = t("posts.duty.photo_added", lang, n=len(photos), max=MAX_PHOTOS)
        await send(update, context, text, inline(_photo_rows(post_id, lang)))

    async def submit(self, update: Update, context: Context, button: SubmitDuty) -> None:
        post_id = button.post
        async with unit(update, context) as u:
            lang = u.actor.lang
            state = await self._at(u, update, "duty_photo", post_id)
            result: duty.DutyView | Refused | None = None
            if state is not None:
                result = await duty.submit(
                    u.session,
                    u.actor,
                    post_id=post_id,
                    day=date.fromisoformat(str(state.data.get("day"))),
                    what=str(state.data.get("what", "")),
                    halves=int(state.data.get("halves", 0)),
                    photos=[str(p) for p in state.data.get("photos", [])],
                    now=u.data.clock.now(),
                )
                await done(u, update)
        if result is None:
            await stale(update, context, lang)
            return
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update, t("posts.duty.sent_short", lang))
        text = t("posts.duty.sent", lang) + "\n" + duty.duty_text(result, lang)
        await show(update, context, text, inline([[(t("posts.btn.menu", lang), PostsMenu().data)]]))
