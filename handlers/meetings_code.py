"""The host's check-in screen: the rotating code, refreshed in place, and its QR deep link."""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.error import TelegramError

from bot.context import BotData, Context
from bot.domain.links import deep_link, qr_png
from bot.services.meetings import render
from bot.services.meetings.access import Refusal, Refused
from bot.services.meetings.checkin import (
    CODE_SCREENS_RUNNING,
    CodeView,
    cached_secret,
    screen_code,
)
from bot.services.meetings.proxy import attendance_count
from bot.texts import t
from handlers.keyboards import inline

log = logging.getLogger(__name__)

REFRESH_EVERY = 3.0  # seconds between checks; the screen changes only when the code does
SCREEN_MINUTES = 20  # then the host presses 「刷新」 to keep it going


@dataclass
class Screen:
    chat_id: int
    meeting_id: int
    lang: str
    text_id: int
    photo_id: int | None
    code: str
    deadline: float
    host_id: int  # whose rights every refresh re-checks


async def secret_of(data: BotData) -> bytes:
    """The check-in secret, read (or created) once per process."""
    configured = data.settings.bot_secret_key
    return await cached_secret(
        data.db, data.services, configured.get_secret_value() if configured else None
    )


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
        attended=count.attended,
        expected=count.expected,
    )


def screen_buttons(meeting_id: int, lang: str) -> InlineKeyboardMarkup:
    return inline(
        [
            [(t("meetings.btn.refresh", lang), f"mt:rf:{meeting_id}")],
            [
                (t("meetings.btn.self_checkin", lang), f"mt:me:{meeting_id}"),
                (t("meetings.btn.proxy", lang), f"mt:px:{meeting_id}:0"),
            ],
        ]
    )


async def open_screen(
    context: Context, chat_id: int, host_id: int, view: CodeView, lang: str
) -> None:
    """Send the code and its QR, then keep them current with a repeating job."""
    data = context.bot_data
    text = await screen_text(data, view, lang)
    message = await context.bot.send_message(
        chat_id, text, reply_markup=screen_buttons(view.meeting.id, lang)
    )
    photo_id = await _send_qr(context, chat_id, view, lang)
    screen = Screen(
        chat_id,
        view.meeting.id,
        lang,
        message.message_id,
        photo_id,
        view.code,
        time.monotonic() + SCREEN_MINUTES * 60,
        host_id,
    )
    _schedule(context, screen)


async def _send_qr(context: Context, chat_id: int, view: CodeView, lang: str) -> int | None:
    url = deep_link(context.bot.username, view.payload)
    png = await asyncio.to_thread(qr_png, url, scale=8)
    try:
        photo = await context.bot.send_photo(
            chat_id,
            png,
            caption=t("meetings.code.qr_caption", lang, code=view.code),
        )
    except TelegramError:
        log.warning("could not send the check-in QR code", exc_info=True)
        return None
    return photo.message_id


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
    """Repeating: when the code has changed, edit the text and replace the QR."""
    job = context.job
    assert job is not None and isinstance(job.data, Screen)
    running: set[int] = context.bot_data.services.setdefault(CODE_SCREENS_RUNNING, set())
    marker = id(job.data)
    # Counted so that stopping the bot can wait for a refresh in flight before the DB closes.
    running.add(marker)
    try:
        finished = await refresh_screen(context, job.data)
    finally:
        running.discard(marker)
    if finished and not job.removed:  # stopping the bot may have removed it meanwhile
        job.schedule_removal()


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
            if view.reason is Refusal.NOT_ALLOWED:
                log.info(
                    "check-in screen %s: host %s lost the role", screen.meeting_id, screen.host_id
                )
            key = (
                "meetings.code.not_host"
                if view.reason is Refusal.NOT_ALLOWED
                else "meetings.code.closed"
            )
            await context.bot.edit_message_text(
                t(key, screen.lang),
                chat_id=screen.chat_id,
                message_id=screen.text_id,
            )
            await _drop_photo(context, screen)
            return True
        if time.monotonic() > screen.deadline and not force:
            await context.bot.edit_message_reply_markup(
                screen.chat_id,
                screen.text_id,
                reply_markup=screen_buttons(screen.meeting_id, screen.lang),
            )
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
        await _drop_photo(context, screen)
        screen.photo_id = await _send_qr(context, screen.chat_id, view, screen.lang)
    except TelegramError as exc:
        if "not modified" in str(exc):
            return False
        log.warning("check-in screen %s stopped: %s", screen.meeting_id, exc)
        return True
    return False


async def _drop_photo(context: Context, screen: Screen) -> None:
    if screen.photo_id is None:
        return
    with contextlib.suppress(TelegramError):
        await context.bot.delete_message(screen.chat_id, screen.photo_id)
    screen.photo_id = None


async def refresh_pressed(update: Update, context: Context, meeting_id: int, lang: str) -> None:
    """「刷新」: restart the screen's clock and redraw it now."""
    query = update.callback_query
    assert query is not None and query.message is not None
    chat_id = query.message.chat.id
    screen: Screen | None = None
    queue = context.job_queue
    name = f"meetings:code:{chat_id}:{meeting_id}"
    if queue is not None:
        for job in queue.get_jobs_by_name(name):
            if isinstance(job.data, Screen):
                screen = job.data
    if screen is None or screen.text_id != query.message.message_id:
        screen = Screen(
            chat_id, meeting_id, lang, query.message.message_id, None, "", 0.0, query.from_user.id
        )
    screen.deadline = time.monotonic() + SCREEN_MINUTES * 60
    if not await refresh_screen(context, screen, force=True):
        _schedule(context, screen)
