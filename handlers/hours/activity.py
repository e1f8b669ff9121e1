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
from handlers.hours.common import (
    answer,
    day_of,
    day_token,
    done,
    expect,
    num,
    parts,
    refuse,
    send,
    show,
)
from handlers.keyboards import inline


def _names(names: tuple[str, ...], lang: str) -> str:
    return t("hours.list.sep", lang).join(html.escape(n) for n in names)


async def _leads(u: Unit, team_id: int) -> bool:
    """Each step of opening an activity asks again: a forged team id gets no picker."""
    return any(v.id == team_id for v in await teams.my_led_teams(u.session, u.actor))


def _times(view: ActivityView, lang: str) -> tuple[str, str]:
    return dates.moment(view.starts_at, view.tz, lang), dates.clock(view.ends_at, view.tz)


def sheet_markup(s: Sheet, lang: str) -> tuple[str, list[list[tuple[str, str]]]]:
    base = f"{s.team_id}:{day_token(s.day)}:{s.halves}"
    text = t(
        "hours.recorded.sheet",
        lang,
        team=html.escape(s.team_name),
        day=s.day.isoformat(),
        h=format_halves(s.halves),
    )
    buttons = [
        (("✅ " if p.ticked else "⬜ ") + p.name, f"vh:rt:{base}:{p.member_id}") for p in s.people
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    ticked = sum(1 for p in s.people if p.ticked)
    rows.append([(t("hours.btn.finish", lang, n=ticked), f"vh:rf:{base}")])
    rows.append([(t("hours.btn.cancel", lang), "vh:menu")])
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
                    (t("hours.btn.checkin", lang), f"vh:ci:{view.id}"),
                    (t("hours.btn.checkout", lang), f"vh:co:{view.id}"),
                ]
            )
        await send(update, context, "\n".join(lines), inline(rows))

    async def check_in(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            result = await activities.check_in(u.session, u.actor, num(update), u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        text = t("hours.activity.checked_in", lang, title=html.escape(result.title))
        await answer(update, text)
        await send(update, context, text)

    async def check_out(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            result = await activities.check_out(u.session, u.actor, num(update), u.data.clock.now())
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

    async def choose_team(self, update: Update, context: Context) -> None:
        """vh:ao (open) or vh:rc (record): the teams the person may act for."""
        query = update.callback_query
        action = "ao" if query is None or (query.data or "").startswith("vh:ao") else "rd"
        async with unit(update, context) as u:
            led = await teams.my_led_teams(u.session, u.actor)
            lang = u.actor.lang
        if not led:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        rows = [[(v.name, f"vh:{'as' if action == 'ao' else 'rd'}:{v.id}")] for v in led]
        rows.append([(t("hours.btn.back", lang), "vh:menu")])
        await show(update, context, t("hours.activity.choose_team", lang), inline(rows))

    async def choose_start(self, update: Update, context: Context) -> None:
        team_id = num(update)
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await _leads(u, team_id)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        rows = [[(t(f"hours.start.{code}", lang), f"vh:ad:{team_id}:{code}")] for code in STARTS]
        await show(update, context, t("hours.activity.choose_start", lang), inline(rows))

    async def choose_hours(self, update: Update, context: Context) -> None:
        team_id, start = num(update), parts(update)[1]
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await _leads(u, team_id)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        buttons = [
            (t("hours.amount", lang, h=h), f"vh:aw:{team_id}:{start}:{h}") for h in DURATIONS
        ]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        await show(update, context, t("hours.activity.choose_hours", lang), inline(rows))

    async def what_where(self, update: Update, context: Context) -> None:
        """The last step: what and where, typed, or the default title with one tap."""
        team_id, start, hours = num(update), parts(update)[1], num(update, 2)
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
            [(t("hours.btn.open_default", lang, title=title), f"vh:af:{team_id}:{start}:{hours}")]
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

    async def open(self, update: Update, context: Context) -> None:
        team_id, start, hours = num(update), parts(update)[1], num(update, 2)
        await self._open(update, context, team_id, start, hours, None, "")

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
                (t("hours.btn.checkin", lang), f"vh:ci:{result.id}"),
                (t("hours.btn.checkout", lang), f"vh:co:{result.id}"),
            ]
        ]
        await show(update, context, text, inline(rows))

    # --- recording a whole activity afterwards: team, day, hours, who came ---------------

    async def record_day(self, update: Update, context: Context) -> None:
        team_id = num(update)
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
        buttons = [(f"{d.month}/{d.day}", f"vh:rh:{team_id}:{day_token(d)}") for d in days]
        rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
        await show(update, context, t("hours.recorded.choose_day", lang), inline(rows))

    async def record_hours(self, update: Update, context: Context) -> None:
        team_id, token = num(update), parts(update)[1]
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await _leads(u, team_id)
        if not allowed:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        buttons = [(format_halves(h), f"vh:rs:{team_id}:{token}:{h}") for h in QUICK_HALVES]
        rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
        await show(update, context, t("hours.recorded.choose_hours", lang), inline(rows))

    async def sheet(self, update: Update, context: Context) -> None:
        """vh:rs (show) and vh:rt (tick one person) of the team list."""
        team_id, day, halves = num(update), day_of(parts(update)[1]), num(update, 2)
        toggle = (
            (update.callback_query.data or "").startswith("vh:rt:")
            if update.callback_query
            else False
        )
        async with unit(update, context) as u:
            now = u.data.clock.now()
            if toggle:
                result = await recorded.toggle(
                    u.session, u.actor, team_id, day, halves, num(update, 3), now
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

    async def finish(self, update: Update, context: Context) -> None:
        team_id, day, halves = num(update), day_of(parts(update)[1]), num(update, 2)
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

    async def dispute(self, update: Update, context: Context) -> None:
        record_id, why = num(update), parts(update)[1]
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
