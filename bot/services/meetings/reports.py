"""Attendance registers as .xlsx: members × meetings for a period (and a party group)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience, local_date, local_day_bounds_utc
from bot.domain.meetings.attendance import AttendanceState
from bot.domain.meetings.cadence import Period, period_span
from bot.domain.members import Permission
from bot.domain.sheets import append_row, new_workbook, workbook_bytes
from bot.services.identity import Actor
from bot.services.meetings.access import Refusal, Refused, in_audience, may, may_branchwide
from bot.services.meetings.audience import group_names
from bot.services.meetings.changes import managed_meeting
from bot.texts import meeting_facts as render
from bot.texts import t
from storage.models.core import Member
from storage.models.meetings import Attendance, Meeting
from storage.repos import core as core_repo
from storage.repos import meetings as repo

log = logging.getLogger(__name__)

PERIODS = ("this_month", "this_quarter", "this_year", "last_quarter")
MAX_MEETINGS = 200
_FILL = {
    "present": "C6EFCE",
    "late": "FFEB9C",
    "proxy": "DDEBF7",
    "leave": "EDEDED",
    "absent": "FFC7CE",
    "made_up": "E2EFDA",
}


@dataclass(frozen=True)
class Scope:
    branch_wide: bool
    groups: dict[int, str]  # groups the actor may report on


@dataclass(frozen=True)
class Register:
    filename: str
    content: bytes
    meetings: int
    members: int


@dataclass(frozen=True)
class RegisterData:
    """The register's plain cells, read in the transaction; the .xlsx is built after it."""

    filename: str
    sheet: str
    title: str
    head: list[str]
    rows: list[list[object]]
    fills: list[list[str | None]]  # per member row: the colour key of each meeting column
    meetings: int
    members: int


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """[start, end) local dates of a named period."""
    if period == "this_month":
        span = period_span(today, Period.MONTH)
    elif period == "this_year":
        span = period_span(today, Period.YEAR)
    elif period == "last_quarter":
        span = period_span(today, Period.QUARTER).previous()
    else:
        span = period_span(today, Period.QUARTER)
    return span.start, span.end


async def report_scope(session: AsyncSession, actor: Actor) -> Scope | Refused:
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    groups = {
        g: n
        for g, n in (await group_names(session, me.branch_id)).items()
        if may(me, Permission.VIEW_REPORTS, g)
    }
    wide = may_branchwide(me, Permission.VIEW_REPORTS)
    if not wide and not groups:
        return Refused(Refusal.NOT_ALLOWED)
    return Scope(wide, groups)


async def period_register(
    session: AsyncSession, actor: Actor, period: str, group_id: int | None, now: datetime
) -> RegisterData | Refused:
    """Members of the branch (or one group) × meetings held in the period."""
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    groups = await group_names(session, me.branch_id)
    if group_id is not None and group_id not in groups:
        # Another branch's group (or none): its register is not ours to give, even empty.
        log.warning("member %s asked for the register of group %s", me.member_id, group_id)
        return Refused(Refusal.NO_SUCH_GROUP)
    if period not in PERIODS or not may(me, Permission.VIEW_REPORTS, group_id):
        return Refused(Refusal.NOT_ALLOWED)
    branch = await repo.get_branch(session, me.branch_id)
    assert branch is not None
    tz = branch.timezone
    start, end = period_bounds(period, local_date(now, tz))
    lo = local_day_bounds_utc(start, tz)[0]
    hi = min(local_day_bounds_utc(end, tz)[0], now)
    members = await repo.active_members(session, me.branch_id, group_id=group_id)
    rows = await session.scalars(
        select(Meeting)
        .where(
            Meeting.branch_id == me.branch_id,
            Meeting.status == "scheduled",
            Meeting.starts_at >= lo,
            Meeting.starts_at < hi,
        )
        .order_by(Meeting.starts_at)
        .limit(MAX_MEETINGS)
    )
    meetings = [m for m in rows if any(_invited(m, p) for p in members)]
    title = t(
        "meetings.report.title",
        actor.lang,
        branch=branch.name,
        period=f"{start:%Y-%m-%d} – {end - relativedelta(days=1):%Y-%m-%d}",
        group=groups.get(group_id, "") if group_id else t("meetings.report.all", actor.lang),
    )
    scope_name = groups.get(group_id, "") if group_id else branch.name
    name = file_name(t("meetings.report.file_period", actor.lang, scope=scope_name, start=start))
    _audit_export(
        session,
        actor,
        me.branch_id,
        ("branch", me.branch_id),
        {"kind": "period", "period": period, "group_id": group_id},
        meetings,
        members,
        now,
    )
    return await _register_data(session, name, title, meetings, members, groups, tz, actor.lang)


async def meeting_register(
    session: AsyncSession, actor: Actor, meeting_id: int, now: datetime
) -> RegisterData | Refused:
    """One meeting's register, for its host."""
    found = await managed_meeting(session, actor, meeting_id)
    if isinstance(found, Refused):
        return found
    meeting = found[0]
    branch = await repo.get_branch(session, meeting.branch_id)
    assert branch is not None
    members = [
        m for m in await repo.active_members(session, meeting.branch_id) if _invited(meeting, m)
    ]
    groups = await group_names(session, meeting.branch_id)
    title = t(
        "meetings.report.one",
        actor.lang,
        branch=branch.name,
        title=meeting.title,
        when=render.when(meeting.starts_at, branch.timezone, actor.lang),
    )
    day = local_date(meeting.starts_at, branch.timezone)
    name = file_name(t("meetings.report.file_one", actor.lang, title=meeting.title, day=day))
    _audit_export(
        session,
        actor,
        meeting.branch_id,
        ("meeting", meeting.id),
        {"kind": "meeting"},
        [meeting],
        members,
        now,
    )
    return await _register_data(
        session, name, title, [meeting], members, groups, branch.timezone, actor.lang
    )


def _audit_export(
    session: AsyncSession,
    actor: Actor,
    branch_id: int,
    target: tuple[str, int],
    what: dict[str, object],
    meetings: Sequence[Meeting],
    members: Sequence[Member],
    now: datetime,
) -> None:
    """Personal data leaves the bot: who took it, when, and exactly which records."""
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor.tg_id,
        action="report.export",
        target=target[0],
        target_id=target[1],
        after={
            **what,
            "meeting_ids": [m.id for m in meetings],
            "member_ids": [p.id for p in members],
        },
        now=now,
    )


def _invited(meeting: Meeting, member: Member) -> bool:
    return in_audience(
        Audience.from_string(meeting.audience),
        category=member.category,
        role=member.role,
        group_id=member.group_id,
    )


def cell(record: Attendance | None, lang: str) -> tuple[str, str | None]:
    """The register's word for one record, and its colour key."""
    if record is None:
        return "", None
    state = AttendanceState(record.state)
    if record.by_proxy:
        return t("meetings.cell.proxy", lang), "proxy"
    if state is AttendanceState.PRESENT:
        return t("meetings.cell.present", lang), "present"
    if state is AttendanceState.LATE:
        return t("meetings.cell.late", lang), "late"
    excused = state is AttendanceState.LEAVE_APPROVED
    if record.made_up_at is not None:
        key = "meetings.cell.leave_made_up" if excused else "meetings.cell.made_up"
        return t(key, lang), "made_up"
    if excused:
        return t("meetings.cell.leave", lang), "leave"
    if state is AttendanceState.LEAVE_PENDING:
        return t("meetings.cell.leave_pending", lang), "leave"
    return t("meetings.cell.absent", lang), "absent"


async def _register_data(
    session: AsyncSession,
    filename: str,
    title: str,
    meetings: Sequence[Meeting],
    members: Sequence[Member],
    groups: dict[int, str],
    tz: str,
    lang: str,
) -> RegisterData:
    records: dict[tuple[int, int], Attendance] = {}
    for m in meetings:
        for r in await repo.attendance_rows(session, m.id):
            records[(m.id, r.member_id)] = r
    head = [t("meetings.report.name", lang), t("meetings.report.group", lang)]
    head += [
        # The heading says the type once: 「党小组会」, not 「党小组会\n党小组会」.
        f"{_month_day(local_date(m.starts_at, tz), lang)}\n{render.heading(m.type, m.title, lang)}"
        for m in meetings
    ]
    head += [
        t(f"meetings.report.total.{k}", lang)
        for k in ("expected", "attended", "leave", "absent", "made_up", "rate")
    ]
    return RegisterData(
        filename=filename,
        sheet=t("meetings.report.sheet", lang),
        title=title,
        head=head,
        rows=[_member_row(p, meetings, records, groups, lang) for p in members],
        fills=[[cell(records.get((m.id, p.id)), lang)[1] for m in meetings] for p in members],
        meetings=len(meetings),
        members=len(members),
    )


def build_register(data: RegisterData) -> Register:
    """The .xlsx file; CPU-bound, so callers run it in a thread after the transaction."""
    from openpyxl.styles import Alignment, Font, PatternFill  # not at start (see sheets.py)
    from openpyxl.utils import get_column_letter

    wb, ws = new_workbook()
    ws.title = data.sheet
    append_row(ws, [data.title])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, data.head)
    for c in ws[2]:
        c.font = Font(bold=True)
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row, fills in zip(data.rows, data.fills, strict=True):
        append_row(ws, row)
        for col, colour in enumerate(fills, start=3):
            if colour is not None:
                ws.cell(row=ws.max_row, column=col).fill = PatternFill(
                    "solid", start_color=_FILL[colour]
                )
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 12
    for col in range(3, 3 + data.meetings):
        ws.column_dimensions[get_column_letter(col)].width = 14
    ws.freeze_panes = "C3"
    return Register(data.filename, workbook_bytes(wb), data.meetings, data.members)


def _member_row(
    member: Member,
    meetings: Sequence[Meeting],
    records: dict[tuple[int, int], Attendance],
    groups: dict[int, str],
    lang: str,
) -> list[object]:
    row: list[object] = [member.name, groups.get(member.group_id or 0, "")]
    expected = attended = leave = absent = made_up = 0
    for meeting in meetings:
        if not _invited(meeting, member):
            row.append("—")
            continue
        record = records.get((meeting.id, member.id))
        text, colour = cell(record, lang)
        row.append(text)
        if record is None:
            continue
        expected += 1
        attended += colour in ("present", "late", "proxy")
        leave += record.state == AttendanceState.LEAVE_APPROVED.value
        absent += record.state in ("absent", "leave_declined")
        made_up += record.made_up_at is not None
    rate = f"{attended * 100 / expected:.1f}%" if expected else "—"
    return [*row, expected, attended, leave, absent, made_up, rate]


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(stem: str) -> str:
    """A register's file name in the reader's words (meeting and date), safe on any system."""
    # Names and attendance: the file says it holds personal data (issue 15).
    return _UNSAFE.sub("_", stem).strip("_")[:80] + "_含个人信息.xlsx"


def _month_day(day: date, lang: str) -> str:
    return f"{day:%m-%d}" if lang == "en" else f"{day.month}月{day.day}日"
