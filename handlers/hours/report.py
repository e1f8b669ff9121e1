"""/hours 📝: a member reports hours done outside an activity, with buttons and little typing.

Each button changes the member's own draft row (bot.services.hours.reports); the typed steps
(another date, other hours, what was done, photos) are a flow in the database.
"""

from __future__ import annotations

import html

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context
from bot.domain.hours.rules import QUICK_HALVES, format_halves, parse_day, parse_hours, recent_days
from bot.kernel.conversations import FlowState
from bot.services.hours import reports
from bot.services.hours.common import Refusal, Refused
from bot.services.hours.reports import ACTIVITY_TYPES, Draft, Duplicate, Submitted
from bot.texts import t
from handlers.base import Unit, unit
from handlers.hours.buttons import (
    CancelReport,
    ReportDay,
    ReportGoTo,
    ReportHours,
    ReportTeam,
    ReportType,
    ReportTypeIn,
    ReportWhatDefault,
    SubmitReport,
)
from handlers.hours.common import answer, done, expect, refuse, send, show
from handlers.keyboards import inline

Screen = tuple[str, InlineKeyboardMarkup]


def _cancel(rid: int, lang: str) -> tuple[str, str]:
    return (t("hours.btn.cancel", lang), CancelReport(rid).data)


def _team_label(draft: Draft, lang: str) -> str:
    r = draft.record
    if r.team_name:
        return r.team_name
    return t(f"hours.type.{r.activity_type}", lang) if r.activity_type else "—"


def day_screen(draft: Draft, lang: str) -> Screen:
    rid = draft.record.id
    days = recent_days(draft.today, 7)
    labels = [t("hours.day.today", lang), t("hours.day.yesterday", lang)]
    buttons = [
        (labels[i] if i < 2 else f"{d.month}/{d.day}", ReportDay(rid, d).data)
        for i, d in enumerate(days)
        if (draft.today - d).days <= draft.max_age_days
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([(t("hours.btn.other_day", lang), ReportTypeIn(rid, "day").data)])
    rows.append([_cancel(rid, lang)])
    return t("hours.report.day", lang), inline(rows)


def hours_screen(draft: Draft, lang: str) -> Screen:
    rid = draft.record.id
    buttons = [(format_halves(h), ReportHours(rid, h).data) for h in QUICK_HALVES]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    rows.append([(t("hours.btn.other_hours", lang), ReportTypeIn(rid, "hours").data)])
    rows.append([_cancel(rid, lang)])
    return t("hours.report.hours", lang), inline(rows)


def team_screen(draft: Draft, lang: str) -> Screen:
    rid = draft.record.id
    rows = [[(name, ReportTeam(rid, tid).data)] for tid, name in draft.teams]
    kinds = [
        (t(f"hours.type.{k}", lang), ReportType(rid, i).data) for i, k in enumerate(ACTIVITY_TYPES)
    ]
    rows += [kinds[i : i + 3] for i in range(0, len(kinds), 3)]
    rows.append([_cancel(rid, lang)])
    return t("hours.report.team", lang), inline(rows)


def what_screen(draft: Draft, lang: str) -> Screen:
    rid = draft.record.id
    quick = t("hours.btn.what_default", lang, team=_team_label(draft, lang))
    rows = [[(quick, ReportWhatDefault(rid).data)], [_cancel(rid, lang)]]
    return t("hours.report.what", lang), inline(rows)


def card_screen(draft: Draft, lang: str) -> Screen:
    r = draft.record
    rid = r.id
    text = t(
        "hours.report.card",
        lang,
        day=r.day.isoformat() if r.day else "—",
        h=format_halves(r.halves),
        team=html.escape(_team_label(draft, lang)),
        what=html.escape(r.what or "—"),
        photos=len(r.photos),
    )
    rows = [
        [
            (t("hours.btn.submit", lang), SubmitReport(rid, anyway=False).data),
            (t("hours.btn.photo", lang), ReportTypeIn(rid, "photo").data),
        ],
        [
            (t("hours.btn.change_day", lang), ReportGoTo(rid, "day").data),
            (t("hours.btn.change_hours", lang), ReportGoTo(rid, "hours").data),
        ],
        [
            (t("hours.btn.change_team", lang), ReportGoTo(rid, "team").data),
            (t("hours.btn.change_what", lang), ReportTypeIn(rid, "what").data),
        ],
        [_cancel(rid, lang)],
    ]
    return text, inline(rows)


def next_screen(draft: Draft, lang: str) -> Screen:
    """The first step still missing, else the card to check and submit."""
    r = draft.record
    if r.day is None:
        return day_screen(draft, lang)
    if r.halves <= 0:
        return hours_screen(draft, lang)
    if r.team_id is None and r.activity_type is None:
        return team_screen(draft, lang)
    if not r.what:
        return what_screen(draft, lang)
    return card_screen(draft, lang)


async def _after(u: Unit, update: Update, result: Draft | Refused) -> Screen | Refused:
    """The screen after a change; the "what" step waits for typed text as well."""
    if isinstance(result, Refused):
        return result
    text, markup = next_screen(result, u.actor.lang)
    r = result.record
    if r.day is not None and r.halves > 0 and (r.team_id or r.activity_type) and not r.what:
        await expect(u, update, "what", {"rid": r.id})
    else:
        await done(u, update)
    return text, markup


Change = ReportDay | ReportHours | ReportTeam | ReportType | ReportWhatDefault


class ReportFlow:
    """The buttons of the report draft: each changes the member's own draft, or moves a step."""

    async def start(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            result = await reports.start(u.session, u.actor, u.data.clock.now())
            screen = await _after(u, update, result)
            lang = u.actor.lang
        await self._screen(update, context, screen, lang)

    async def _screen(
        self, update: Update, context: Context, screen: Screen | Refused, lang: str
    ) -> None:
        if isinstance(screen, Refused):
            await refuse(update, context, screen, lang)
            return
        await answer(update)
        await show(update, context, *screen)

    async def change(self, update: Update, context: Context, b: Change) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            screen = await _after(u, update, await self._apply(u, b))
        await self._screen(update, context, screen, lang)

    async def _apply(self, u: Unit, b: Change) -> Draft | Refused:
        now, lang = u.data.clock.now(), u.actor.lang
        if isinstance(b, ReportDay):
            return await reports.set_day(u.session, u.actor, b.report, b.day, now)
        if isinstance(b, ReportHours):
            return await reports.set_halves(u.session, u.actor, b.report, b.halves, now)
        if isinstance(b, ReportTeam):
            return await reports.set_team(u.session, u.actor, b.report, now, team_id=b.team)
        if isinstance(b, ReportType):
            kind = ACTIVITY_TYPES[b.choice] if b.choice < len(ACTIVITY_TYPES) else None
            return await reports.set_team(u.session, u.actor, b.report, now, activity_type=kind)
        draft = await reports.show(u.session, u.actor, b.report, now)
        if isinstance(draft, Refused):
            return draft
        quick = t("hours.btn.what_default", lang, team=_team_label(draft, lang))
        return await reports.set_what(u.session, u.actor, b.report, quick, now)

    async def type_in(self, update: Update, context: Context, b: ReportTypeIn) -> None:
        """A typed step: another date, other hours, what was done, or a photo."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            draft = await reports.show(u.session, u.actor, b.report, u.data.clock.now())
            if not isinstance(draft, Refused):
                await expect(u, update, b.step, {"rid": b.report})
        if isinstance(draft, Refused):
            await refuse(update, context, draft, lang)
            return
        prompts = {
            "day": t("hours.report.day_typed", lang, days=draft.max_age_days),
            "hours": t("hours.report.hours_typed", lang),
            "what": what_screen(draft, lang)[0],
            "photo": t("hours.report.photo", lang),
        }
        back = inline([[(t("hours.btn.back", lang), ReportGoTo(b.report, "next").data)]])
        await self._screen(update, context, (prompts[b.step], back), lang)

    async def go_to(self, update: Update, context: Context, b: ReportGoTo) -> None:
        """Back to a step's buttons (leaving any typed step)."""
        async with unit(update, context) as u:
            lang = u.actor.lang
            draft = await reports.show(u.session, u.actor, b.report, u.data.clock.now())
            if not isinstance(draft, Refused):
                await done(u, update)
        screens = {"day": day_screen, "hours": hours_screen, "team": team_screen}
        screen = (
            draft if isinstance(draft, Refused) else screens.get(b.step, next_screen)(draft, lang)
        )
        await self._screen(update, context, screen, lang)

    async def submit(self, update: Update, context: Context, b: SubmitReport) -> None:
        rid = b.report
        async with unit(update, context) as u:
            result = await reports.submit(
                u.session, u.actor, rid, u.data.clock.now(), confirmed_duplicate=b.anyway
            )
            if not isinstance(result, Refused):
                await done(u, update)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        if isinstance(result, Duplicate):
            r = result.draft.record
            text = t(
                "hours.report.duplicate",
                lang,
                day=r.day.isoformat() if r.day else "",
                team=html.escape(_team_label(result.draft, lang)),
                h=format_halves(r.halves),
            )
            rows = [
                [(t("hours.btn.submit_anyway", lang), SubmitReport(rid, anyway=True).data)],
                [_cancel(rid, lang)],
            ]
            await show(update, context, text, inline(rows))
            return
        assert isinstance(result, Submitted)
        r = result.record
        team = r.team_name or t(f"hours.type.{r.activity_type}", lang)
        await show(
            update,
            context,
            t(
                "hours.report.submitted",
                lang,
                day=r.day.isoformat() if r.day else "",
                team=html.escape(team),
                h=format_halves(r.halves),
            ),
        )

    async def cancel(self, update: Update, context: Context, b: CancelReport) -> None:
        rid = b.report
        async with unit(update, context) as u:
            result = await reports.discard(u.session, u.actor, rid)
            await done(u, update)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        await show(update, context, t("hours.report.cancelled", lang))

    async def on_input(self, update: Update, context: Context, state: FlowState) -> None:
        """Typed date, hours or what was done, or a photo, for the draft named in the flow."""
        message = update.message
        assert message is not None
        rid = int(state.data.get("rid", 0))
        photo = message.photo[-1].file_id if message.photo else None
        async with unit(update, context) as u:
            lang = u.actor.lang
            result = await self._typed(u, state.step, rid, message.text or "", photo)
            screen: Screen | Refused
            if isinstance(result, Refused):
                screen = result
            elif state.step == "photo":
                # More photos may follow (an album comes as several messages): the step stays
                # until the card's buttons are used.
                screen = card_screen(result, lang)
            else:
                screen = await _after(u, update, result)
        if isinstance(screen, Refused):
            await refuse(update, context, screen, lang)  # the step stays: they may type again
            return
        if photo is not None and isinstance(result, Draft):
            await send(
                update, context, t("hours.report.photo_added", lang, n=len(result.record.photos))
            )
        await send(update, context, *screen)

    async def _typed(
        self, u: Unit, step: str, rid: int, text: str, photo: str | None
    ) -> Draft | Refused:
        now = u.data.clock.now()
        draft = await reports.show(u.session, u.actor, rid, now)
        if isinstance(draft, Refused):
            return draft
        if step == "photo" or photo is not None:
            if photo is None:
                return Refused(Refusal.NEED_PHOTO)
            return await reports.add_photo(u.session, u.actor, rid, photo, now)
        if step == "day":
            day = parse_day(text, draft.today)
            if day is None:
                return Refused(Refusal.BAD_DATE)
            return await reports.set_day(u.session, u.actor, rid, day, now)
        if step == "hours":
            return await reports.set_halves(u.session, u.actor, rid, parse_hours(text), now)
        return await reports.set_what(u.session, u.actor, rid, text, now)
