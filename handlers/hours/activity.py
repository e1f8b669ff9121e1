"""Activities: 🙋 check in and out; 📣 a leader opens one; 🧾 a leader records one afterwards;
❗ a member disputes a record made for them."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.domain.hours.rules import QUICK_HALVES, format_halves, recent_days
from bot.kernel.conversations import FlowState
from bot.services.delivery import notices
from bot.services.hours import activities, recorded, teams
from bot.services.hours.activities import (
    DURATIONS,
    STARTS,
    ActivityView,
    CheckedOut,
    split_what_where,
)
from bot.services.hours.common import Refusal, Refused, local_today
from bot.services.hours.recorded import Disputed, RecordedDone, Sheet
from bot.texts import dates, t
from handlers.base import Unit, unit
from handlers.hours.buttons import (
    CheckIn,
    CheckOut,
    Dispute,
    FinishRecord,
    HoursMenu,
    OpenActivity,
    OpenDefault,
    OpenForTeam,
    OpenHours,
    OpenStart,
    RecordActivity,
    RecordDay,
    RecordForTeam,
    RecordSheet,
    TickPerson,
)
from handlers.hours.common import answer, done, expect, refuse, send, show
from handlers.keyboards import inline


def _names(names: tuple[str, ...], lang: str) -> str:
    return t("hours.list.sep", lang).join(html.escape(n) for n in names)


async def _leads(u: Unit, team_id: int) -> bool:
    """Each step of opening an activity asks again: a forged team id gets no picker."""
    return any(v.id == team_id for v in await teams.my_led_teams(u.session, u.actor))


def _times(view: ActivityView, lang: str) -> tuple[str, str]:
    return dates.moment(view.starts_at, view.tz, lang), dates.clock(view.ends_at, view.tz)


def sheet_markup(s: Sheet, lang: str) -> tuple[str, list[list[tuple[str, str]]]]:
    text = t(
        "hours.recorded.sheet",
        lang,
        team=html.escape(s.team_name),
        day=s.day.isoformat(),
        h=format_halves(s.halves),
    )
    buttons = [
        (
            ("✅ " if p.ticked else "⬜ ") + p.name,
            TickPerson(s.team_id, s.day, s.halves, p.member_id).data,
        )
        for p in s.people
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    ticked = sum(1 for p in s.people if p.ticked)
    rows.append(
        [(t("hours.btn.finish", lang, n=ticked), FinishRecord(s.team_id, s.day, s.halves).data)]
    )
    rows.append([(t("hours.btn.cancel", lang), HoursMenu().data)])
    return text, rows


class ActivityFlow:
    async def list(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await activities.current_for(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        if not found:
            await send(update, context, t("hours.activity.none", lang))
            return
        lines = [t("hours.activity.list", lang)]
        rows: list[list[tuple[str, str]]] = []
        for view in found:
            start, end = _times(view, lang)
            mark = ""
            if view.checked_in:
                mark = t("hours.activity.in", lang)
            elif view.credited is not None:
                mark = t("hours.activity.done", lang, h=format_halves(view.credited))
            lines.append(
                t(
                    "hours.activity.line",
                    lang,
                    team=html.escape(view.team_name),
                    title=html.escape(view.title),
                    start=start,
                    end=end,
                    mark=mark,
                )
            )
            rows.append(
                [
                    (t("hours.btn.checkin", lang), CheckIn(view.id).data),
                    (t("hours.btn.checkout", lang), CheckOut(view.id).data),
                ]
            )
        await send(update, context, "\n".join(lines), inline(rows))

    async def check_in(self, update: Update, context: Context, b: CheckIn) -> None:
        async with unit(update, context) as u:
            result = await activities.check_in(u.session, u.actor, b.activity, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        text = t("hours.activity.checked_in", lang, title=html.escape(result.title))
        await answer(update, text)
        await send(update, context, text)

    async def check_out(self, update: Update, context: Context, b: CheckOut) -> None:
        async with unit(update, context) as u:
            result = await activities.check_out(u.session, u.actor, b.activity, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        assert isinstance(result, CheckedOut)
        text = t(
            "hours.activity.checked_out",
            lang,
            title=html.escape(result.activity.title),
            h=format_halves(result.halves),
        )
        await answer(update, text)
        await send(update, context, text)

    # --- opening an activity: team, start, duration ----------------------------------------

    async def choose_team(
        self, update: Update, context: Context, b: OpenActivity | RecordActivity
    ) -> None:
        """To open an activity or to record one: the teams the person may act for."""
        step = OpenForTeam if isinstance(b, OpenActivity) else RecordForTeam
        async with unit(update, context) as u:
            led = await teams.my_led_teams(u.session, u.actor)
            lang = u.actor.lang
        if not led:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        rows = [[(v.name, step(v.id).data)] for v in led]
        rows.append([(t("hours.btn.back", lang), HoursMenu().data)])
        await show(update, context, t("hours.activity.choose_team", lang), inline(rows))

    async def choose_start(self, update: Update, context: Context, b: OpenForTeam) -> None:
        team_id = b.team
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await _leads(u, team_id)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        rows = [
            [(t(f"hours.start.{code}", lang), OpenStart(team_id, code).data)] for code in STARTS
        ]
        await show(update, context, t("hours.activity.choose_start", lang), inline(rows))

    async def choose_hours(self, update: Update, context: Context, b: OpenStart) -> None:
        team_id, start = b.team, b.start
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await _leads(u, team_id)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        buttons = [
            (t("hours.amount", lang, h=h), OpenHours(team_id, start, h).data) for h in DURATIONS
        ]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        await show(update, context, t("hours.activity.choose_hours", lang), inline(rows))

    async def what_where(self, update: Update, context: Context, b: OpenHours) -> None:
        """The last step: what and where, typed, or the default title with one tap."""
        team_id, start, hours = b.team, b.start, b.hours
        async with unit(update, context) as u:
            lang = u.actor.lang
            led = {v.id: v.name for v in await teams.my_led_teams(u.session, u.actor)}
            if team_id in led:
                data = {"team": team_id, "start": start, "hours": hours}
                await expect(u, update, "activity", data)
        if team_id not in led:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        title = t("hours.activity.default_title", lang, team=led[team_id])
        rows = [
            [
                (
                    t("hours.btn.open_default", lang, title=title),
                    OpenDefault(team_id, start, hours).data,
                )
            ]
        ]
        await show(update, context, t("hours.activity.what_where", lang), inline(rows))

    async def on_what_where(self, update: Update, context: Context, state: FlowState) -> None:
        message = update.message
        assert message is not None
        what, where = split_what_where(message.text or "")
        await self._open(
            update,
            context,
            int(state.data.get("team", 0)),
            str(state.data.get("start", "")),
            int(state.data.get("hours", 0)),
            what or None,
            where,
        )

    async def open(self, update: Update, context: Context, b: OpenDefault) -> None:
        await self._open(update, context, b.team, b.start, b.hours, None, "")

    async def _open(
        self,
        update: Update,
        context: Context,
        team_id: int,
        start: str,
        hours: int,
        title: str | None,
        place: str,
    ) -> None:
        async with unit(update, context) as u:
            result = await activities.open_activity(
                u.session,
                u.actor,
                team_id=team_id,
                start=start,
                hours=hours,
                title=title,
                place=place,
                now=u.data.clock.now(),
            )
            if not isinstance(result, Refused):
                await done(u, update)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        notices.wake(context.bot_data)
        await answer(update)
        start_text, _end = _times(result, lang)
        text = t("hours.activity.opened", lang, title=html.escape(result.title), start=start_text)
        rows = [
            [
                (t("hours.btn.checkin", lang), CheckIn(result.id).data),
                (t("hours.btn.checkout", lang), CheckOut(result.id).data),
            ]
        ]
        await show(update, context, text, inline(rows))

    # --- recording a whole activity afterwards: team, day, hours, who came ---------------

    async def record_day(self, update: Update, context: Context, b: RecordForTeam) -> None:
        team_id = b.team
        async with unit(update, context) as u:
            lang = u.actor.lang
            me = u.actor.member
            today = local_today(me.branch_tz, u.data.clock.now()) if me else None
            allowed = await _leads(u, team_id)
        if today is None or not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        days = recent_days(today, 7)
        buttons = [(f"{d.month}/{d.day}", RecordDay(team_id, d).data) for d in days]
        rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
        await show(update, context, t("hours.recorded.choose_day", lang), inline(rows))

    async def record_hours(self, update: Update, context: Context, b: RecordDay) -> None:
        team_id = b.team
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await _leads(u, team_id)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        buttons = [(format_halves(h), RecordSheet(team_id, b.day, h).data) for h in QUICK_HALVES]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        await show(update, context, t("hours.recorded.choose_hours", lang), inline(rows))

    async def sheet(self, update: Update, context: Context, b: RecordSheet | TickPerson) -> None:
        """The team's list to tick, shown or with one person ticked or unticked."""
        team_id, day, halves = b.team, b.day, b.halves
        async with unit(update, context) as u:
            now = u.data.clock.now()
            if isinstance(b, TickPerson):
                result = await recorded.toggle(
                    u.session, u.actor, team_id, day, halves, b.member, now
                )
            else:
                result = await recorded.sheet(u.session, u.actor, team_id, day, halves, now)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        text, rows = sheet_markup(result, lang)
        await show(update, context, text, inline(rows))

    async def finish(self, update: Update, context: Context, b: FinishRecord) -> None:
        team_id, day, halves = b.team, b.day, b.halves
        async with unit(update, context) as u:
            result = await recorded.finish(
                u.session, u.actor, team_id, day, halves, u.data.clock.now()
            )
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        assert isinstance(result, RecordedDone)
        notices.wake(context.bot_data)
        text = t("hours.recorded.done", lang, n=len(result.names), names=_names(result.names, lang))
        if result.over_limit:
            text += t("hours.recorded.over", lang, names=_names(result.over_limit, lang))
        if result.duplicates:
            text += t("hours.recorded.duplicate", lang, names=_names(result.duplicates, lang))
        await answer(update)
        await show(update, context, text)

    async def dispute(self, update: Update, context: Context, b: Dispute) -> None:
        record_id, why = b.record, b.why
        async with unit(update, context) as u:
            result = await recorded.dispute(u.session, u.actor, record_id, why, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        assert isinstance(result, Disputed)
        key = "hours.recorded.disputed_already" if result.already else "hours.recorded.disputed"
        await answer(update, t(key, lang))
        if not result.already:
            await send(update, context, t(key, lang))
