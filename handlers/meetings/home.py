"""A member's first screen after /start: the next meeting with 请假 and 签到 on it, and an
officer's short to-do list."""

from __future__ import annotations

import html
from collections import Counter

from telegram import Update

from bot.context import Context
from bot.kernel import approvals as queue
from bot.services.meetings.access import Refused as MeetingsRefused
from bot.services.meetings.home import NextMeeting, next_meeting
from bot.services.meetings.listing import overview
from bot.services.members import approvals
from bot.services.members.access import Refused
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.base import unit
from handlers.keyboards import inline
from handlers.meetings.buttons import AskLeave, CheckInTo
from handlers.meetings.common import send
from handlers.meetings.listing import overview_buttons, overview_text

# Kinds of the approval queue the to-do names; any other is counted as "other requests".
_QUEUE_KINDS = frozenset({"dues_payment", "dues_basis", "hours_report"})


async def send_todo(update: Update, context: Context) -> None:
    """An officer's short to-do list under the greeting: what waits for their decision."""
    async with unit(update, context) as u:
        found = await approvals.waiting(u.session, u.actor)
        lang = u.actor.lang
        member = u.actor.member
        # Dues claims, reported bases, hours reports: the one approval queue, by kind.
        queued = Counter(
            item.kind
            for item in (
                await queue.pending_for(u.session, member.member_id, limit=500)
                if member is not None and not isinstance(found, Refused)
                else []
            )
        )
    if isinstance(found, Refused) or (found.empty and not queued):
        return
    lines = [t("home.todo.head", lang)]
    applications = len(found.applications) + found.more_applications
    if applications:
        lines.append(t("home.todo.applications", lang, n=applications))
    leaves = len(found.leaves) + found.more_leaves
    if leaves:
        lines.append(t("home.todo.leaves", lang, n=leaves))
    other = 0
    for kind, n in sorted(queued.items()):
        if kind in _QUEUE_KINDS:
            lines.append(t(f"home.todo.{kind}", lang, n=n))
        else:
            other += n
    if other:
        lines.append(t("home.todo.other", lang, n=other))
    lines.append(t("home.todo.how", lang))
    await send(update, context, "\n".join(lines))


async def send_next_meeting(update: Update, context: Context) -> None:
    """An older member needs no menu to find the next meeting: it comes with /start."""
    async with unit(update, context) as u:
        found = await next_meeting(u.session, u.actor, u.data.clock.now())
        lang = u.actor.lang
    if found is None:
        return
    rows: list[list[tuple[str, str]]] = []
    if found.checkin_open:
        rows.append([(t("meetings.btn.checkin", lang), CheckInTo(found.meeting.id).data)])
    if found.may_leave:
        rows.append([(t("meetings.btn.leave", lang), AskLeave(found.meeting.id).data)])
    await send(update, context, next_meeting_text(found, lang), inline(rows) if rows else None)


def next_meeting_text(found: NextMeeting, lang: str) -> str:
    m = found.meeting
    if found.checkin_open:
        state = t("meetings.home.open", lang)
    elif found.state is not None:
        state = t(f"meetings.state.{found.state.value}", lang)
    else:
        state = ""
    place = t("meetings.home.place", lang, place=html.escape(m.place)) if m.place else ""
    return t(
        "meetings.home.next",
        lang,
        heading=html.escape(render.heading(m.type, m.title, lang)),
        when=render.span(m, found.tz, lang),
        place=place,
        state=state,
    ).rstrip()


async def send_meetings(update: Update, context: Context) -> None:
    """The member's meetings list (as /meetings shows it)."""
    async with unit(update, context) as u:
        found = await overview(u.session, u.actor, u.data.clock.now())
        lang = u.actor.lang
    if isinstance(found, MeetingsRefused):
        return
    await send(update, context, overview_text(found, lang), overview_buttons(found, lang))
