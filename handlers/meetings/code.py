"""The host's check-in screen: the rotating code, refreshed in place, and its QR deep link."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging

from telegram import InlineKeyboardMarkup, InputMediaPhoto, Update
from telegram.error import TelegramError
from telegram.ext import Job

from bot.context import BotData, Context
from bot.domain.delivery.errors import is_not_modified
from bot.domain.links import deep_link, qr_png
from bot.screens import Screen
from bot.services.meetings.access import Refusal, Refused
from bot.services.meetings.checkin import CodeView, cached_secret, screen_code
from bot.services.meetings.proxy import attendance_count
from bot.texts import meeting_facts as render
from bot.texts import t
from handlers.keyboards import inline
from handlers.meetings.buttons import AskCloseCheckIn, CheckInMyself, ProxyList, RefreshCode

log = logging.getLogger(__name__)

REFRESH_EVERY = 3.0  # seconds between checks; the screen changes only when the code does


def _live(context: Context) -> dict[tuple[int, int], Screen]:
    return context.bot_data.code_screens.live


async def secret_of(data: BotData) -> bytes:
    """The check-in secret, read (or created) once per process."""
    configured = data.settings.bot_secret_key
    return await cached_secret(data.db, data, configured.get_secret_value() if configured else None)


async def screen_text(data: BotData, view: CodeView, lang: str) -> str:
    async with data.db.transaction() as session:
        count = await attendance_count(session, view.meeting.id)
    code = f"{view.code[:3]} {view.code[3:]}"
    return t(
        "meetings.code.screen",
        lang,
        code=code,
        title=html.escape(view.meeting.title),
        when=render.when(view.meeting.starts_at, count.tz, lang, year=False),
        step=view.step_seconds,
        closes=render.clock_time(view.closes_at, count.tz),
        attended=count.attended,
        expected=count.expected,
        waiting=_waiting(count.waiting, lang),
    )


WAITING_SHOWN = 12  # the screen stays short enough to read across the room


def _waiting(names: tuple[str, ...], lang: str) -> str:
    if not names:
        return ""
    shown = "、".join(html.escape(n) for n in names[:WAITING_SHOWN])
    if len(names) > WAITING_SHOWN:
        shown += t("meetings.summary.more", lang, n=len(names) - WAITING_SHOWN)
    return "\n" + t("meetings.summary.names.waiting", lang, names=shown)


def screen_buttons(meeting_id: int, lang: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [(t("meetings.btn.refresh", lang), RefreshCode(meeting_id).data)],
            [
                (t("meetings.btn.self_checkin", lang), CheckInMyself(meeting_id).data),
                (t("meetings.btn.proxy", lang), ProxyList(meeting_id, 0).data),
            ],
            [(t("meetings.btn.close_now", lang), AskCloseCheckIn(meeting_id).data)],
        ]
    )


async def open_screen(
    context: Context, chat_id: int, host_id: int, view: CodeView, lang: str
) -> None:
    """Send the code and its QR and keep them current; an older screen of the same meeting in
    this chat is retired, so the host never sees two codes."""
    data = context.bot_data
    text = await screen_text(data, view, lang)
    message = await context.bot.send_message(
        chat_id, text, reply_markup=screen_buttons(view.meeting.id, lang)
    )
    photo_id = await _send_qr(context, chat_id, view, lang)
    screen = Screen(
        chat_id, view.meeting.id, lang, message.message_id, photo_id, view.code, host_id
    )
    await _take_over(context, screen)


async def _take_over(context: Context, screen: Screen) -> None:
    """Make `screen` the live one of its chat and meeting, retiring the previous one."""
    key = (screen.chat_id, screen.meeting_id)
    old = _live(context).get(key)
    _live(context)[key] = screen
    if old is not None and old.text_id != screen.text_id:
        await _retire(context, old)
    _schedule(context, screen)


async def _retire(context: Context, screen: Screen) -> None:
    """An old screen: it says so, its one button says so (and makes it the live one again)."""
    again = RefreshCode(screen.meeting_id).data
    retired = inline([[(t("meetings.btn.retired", screen.lang), again)]])
    with contextlib.suppress(TelegramError):
        await context.bot.edit_message_text(
            t("meetings.code.retired", screen.lang),
            chat_id=screen.chat_id,
            message_id=screen.text_id,
            reply_markup=retired,
        )
    await _drop_photo(context, screen)


async def _qr_png(context: Context, view: CodeView) -> bytes:
    url = deep_link(context.bot.username, view.payload)
    return await asyncio.to_thread(qr_png, url, scale=8)


async def _send_qr(context: Context, chat_id: int, view: CodeView, lang: str) -> int | None:
    try:
        photo = await context.bot.send_photo(
            chat_id,
            await _qr_png(context, view),
            caption=t("meetings.code.qr_caption", lang, code=view.code),
        )
    except TelegramError:
        log.warning("could not send the check-in QR code", exc_info=True)
        return None
    return photo.message_id


async def _edit_qr(context: Context, screen: Screen, view: CodeView) -> None:
    """The QR picture changed in place: posting a new one every step would push whatever the
    host is doing up the chat."""
    if screen.photo_id is None:
        screen.photo_id = await _send_qr(context, screen.chat_id, view, screen.lang)
        return
    media = InputMediaPhoto(
        await _qr_png(context, view),
        caption=t("meetings.code.qr_caption", screen.lang, code=view.code),
    )
    try:
        await context.bot.edit_message_media(
            media, chat_id=screen.chat_id, message_id=screen.photo_id
        )
    except TelegramError as exc:
        if not is_not_modified(exc):
            log.warning("check-in QR %s not updated: %s", screen.meeting_id, exc)


def _job_name(screen: Screen) -> str:
    return f"meetings:code:{screen.chat_id}:{screen.meeting_id}"


def _schedule(context: Context, screen: Screen) -> None:
    queue = context.job_queue
    if queue is None:
        return
    for job in queue.get_jobs_by_name(_job_name(screen)):
        job.schedule_removal()
    queue.run_repeating(
        refresh_job,
        interval=REFRESH_EVERY,
        first=REFRESH_EVERY,
        name=_job_name(screen),
        data=screen,
        job_kwargs={"misfire_grace_time": 30, "coalesce": True},
    )


async def refresh_job(context: Context) -> None:
    """Repeating, and quick: the redraw runs as its own task, so a slow one (a busy chat, a
    slow QR) never overlaps the next tick; the scheduler would log each one it skips."""
    job = context.job
    assert job is not None and isinstance(job.data, Screen)
    screen = job.data
    if screen.busy:
        return
    screen.busy = True
    context.application.create_task(_redraw(context, job), name=_job_name(screen))


async def _redraw(context: Context, job: Job[Context]) -> None:
    assert isinstance(job.data, Screen)
    screen = job.data
    running = context.bot_data.code_screens.running
    marker = id(screen)
    # Counted so that stopping the bot can wait for a refresh in flight before the DB closes.
    running.add(marker)
    try:
        finished = await refresh_screen(context, screen)
    finally:
        running.discard(marker)
        screen.busy = False
    if finished:
        _forget(context, screen)
        if not job.removed:  # stopping the bot may have removed it meanwhile
            job.schedule_removal()


def _forget(context: Context, screen: Screen) -> None:
    key = (screen.chat_id, screen.meeting_id)
    if _live(context).get(key) is screen:
        del _live(context)[key]


async def refresh_screen(context: Context, screen: Screen, *, force: bool = False) -> bool:
    """Bring one screen up to date; True when it should stop refreshing."""
    data = context.bot_data
    secret = await secret_of(data)
    async with data.db.transaction() as session:
        view = await screen_code(
            session, screen.host_id, screen.meeting_id, secret, data.clock.now()
        )
    try:
        if isinstance(view, Refused):
            await _close(context, screen, view)
            return True
        if view.code == screen.code and not force:
            return False
        screen.code = view.code
        await context.bot.edit_message_text(
            await screen_text(data, view, screen.lang),
            chat_id=screen.chat_id,
            message_id=screen.text_id,
            reply_markup=screen_buttons(screen.meeting_id, screen.lang),
        )
        await _edit_qr(context, screen, view)
    except TelegramError as exc:
        text = str(exc)
        if is_not_modified(text):
            return False
        if "not found" in text or "blocked" in text:
            log.info("check-in screen %s gone: %s", screen.meeting_id, exc)
            return True
        # A passing failure (flood control, network): the next tick tries again, so the
        # screen never freezes on a code that has expired.
        log.warning("check-in screen %s not updated: %s", screen.meeting_id, exc)
        screen.code = ""
    return False


async def _close(context: Context, screen: Screen, view: Refused) -> None:
    if view.reason is Refusal.NOT_ALLOWED:
        log.info("check-in screen %s: host %s lost the role", screen.meeting_id, screen.host_id)
    key = {
        Refusal.NOT_ALLOWED: "meetings.code.not_host",
        Refusal.CANCELLED: "meetings.code.cancelled",
    }.get(view.reason, "meetings.code.closed")
    await context.bot.edit_message_text(
        t(key, screen.lang), chat_id=screen.chat_id, message_id=screen.text_id
    )
    await _drop_photo(context, screen)


async def _drop_photo(context: Context, screen: Screen) -> None:
    if screen.photo_id is None:
        return
    with contextlib.suppress(TelegramError):
        await context.bot.delete_message(screen.chat_id, screen.photo_id)
    screen.photo_id = None


async def refresh_pressed(update: Update, context: Context, meeting_id: int, lang: str) -> None:
    """「刷新」 (or an old screen's button): this message becomes the live screen, redrawn now."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    screen = _live(context).get((chat_id, meeting_id))
    if screen is None or screen.text_id != query.message.message_id:
        screen = Screen(
            chat_id, meeting_id, lang, query.message.message_id, None, "", query.from_user.id
        )
    if not await refresh_screen(context, screen, force=True):
        await _take_over(context, screen)


async def close_screens(context: Context, meeting_id: int) -> None:
    """Check-in was closed by hand: every live screen of the meeting says so now."""
    for (_, shown), screen in list(_live(context).items()):
        if shown == meeting_id and await refresh_screen(context, screen, force=True):
            _forget(context, screen)
            queue = context.job_queue
            for job in queue.get_jobs_by_name(_job_name(screen)) if queue else ():
                job.schedule_removal()
