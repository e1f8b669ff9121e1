"""签到: /checkin for hosts and members, typed codes, QR deep links, locations, proxies."""

from __future__ import annotations

import html
from datetime import timedelta

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.meetings.attendance import AttendanceState
from bot.domain.meetings.checkin import normalize_code
from bot.kernel.conversations import FlowState
from bot.services.meetings.access import Refusal, Refused
from bot.services.meetings.checkin import (
    CheckedIn,
    CodeView,
    TooFar,
    check_in_by_location,
    check_in_with_code,
    code_view,
    host_check_in,
    hosted_meetings,
    open_meetings,
)
from bot.services.meetings.proxy import Candidates, proxy_candidates, proxy_check_in
from bot.services.meetings.views import MeetingInfo
from bot.texts import t
from bot.texts.meeting_facts import heading
from handlers.base import unit
from handlers.buttons import on
from handlers.filters import menu_button
from handlers.keyboards import inline, main_menu
from handlers.meetings.buttons import (
    CheckInByLocation,
    CheckInMyself,
    CheckInTo,
    ProxyList,
    ProxyMark,
    ProxyPage,
    RefreshCode,
    ShowCode,
)
from handlers.meetings.code import open_screen, refresh_pressed, secret_of
from handlers.meetings.common import answer, refuse_with, send, show, user_id
from handlers.meetings.state import stop_waiting, wait_for

PAGE = 8
_CODE_TEXT = r"^\s*[0-9０-９]{3}[\s-]?[0-9０-９]{3}\s*$"


class CheckinFlow:
    def handlers(self) -> list[BaseHandler[Update, Context, None]]:
        private = filters.ChatType.PRIVATE
        return [
            # Only c_ payloads: the members feature owns /start with i_/b_/s_ payloads.
            CommandHandler(
                "start",
                self.deep_link,
                filters=private & filters.Regex(r"^/start c_"),
                has_args=True,
            ),
            CommandHandler("checkin", self.command, filters=private),
            MessageHandler(menu_button("menu.checkin"), self.command),
            on(CheckInTo, self.choose),
            on(CheckInByLocation, self.ask_location),
            on(ShowCode, self.show_code),
            on(RefreshCode, self.refresh),
            on(CheckInMyself, self.self_check_in),
            on(ProxyList, self.proxy_list),
            on(ProxyPage, self.proxy_list),
            on(ProxyMark, self.proxy_one),
            MessageHandler(private & filters.LOCATION, self.location),
            MessageHandler(
                private & filters.UpdateType.MESSAGE & filters.TEXT & filters.Regex(_CODE_TEXT),
                self.bare_code,
            ),
        ]

    async def command(self, update: Update, context: Context) -> None:
        """Hosts get the code screen; members get asked for the code."""
        async with unit(update, context) as u:
            now = u.data.clock.now()
            hosted = await hosted_meetings(u.session, u.actor, now)
            mine = [
                m
                for m in await open_meetings(u.session, u.actor, now)
                if m.id not in {h.id for h in hosted}
            ]
            lang, actor = u.actor.lang, u.actor
        current = actor.current
        if actor.member is None and current is not None and current.status == "pending":
            # An applicant: not "not a member" but "your application is still waiting".
            name, branch = html.escape(actor.first_name), html.escape(current.branch_name)
            await send(update, context, t("start.pending", lang, name=name, branch=branch))
            return
        if actor.member is None and not actor.memberships:
            await send(update, context, t("error.not_member", lang))
            return
        secret = await secret_of(context.bot_data)
        chat = update.effective_chat
        assert chat is not None
        for meeting in hosted:
            async with unit(update, context) as u:
                view = await code_view(u.session, u.actor, meeting.id, secret, u.data.clock.now())
            if not isinstance(view, Refused):
                await open_screen(context, chat.id, user_id(update), view, lang)
        if mine:
            await self._offer(update, context, mine, lang)
        elif not hosted:
            await send(update, context, t("meetings.checkin.nothing_open", lang))

    async def _offer(
        self, update: Update, context: Context, meetings: list[MeetingInfo], lang: str
    ) -> None:
        if len(meetings) == 1:
            await self._prompt(update, context, meetings[0], lang)
            return
        rows = [[(heading(m.type, m.title, lang), CheckInTo(m.id).data)] for m in meetings]
        await send(update, context, t("meetings.checkin.choose", lang), inline(rows))

    async def _prompt(
        self, update: Update, context: Context, meeting: MeetingInfo, lang: str
    ) -> None:
        async with unit(update, context) as u:
            await wait_for(u, update, "code", meeting=meeting.id)
        rows = []
        if meeting.place_lat is not None:
            rows.append([(t("meetings.btn.by_location", lang), CheckInByLocation(meeting.id).data)])
        await send(
            update,
            context,
            t("meetings.checkin.ask_code", lang, title=html.escape(meeting.title)),
            inline(rows) if rows else None,
        )

    async def choose(self, update: Update, context: Context, button: CheckInTo) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            meetings = await open_meetings(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        found = next((m for m in meetings if m.id == meeting_id), None)
        if found is None:
            await refuse_with(update, context, Refused(Refusal.NOT_OPEN), lang)
            return
        await answer(update)
        await self._prompt(update, context, found, lang)

    async def ask_location(self, update: Update, context: Context, _: CheckInByLocation) -> None:
        async with unit(update, context) as u:
            lang, actor = u.actor.lang, u.actor
        await answer(update)
        # No request_location button: it sends a single point, which proves nothing; a live
        # location is shared from the attachment menu. The code prompt stays open meanwhile.
        await send(update, context, t("meetings.checkin.ask_location", lang), main_menu(actor))

    async def on_input(self, update: Update, context: Context, state: FlowState, lang: str) -> None:
        message = update.message
        meeting_id = state.data.get("meeting")
        if message is None or not message.text or not isinstance(meeting_id, int):
            return
        await self._with_code(update, context, meeting_id, message.text, "code")

    async def _with_code(
        self, update: Update, context: Context, meeting_id: int, code: str, method: str
    ) -> None:
        secret = await secret_of(context.bot_data)
        async with unit(update, context) as u:
            result = await check_in_with_code(
                u.session, u.actor, meeting_id, code, secret, u.data.clock.now(), method=method
            )
            lang, actor = u.actor.lang, u.actor
            # A wrong code may be typed again; anything else ends the wait for one.
            if not isinstance(result, Refused) or result.reason is not Refusal.WRONG_CODE:
                await stop_waiting(u, update, "code")
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await send(update, context, checked_in_text(result, lang), main_menu(actor))

    async def bare_code(self, update: Update, context: Context) -> None:
        """Six digits typed without pressing 签到 first: the one open meeting, if just one."""
        message = update.message
        assert message is not None and message.text is not None
        async with unit(update, context) as u:
            meetings = await open_meetings(u.session, u.actor, u.data.clock.now())
            lang = u.actor.lang
        if len(meetings) == 1:
            await self._with_code(update, context, meetings[0].id, message.text, "code")
        elif meetings:
            await self._offer(update, context, meetings, lang)
        else:
            await send(update, context, t("meetings.refuse.nothing_open", lang))

    async def deep_link(self, update: Update, context: Context) -> None:
        """t.me/<bot>?start=c_<meeting>_<code>, from the QR on the host's phone."""
        payload = (context.args or [""])[0]
        parts = payload.split("_")
        if len(parts) != 3 or not parts[1].isdigit() or normalize_code(parts[2]) is None:
            async with unit(update, context) as u:
                lang = u.actor.lang
            await send(update, context, t("meetings.refuse.stale_code", lang))
            return
        await self._with_code(update, context, int(parts[1]), parts[2], "qr")

    async def location(self, update: Update, context: Context) -> None:
        message = update.effective_message
        assert message is not None and message.location is not None
        loc = message.location
        async with unit(update, context) as u:
            result = await check_in_by_location(
                u.session,
                u.actor,
                (loc.latitude, loc.longitude),
                loc.horizontal_accuracy,
                u.data.clock.now(),
                live_period=_seconds(loc.live_period),
            )
            lang, actor = u.actor.lang, u.actor
        if update.edited_message is not None and (
            not isinstance(result, CheckedIn) or result.already
        ):
            # A live location moves every few seconds: speak only when something happened.
            return
        if isinstance(result, Refused):
            await send(update, context, t(result.key("meetings"), lang), main_menu(actor))
        elif isinstance(result, TooFar):
            # With the menu, as every refusal here: the person always has a way on.
            await send(
                update,
                context,
                t(
                    "meetings.checkin.too_far",
                    lang,
                    distance=result.distance_m,
                    radius=result.radius_m,
                ),
                main_menu(actor),
            )
        else:
            await send(update, context, checked_in_text(result, lang), main_menu(actor))

    async def show_code(self, update: Update, context: Context, button: ShowCode) -> None:
        shown = await self._code_view(update, context, button.meeting)
        if shown is not None:
            view, lang = shown
            chat = update.effective_chat
            assert chat is not None
            await open_screen(context, chat.id, user_id(update), view, lang)

    async def refresh(self, update: Update, context: Context, button: RefreshCode) -> None:
        shown = await self._code_view(update, context, button.meeting)
        if shown is not None:
            view, lang = shown
            await refresh_pressed(update, context, view.meeting.id, lang)

    async def _code_view(
        self, update: Update, context: Context, meeting_id: int
    ) -> tuple[CodeView, str] | None:
        """The code screen for the pressed meeting, re-checking rights; None once refused."""
        secret = await secret_of(context.bot_data)
        async with unit(update, context) as u:
            view = await code_view(u.session, u.actor, meeting_id, secret, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(view, Refused):
            await refuse_with(update, context, view, lang)
            return None
        await answer(update)
        return view, lang

    async def self_check_in(self, update: Update, context: Context, button: CheckInMyself) -> None:
        meeting_id = button.meeting
        async with unit(update, context) as u:
            result = await host_check_in(u.session, u.actor, meeting_id, u.data.clock.now())
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        await answer(update, checked_in_text(result, lang))

    async def proxy_list(
        self, update: Update, context: Context, button: ProxyList | ProxyPage
    ) -> None:
        """The 代签 list: a new message from the code screen or card, edited in place when
        paging or after a name is pressed."""
        meeting_id, page = button.meeting, button.page
        async with unit(update, context) as u:
            found = await proxy_candidates(u.session, u.actor, meeting_id)
            lang = u.actor.lang
        if isinstance(found, Refused):
            await refuse_with(update, context, found, lang)
            return
        await answer(update)
        text, markup = _proxy_page(found, page, lang)
        if isinstance(button, ProxyPage):
            await show(update, context, text, markup)
        else:
            await send(update, context, text, markup)

    async def proxy_one(self, update: Update, context: Context, button: ProxyMark) -> None:
        meeting_id, member_id, page = button.meeting, button.member, button.page
        async with unit(update, context) as u:
            result = await proxy_check_in(
                u.session, u.actor, meeting_id, member_id, u.data.clock.now()
            )
            found = await proxy_candidates(u.session, u.actor, meeting_id)
            lang = u.actor.lang
        if isinstance(result, Refused):
            await refuse_with(update, context, result, lang)
            return
        if result.already:
            await answer(update, t("meetings.proxy.already", lang), alert=True)
        elif not isinstance(found, Refused) and found.closed:
            await answer(update, t("meetings.proxy.corrected", lang))
        else:
            await answer(update, t("meetings.proxy.done", lang))
        if not isinstance(found, Refused):
            # Show the ✅ next to the name just checked in, on the same page.
            await show(update, context, *_proxy_page(found, page, lang))


def _proxy_page(found: Candidates, page: int, lang: str) -> tuple[str, InlineKeyboardMarkup | None]:
    pages = max(1, -(-len(found.people) // PAGE))
    page = min(max(page, 0), pages - 1)
    meeting_id = found.meeting_id
    rows: list[list[tuple[str, str]]] = [
        [(f"✅ {name}" if done else name, ProxyMark(meeting_id, mid, page).data)]
        for mid, name, done in found.people[page * PAGE : (page + 1) * PAGE]
    ]
    nav = []
    if page > 0:
        nav.append((t("meetings.btn.prev", lang), ProxyPage(meeting_id, page - 1).data))
    if page + 1 < pages:
        nav.append((t("meetings.btn.more", lang), ProxyPage(meeting_id, page + 1).data))
    if nav:
        rows.append(nav)
    if found.closed:
        key = "meetings.proxy.correct" if found.waiting else "meetings.proxy.nobody"
    else:
        key = "meetings.proxy.choose" if found.waiting else "meetings.proxy.nobody"
    return t(key, lang, title=html.escape(found.title)), inline(rows) if rows else None


def _seconds(value: int | timedelta | None) -> int | None:
    """PTB gives live_period as int or timedelta depending on its settings."""
    return int(value.total_seconds()) if isinstance(value, timedelta) else value


def checked_in_text(result: CheckedIn, lang: str) -> str:
    title = html.escape(result.title)
    if result.already:
        return t("meetings.checkin.already", lang, title=title)
    key = "meetings.checkin.late" if result.state is AttendanceState.LATE else "meetings.checkin.ok"
    return t(key, lang, title=title)
