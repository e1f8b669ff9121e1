"""Meeting notices rendered per language and queued through the delivery outbox.

Keys (unique per notice, so re-running a job or a second process adds nobody twice):
meeting:<id>:v<version>:notice, meeting:<id>:v<version>:reminder:<seconds>,
meeting:<id>:cancel, meeting:<id>:summary, meeting:<id>:makeup, leave:<id>:ask, leave:<id>:result.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings.recurrence import Recurrence
from bot.domain.meetings.reminders import reminder_lead
from bot.services.delivery import notices as outbox
from bot.services.meetings.audience import audience_ids, group_names
from bot.services.meetings.buttons import AskLeave, CheckInTo, Going, Materials
from bot.services.meetings.views import MeetingInfo
from bot.texts import LANGS, t
from bot.texts import meeting_facts as render
from storage.models.meetings import Meeting, MeetingSeries
from storage.repos import meetings as repo

Content = outbox.Content
AGENDA_IN_NOTICE = 600


@dataclass(frozen=True)
class View:
    """What rendering a meeting needs besides the row."""

    meeting: MeetingInfo
    tz: str
    groups: dict[int, str]
    recurrence: Recurrence | None
    files: int


@dataclass
class ReminderBatch:
    """What rendering a page of meetings needs, read once for the page, and the reminders it
    produces: queued together at the end (outbox.enqueue_many), not one meeting at a time."""

    tz: Mapping[int, str]  # branch -> time zone
    groups: Mapping[int, dict[int, str]]  # branch -> group names
    series: Mapping[int, MeetingSeries]
    files: Mapping[int, int]  # meeting -> number of files
    requests: list[outbox.NoticeRequest] = field(default_factory=list)

    def view(self, meeting: Meeting) -> View:
        rec = None
        series = self.series.get(meeting.series_id) if meeting.series_id is not None else None
        if series is not None:
            rec = Recurrence.from_rrule_string(series.rrule, series.tz)
        return View(
            MeetingInfo.of(meeting),
            self.tz.get(meeting.branch_id, render.HOME_TZ),
            self.groups.get(meeting.branch_id, {}),
            rec,
            self.files.get(meeting.id, 0),
        )


async def view_of(session: AsyncSession, meeting: Meeting) -> View:
    branch = await repo.get_branch(session, meeting.branch_id)
    tz = branch.timezone if branch else render.HOME_TZ
    rec = None
    if meeting.series_id is not None:
        series = await repo.get_series(session, meeting.series_id)
        if series is not None:
            rec = Recurrence.from_rrule_string(series.rrule, series.tz)
    files = len(await repo.meeting_files(session, meeting.id))
    return View(
        MeetingInfo.of(meeting), tz, await group_names(session, meeting.branch_id), rec, files
    )


def card(view: View, lang: str, *, agenda: bool = True) -> str:
    """The meeting as a few lines of HTML."""
    m = view.meeting
    lines = [
        t(
            "meetings.card.title",
            lang,
            heading=html.escape(render.heading(m.type, m.title, lang)),
        ),
        t("meetings.card.when", lang, when=render.span(m, view.tz, lang)),
    ]
    if m.place:
        lines.append(t("meetings.card.place", lang, place=html.escape(m.place)))
    lines.append(
        t(
            "meetings.card.audience",
            lang,
            audience=render.audience_name(m.audience, lang, view.groups),
        )
    )
    if view.recurrence is not None:
        lines.append(
            t("meetings.card.repeats", lang, rule=render.recurrence_text(view.recurrence, lang))
        )
    if agenda and m.agenda:
        text = m.agenda if len(m.agenda) <= AGENDA_IN_NOTICE else m.agenda[:AGENDA_IN_NOTICE] + "…"
        lines.append(t("meetings.card.agenda", lang, agenda=html.escape(text)))
    if view.files:
        lines.append(t("meetings.card.files", lang, n=view.files))
    return "\n".join(lines)


def rsvp_buttons(view: View, lang: str) -> outbox.Buttons:
    mid = view.meeting.id
    rows: list[tuple[tuple[str, str], ...]] = [
        (
            (t("meetings.btn.going", lang), Going(mid).data),
            (t("meetings.btn.leave", lang), AskLeave(mid).data),
        ),
    ]
    if view.files:
        rows.append(((t("meetings.btn.materials", lang), Materials(mid).data),))
    return tuple(rows)


def per_lang(build: Callable[[str], Content]) -> dict[str, Content]:
    return {lang: build(lang) for lang in LANGS}


def notice_key(meeting: Meeting, version: int | None = None) -> str:
    return f"meeting:{meeting.id}:v{version or meeting.version}:notice"


def reminder_key(meeting: Meeting, offset: timedelta) -> str:
    return f"meeting:{meeting.id}:v{meeting.version}:reminder:{int(offset.total_seconds())}"


async def _enqueue(
    session: AsyncSession,
    meeting: Meeting,
    *,
    kind: str,
    key: str,
    content: Mapping[str, Content],
    member_ids: Sequence[int],
    now: datetime,
) -> int:
    result = await outbox.enqueue_notice(
        session,
        branch_id=meeting.branch_id,
        kind=kind,
        key=key,
        content=content,
        member_ids=member_ids,
        now=now,
        meta={"meeting_id": meeting.id},
    )
    # 「发给 N 人」 counts who can receive it, not members without the bot (recorded unreachable).
    return await repo.reachable_count(session, result.notice_id)


async def announce(session: AsyncSession, meeting: Meeting, now: datetime) -> int:
    """The first notice (with 参加 / 请假) to the audience; returns how many it is for."""
    view = await view_of(session, meeting)
    content = per_lang(
        lambda lang: Content(
            text=t("meetings.notice.new", lang, card=card(view, lang)),
            buttons=rsvp_buttons(view, lang),
        )
    )
    ids = await audience_ids(session, meeting.branch_id, meeting.audience)
    return await _enqueue(
        session,
        meeting,
        kind="meeting_notice",
        key=notice_key(meeting),
        content=content,
        member_ids=ids,
        now=now,
    )


async def told_before(session: AsyncSession, meeting: Meeting) -> set[int]:
    """Members who received any earlier version's notice (they must hear of changes)."""
    told: set[int] = set()
    for version in range(1, meeting.version + 1):
        told.update(await outbox.delivered_member_ids(session, notice_key(meeting, version)))
    return told


async def withdraw_queued(session: AsyncSession, meeting: Meeting, now: datetime) -> None:
    """Cancel this version's notice and reminders still waiting to be sent."""
    await outbox.cancel_notice(session, notice_key(meeting), now)
    logs = await repo.reminder_logs(session, [meeting.id])
    for seconds in logs.get((meeting.id, meeting.version), set()):
        await outbox.cancel_notice(session, reminder_key(meeting, timedelta(seconds=seconds)), now)


async def announce_change(
    session: AsyncSession, meeting: Meeting, told: Iterable[int], now: datetime
) -> int:
    """The changed meeting (new version) to the audience and to everyone told before."""
    view = await view_of(session, meeting)
    content = per_lang(
        lambda lang: Content(
            text=t("meetings.notice.changed", lang, card=card(view, lang)),
            buttons=rsvp_buttons(view, lang),
        )
    )
    ids = await audience_ids(session, meeting.branch_id, meeting.audience)
    everyone = list(dict.fromkeys([*ids, *sorted(told)]))
    return await _enqueue(
        session,
        meeting,
        kind="meeting_change",
        key=notice_key(meeting),
        content=content,
        member_ids=everyone,
        now=now,
    )


async def announce_cancel(
    session: AsyncSession, meeting: Meeting, told: Iterable[int], now: datetime
) -> int:
    view = await view_of(session, meeting)
    content = per_lang(
        lambda lang: Content(
            text=t("meetings.notice.cancelled", lang, card=card(view, lang, agenda=False))
        )
    )
    ids = await audience_ids(session, meeting.branch_id, meeting.audience)
    everyone = list(dict.fromkeys([*ids, *sorted(told)]))
    return await _enqueue(
        session,
        meeting,
        kind="meeting_change",
        key=f"meeting:{meeting.id}:cancel",
        content=content,
        member_ids=everyone,
        now=now,
    )


async def remind(
    session: AsyncSession,
    meeting: Meeting,
    offset: timedelta,
    now: datetime,
    batch: ReminderBatch,
) -> None:
    """One reminder to those still expected; says the time set, or the real time if late.

    Rendered from the batch's data and left in `batch.requests`: the caller queues the
    batch's reminders in one go, to recipients the database picks."""
    view = batch.view(meeting)
    left = reminder_lead(offset, meeting.starts_at - now)

    def build(lang: str) -> Content:
        return Content(
            text=t(
                "meetings.notice.reminder",
                lang,
                left=render.time_left(left, lang),
                card=card(view, lang, agenda=False),
            ),
            buttons=(
                (
                    (t("meetings.btn.leave", lang), AskLeave(meeting.id).data),
                    (t("meetings.btn.checkin", lang), CheckInTo(meeting.id).data),
                ),
            ),
        )

    batch.requests.append(
        outbox.NoticeRequest(
            branch_id=meeting.branch_id,
            kind="meeting_reminder",
            key=reminder_key(meeting, offset),
            content=per_lang(build),
            meta={"meeting_id": meeting.id},
        )
    )


async def send_simple(
    session: AsyncSession,
    *,
    branch_id: int,
    kind: str,
    key: str,
    build: Callable[[str], Content],
    member_ids: Sequence[int],
    now: datetime,
    meta: Mapping[str, object] | None = None,
) -> int:
    """Any other notice of this feature (leave, summary, make-up, digest, inactivity)."""
    result = await outbox.enqueue_notice(
        session,
        branch_id=branch_id,
        kind=kind,
        key=key,
        content=per_lang(build),
        member_ids=member_ids,
        now=now,
        meta=meta,
    )
    return result.added + result.already
