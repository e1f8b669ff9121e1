"""The secretary's monthly digest (三会一课 due / overdue / done) and inactivity flags."""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Protocol

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience, AudienceKind, MeetingType, local_date
from bot.domain.meetings.cadence import (
    DigestItem,
    DigestStatus,
    InactivityLevel,
    cadence_digest,
    inactivity_flags,
)
from bot.domain.members import is_party_member, parse_category
from bot.services.delivery.notices import NoticeRequest
from bot.services.meetings import notices
from bot.services.meetings.audience import group_names, secretary_ids
from bot.services.meetings.notices import Content
from bot.services.meetings.settings import from_branch_settings
from bot.texts import meeting_facts as render
from bot.texts import t
from storage.models.core import Branch
from storage.models.meetings import Attendance, Meeting
from storage.repos import meetings as repo

# Levels at which the member hears from the bot; at 6 it is the branch's conversation.
REMIND_MEMBER_AT = frozenset({InactivityLevel.WATCH, InactivityLevel.LAST_MONTH})
FLAGS_SHOWN = 40


@dataclass(frozen=True)
class Flag:
    member_id: int
    name: str
    level: InactivityLevel
    reference: date  # last participation, or joining


@dataclass(frozen=True)
class Digest:
    branch_id: int
    today: date
    items: list[DigestItem]
    flags: list[Flag]


async def _held(
    session: AsyncSession, branch_id: int, tz: str, today: date, now: datetime
) -> list[tuple[MeetingType, int | None, date]]:
    rows = await session.execute(
        select(Meeting.type, Meeting.audience, Meeting.starts_at).where(
            Meeting.branch_id == branch_id,
            Meeting.status == "scheduled",
            Meeting.starts_at < now,
            Meeting.starts_at >= held_since(today, now),
        )
    )
    return held_items(rows, tz)


def held_since(today: date, now: datetime) -> datetime:
    """The oldest meeting start the digest looks at: 13 months back, from the 1st."""
    since = today - relativedelta(months=13)
    return datetime(since.year, since.month, 1, tzinfo=now.tzinfo)


def held_items(
    rows: Iterable[tuple[str, str, datetime]], tz: str
) -> list[tuple[MeetingType, int | None, date]]:
    """(type, group, local day) of held meetings; rows the domain cannot read are passed over."""
    held: list[tuple[MeetingType, int | None, date]] = []
    for kind, audience, starts_at in rows:
        try:
            parsed = Audience.from_string(audience)
            meeting_type = MeetingType(kind)
        except ValueError:
            continue
        group = parsed.group_id if parsed.kind is AudienceKind.GROUP else None
        held.append((meeting_type, group, local_date(starts_at, tz)))
    return held


async def _last_participation(session: AsyncSession, branch_id: int) -> dict[int, datetime]:
    """Latest attended meeting start or 补学 time per member of the branch."""
    attended = await session.execute(
        select(Attendance.member_id, func.max(Meeting.starts_at))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.branch_id == branch_id, Attendance.state.in_(("present", "late")))
        .group_by(Attendance.member_id)
    )
    made_up = await session.execute(
        select(Attendance.member_id, func.max(Attendance.made_up_at))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.branch_id == branch_id, Attendance.made_up_at.is_not(None))
        .group_by(Attendance.member_id)
    )
    return latest([*attended, *made_up])


def latest(rows: Iterable[tuple[int, datetime | None]]) -> dict[int, datetime]:
    last: dict[int, datetime] = {}
    for member_id, when in rows:
        if when is None:
            continue
        # max() keeps the column type, so values come back aware; stored values are UTC anyway.
        aware = when if when.tzinfo else when.replace(tzinfo=UTC)
        if member_id not in last or aware > last[member_id]:
            last[member_id] = aware
    return last


async def flags_for(session: AsyncSession, branch: Branch, today: date) -> list[Flag]:
    members = await repo.active_members(session, branch.id)
    return flags_from(members, await _last_participation(session, branch.id), branch, today)


class Rostered(Protocol):
    """What the inactivity flags read of a member (a roster row or entry)."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def category(self) -> str: ...

    @property
    def created_at(self) -> datetime: ...


def flags_from(
    active: Sequence[Rostered], last: dict[int, datetime], branch: Branch, today: date
) -> list[Flag]:
    """Inactivity flags of the branch's active Party members (activists are contacts)."""
    members = [
        m
        for m in active
        if (cat := parse_category(m.category)) is not None and is_party_member(cat)
    ]
    tz = branch.timezone
    last_day = {m.id: local_date(last[m.id], tz) if m.id in last else None for m in members}
    joined = {m.id: local_date(m.created_at, tz) for m in members}
    levels = inactivity_flags(last_day, joined, today)
    by_id: dict[int, Rostered] = {m.id: m for m in members}
    return [
        Flag(mid, by_id[mid].name, level, max(filter(None, (last_day[mid], joined[mid]))))
        for mid, level in sorted(levels.items())
    ]


async def build_digest(session: AsyncSession, branch: Branch, now: datetime) -> Digest:
    tz = branch.timezone
    today = local_date(now, tz)
    groups = await group_names(session, branch.id)
    held = await _held(session, branch.id, tz, today, now)
    return digest_from(branch, now, held, groups, await flags_for(session, branch, today))


def digest_from(
    branch: Branch,
    now: datetime,
    held: list[tuple[MeetingType, int | None, date]],
    groups: dict[int, str],
    flags: list[Flag],
) -> Digest:
    today = local_date(now, branch.timezone)
    cfg = from_branch_settings(branch.settings)
    items = cadence_digest(
        held,
        groups.keys(),
        today,
        cfg.cadence,
        since=local_date(branch.created_at, branch.timezone),
    )
    return Digest(branch.id, today, items, flags)


def digest_period(branch: Branch, now: datetime) -> str | None:
    """The month ("2025-03") whose digest the branch is due, or None (archived, or started
    this month: no past month to judge yet)."""
    if branch.archived_at is not None:
        return None
    today = local_date(now, branch.timezone)
    if local_date(branch.created_at, branch.timezone) >= today.replace(day=1):
        return None
    return f"{today:%Y-%m}"


def digest_requests(
    digest: Digest, groups: dict[int, str], secretaries: Sequence[int]
) -> list[NoticeRequest]:
    """The digest to the secretaries and a kind reminder to members at a reminding level."""
    branch_id = digest.branch_id
    found = [
        NoticeRequest(
            branch_id=branch_id,
            kind="digest",
            key=f"digest:{branch_id}:{digest.today:%Y-%m}",
            content=notices.per_lang(
                lambda lang: Content(text=render_digest(digest, groups, lang))
            ),
            member_ids=list(secretaries),
        )
    ]
    for flag in digest.flags:
        if flag.level in REMIND_MEMBER_AT:
            found.append(
                NoticeRequest(
                    branch_id=branch_id,
                    kind="inactivity",
                    key=f"inactive:{flag.member_id}:{int(flag.level)}:{flag.reference:%Y%m%d}",
                    content=notices.per_lang(_kind_reminder(flag)),
                    member_ids=[flag.member_id],
                )
            )
    return found


async def branches_due_for_digest(session: AsyncSession, now: datetime) -> list[int]:
    """Live branches whose digest for their current month is not claimed yet: two queries,
    so a tick does not open a transaction per branch of a district every 30 s."""
    candidates: list[tuple[int, str]] = []
    for branch in await repo.live_branches(session):
        period = digest_period(branch, now)
        if period is not None:
            candidates.append((branch.id, period))
    done = await repo.runs_in_periods(session, "digest", {period for _, period in candidates})
    return [branch_id for branch_id, period in candidates if (branch_id, period) not in done]


async def digest_if_due(session: AsyncSession, branch_id: int, now: datetime) -> bool:
    """Once a month per branch (claimed in meeting_runs): digest to secretaries, kind reminders."""
    branch = await repo.get_branch(session, branch_id)
    period = digest_period(branch, now) if branch is not None else None
    if branch is None or period is None:
        return False
    if not await repo.claim_run(session, branch.id, "digest", period, now):
        return False
    digest = await build_digest(session, branch, now)
    groups = await group_names(session, branch.id)
    for request in digest_requests(digest, groups, await secretary_ids(session, branch.id)):
        await notices.send_simple(
            session,
            branch_id=request.branch_id,
            kind=request.kind,
            key=request.key,
            build=request.content.__getitem__,
            member_ids=request.member_ids,
            now=now,
        )
    return True


def _kind_reminder(flag: Flag) -> Callable[[str], Content]:
    def build(lang: str) -> Content:
        return Content(
            text=t(
                "meetings.inactive.member",
                lang,
                name=html.escape(flag.name),
                months=int(flag.level),
            )
        )

    return build


def render_digest(digest: Digest, groups: dict[int, str], lang: str) -> str:
    lines = [t("meetings.digest.head", lang, year=digest.today.year, month=digest.today.month)]
    for item in digest.items:
        name = render.type_name(item.type.value, lang)
        if item.group_id is not None:
            name += " · " + html.escape(groups.get(item.group_id, "?"))
        last = item.last_held
        lines.append(
            t(
                f"meetings.digest.{item.status.value}",
                lang,
                name=name,
                period=t(f"meetings.period.{_period_of(item)}", lang),
                due=render.day_label(item.period_last_day, lang),
                last="—" if last is None else f"{last:%Y-%m-%d}",
            )
        )
    if digest.flags:
        lines.append("")
        lines.append(t("meetings.digest.flags_head", lang))
        for flag in digest.flags[:FLAGS_SHOWN]:
            lines.append(
                t(
                    f"meetings.digest.flag.{int(flag.level)}",
                    lang,
                    name=html.escape(flag.name),
                    since=f"{flag.reference:%Y-%m-%d}",
                )
            )
        if len(digest.flags) > FLAGS_SHOWN:
            # A notice must stay under Telegram's 4096 characters; the register has them all.
            lines.append(t("meetings.summary.more", lang, n=len(digest.flags) - FLAGS_SHOWN))
    return "\n".join(lines)


def _period_of(item: DigestItem) -> str:
    label = item.period_label
    if "Q" in label:
        return "quarter"
    if "H" in label:
        return "half_year"
    return "month" if "-" in label else "year"


__all__ = ["Digest", "DigestStatus", "Flag", "build_digest", "digest_if_due", "render_digest"]
