"""👥 Teams: join and leave; officers create teams and name their leaders."""

from __future__ import annotations

import html

from telegram import Update

from bot.context import Context
from bot.kernel.conversations import FlowState
from bot.services.hours import teams
from bot.services.hours.common import Refusal, Refused
from bot.services.hours.teams import Roster
from bot.texts import t
from handlers.base import unit
from handlers.hours.buttons import (
    HoursMenu,
    JoinTeam,
    LeaveTeam,
    NewTeam,
    TeamLeaders,
    Teams,
    ToggleLeader,
)
from handlers.hours.common import answer, done, expect, refuse, send, show
from handlers.keyboards import inline


def roster_markup(r: Roster, lang: str) -> tuple[str, list[list[tuple[str, str]]]]:
    people = [
        (("👑 " if p.leader else "") + p.name, ToggleLeader(r.team_id, p.member_id).data)
        for p in (*r.people, *r.others)
    ]
    rows = [people[i : i + 2] for i in range(0, len(people), 2)]
    rows.append([(t("hours.btn.back", lang), Teams().data)])
    return t("hours.teams.leaders", lang, team=html.escape(r.team_name)), rows


class TeamsFlow:
    async def list(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            found = await teams.list_teams(u.session, u.actor)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse(update, context, found, lang)
            return
        await answer(update)
        lines = [t("hours.teams.title", lang)]
        rows: list[list[tuple[str, str]]] = []
        for v in found.teams:
            lines.append(
                t(
                    "hours.teams.line",
                    lang,
                    mark="✅" if v.mine else "▫️",
                    team=html.escape(v.name),
                    n=v.size,
                    leader=t("hours.teams.leader", lang) if v.leader else "",
                )
            )
            key, data = (
                ("hours.btn.leave", LeaveTeam(v.id).data)
                if v.mine
                else ("hours.btn.join", JoinTeam(v.id).data)
            )
            row = [(t(key, lang, team=v.name), data)]
            if found.may_create:
                row.append((t("hours.btn.leaders", lang, team=v.name), TeamLeaders(v.id).data))
            rows.append(row)
        if found.may_create:
            rows.append([(t("hours.btn.new_team", lang), NewTeam().data)])
        rows.append([(t("hours.btn.back", lang), HoursMenu().data)])
        await show(update, context, "\n".join(lines), inline(rows))

    async def join(self, update: Update, context: Context, b: JoinTeam | LeaveTeam) -> None:
        joining = isinstance(b, JoinTeam)
        async with unit(update, context) as u:
            result = await teams.join(u.session, u.actor, b.team, u.data.clock.now(), join=joining)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        key = "hours.teams.joined" if joining else "hours.teams.left"
        await answer(update, t(key, lang, team=result.name))
        await self.list(update, context)

    async def new_team(self, update: Update, context: Context) -> None:
        async with unit(update, context) as u:
            lang = u.actor.lang
            allowed = await teams.list_teams(u.session, u.actor)
            if not isinstance(allowed, Refused) and allowed.may_create:
                await expect(u, update, "team_name")
        if isinstance(allowed, Refused) or not allowed.may_create:
            await refuse(update, context, Refused(Refusal.NOT_ALLOWED), lang)
            return
        await answer(update)
        await send(update, context, t("hours.teams.new_name", lang))

    async def on_name(self, update: Update, context: Context, _state: FlowState) -> None:
        message = update.message
        assert message is not None
        async with unit(update, context) as u:
            result = await teams.create_team(
                u.session, u.actor, message.text or "", u.data.clock.now()
            )
            if not isinstance(result, Refused):
                await done(u, update)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await send(update, context, t("hours.teams.created", lang, team=html.escape(result.name)))

    async def leaders(
        self, update: Update, context: Context, b: TeamLeaders | ToggleLeader
    ) -> None:
        """A team's people to make or unmake leaders, shown or with one of them changed."""
        async with unit(update, context) as u:
            if isinstance(b, ToggleLeader):
                result = await teams.toggle_leader(
                    u.session, u.actor, b.team, b.member, u.data.clock.now()
                )
            else:
                result = await teams.roster(u.session, u.actor, b.team)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse(update, context, result, lang)
            return
        await answer(update)
        text, rows = roster_markup(result, lang)
        await show(update, context, text, inline(rows))
