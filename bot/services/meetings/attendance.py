"""After a meeting: absentees recorded, the secretary's summary, make-up notices."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import Audience, MeetingType
from bot.domain.meetings.attendance import (
    AttendanceRecord,
    AttendanceState,
    AttendanceSummary,
    QuorumResult,
    finalize,
    quorum,
    summarize,
)
from bot.domain.members import MemberStatus, Permission, Role, can_act_on_member, parse_role
from bot.services.meetings import notices
from bot.services.meetings.access import audience_group, votes
from bot.services.meetings.audience import audience_members, secretary_ids
from bot.services.meetings.buttons import MadeUp, Materials, MeetingRegister
from bot.services.meetings.notices import Content, View
from bot.services.meetings.settings import from_branch_settings, window_of
from bot.texts import t
from storage.models.core import Member
from storage.models.meetings import Attendance, Meeting
from storage.repos import meetings as repo

log = logging.getLogger(__name__)
NAMES_SHOWN = 30


@dataclass(frozen=True)
class Report:
    """Attendance of one meeting over its audience."""

    summary: AttendanceSummary
    quorum: QuorumResult | None
    names: dict[str, list[str]]  # present / late / proxy / leave / pending / absent


def to_record(row: Attendance) -> AttendanceRecord:
    return AttendanceRecord(
        member_id=row.member_id,
        state=AttendanceState(row.state),
        by_proxy=row.by_proxy,
        made_up=row.made_up_at is not None,
    )


async def report_for(session: AsyncSession, meeting: Meeting) -> Report:
    audience = await audience_members(session, meeting.branch_id, meeting.audience)
    rows = await repo.attendance_rows(session, meeting.id)
    return _report(meeting, audience, rows)


def _report(meeting: Meeting, members: Sequence[Member], rows: Sequence[Attendance]) -> Report:
    records = [to_record(r) for r in rows]
    ids = [m.id for m in members]
    summary = summarize(records, ids)
    result = None
    if meeting.type == MeetingType.GENERAL_MEETING.value:
        result = quorum(records, [(m.id, votes(m.category, m.status)) for m in members])
    by_id = {r.member_id: r for r in records}
    names: dict[str, list[str]] = {
        k: [] for k in ("present", "late", "proxy", "leave", "pending", "absent")
    }
    for m in members:
        rec = by_id.get(m.id)
        state = rec.state if rec else None
        if rec is not None and rec.by_proxy:
            names["proxy"].append(m.name)
        if state is AttendanceState.PRESENT:
            names["present"].append(m.name)
        elif state is AttendanceState.LATE:
            names["late"].append(m.name)
        elif state is AttendanceState.LEAVE_APPROVED:
            names["leave"].append(m.name)
        elif state is AttendanceState.LEAVE_PENDING:
            names["pending"].append(m.name)
        else:
            names["absent"].append(m.name)
    return Report(summary, result, names)


def render_report(report: Report, view: View, lang: str, *, closed: bool = True) -> str:
    """The secretary's summary: counts, rate, quorum, and who was missing.

    Before check-in closes (closed=False) nobody is absent yet: those without a record are
    "not checked in", and there is no rate or absentee list.
    """
    s = report.summary
    lines = [
        notices.card(view, lang, agenda=False),
        "",
        t(
            "meetings.summary.counts" if closed else "meetings.summary.counts_open",
            lang,
            expected=s.expected,
            attended=s.attended,
            present=s.present,
            late=s.late,
            proxy=s.proxy,
            leave=s.excused,
            pending=s.leave_pending,
            absent=s.unexcused,
            waiting=s.unexcused,
        ),
    ]
    if closed:
        rate = s.rate_percent()
        lines.append(t("meetings.summary.rate", lang, rate="—" if rate is None else f"{rate}%"))
    if closed and report.quorum is not None:
        q = report.quorum
        key = "meetings.summary.quorum_ok" if q.held else "meetings.summary.quorum_failed"
        lines.append(
            t(key, lang, voters=q.voting_members, present=q.present_voting, required=q.required)
        )
    groups = ("late", "proxy", "leave", "pending") + (("absent",) if closed else ("waiting",))
    for group in groups:
        # Before the close, "absent" is who has not checked in yet: names, not only a count.
        who = report.names["absent" if group == "waiting" else group]
        if who:
            shown = "、".join(html.escape(n) for n in who[:NAMES_SHOWN])
            if len(who) > NAMES_SHOWN:
                shown += t("meetings.summary.more", lang, n=len(who) - NAMES_SHOWN)
            lines.append(t(f"meetings.summary.names.{group}", lang, names=shown))
    return "\n".join(lines)


async def close_if_due(session: AsyncSession, meeting_id: int, now: datetime) -> bool:
    """At the end of check-in: record absentees, send the summary and make-up notices, once."""
    meeting = await repo.get_meeting(session, meeting_id)
    if meeting is None or meeting.status != "scheduled" or meeting.closed_at is not None:
        return False
    branch = await repo.get_branch(session, meeting.branch_id)
    cfg = from_branch_settings(branch.settings if branch else None)
    if now < window_of(meeting, cfg).closes_at:
        return False
    if not await repo.claim_close(session, meeting.id, now):
        return False
    audience = await audience_members(session, meeting.branch_id, meeting.audience)
    rows = await repo.attendance_rows(session, meeting.id)
    for absent in finalize([to_record(r) for r in rows], [m.id for m in audience]):
        await repo.insert_attendance(
            session,
            {
                "meeting_id": meeting.id,
                "member_id": absent.member_id,
                "state": absent.state.value,
                "created_at": now,
                "updated_at": now,
            },
        )
    rows = await repo.attendance_rows(session, meeting.id)
    report = _report(meeting, audience, rows)
    view = await notices.view_of(session, meeting)
    await _send_summary(session, meeting, report, view, now)
    missed = [
        r.member_id
        for r in rows
        if AttendanceState(r.state) not in (AttendanceState.PRESENT, AttendanceState.LATE)
    ]
    await _send_makeup(session, meeting, view, missed, now)
    log.info(
        "meeting %s closed: %d invited, %d attended",
        meeting.id,
        report.summary.expected,
        report.summary.attended,
    )
    return True


async def _send_summary(
    session: AsyncSession, meeting: Meeting, report: Report, view: View, now: datetime
) -> None:
    recipients = await secretary_ids(session, meeting.branch_id)
    recipients += await _scheduler_in_office(session, meeting)
    await notices.send_simple(
        session,
        branch_id=meeting.branch_id,
        kind="meeting_summary",
        key=f"meeting:{meeting.id}:summary",
        build=lambda lang: Content(
            text=t("meetings.summary.head", lang) + "\n" + render_report(report, view, lang),
            buttons=(((t("meetings.btn.register", lang), MeetingRegister(meeting.id).data),),),
        ),
        member_ids=list(dict.fromkeys(recipients)),
        now=now,
        meta={"meeting_id": meeting.id},
    )


async def _scheduler_in_office(session: AsyncSession, meeting: Meeting) -> list[int]:
    """Who scheduled the meeting, if they may still manage it: offices are read at the close,
    not when it was scheduled, so one removed or gone since gets no officers' summary."""
    if meeting.created_by_member_id is None:
        return []
    who = await repo.get_member(session, meeting.created_by_member_id)
    if who is None or who.branch_id != meeting.branch_id or who.status != MemberStatus.ACTIVE:
        return []
    group = audience_group(Audience.from_string(meeting.audience))
    role = parse_role(who.role) or Role.MEMBER
    allowed = can_act_on_member(role, who.group_id, group, Permission.SCHEDULE_MEETING)
    return [who.id] if allowed else []


async def _send_makeup(
    session: AsyncSession, meeting: Meeting, view: View, missed: list[int], now: datetime
) -> None:
    if not missed:
        return

    def build(lang: str) -> Content:
        rows: list[tuple[tuple[str, str], ...]] = []
        if view.files:
            rows.append(((t("meetings.btn.materials", lang), Materials(meeting.id).data),))
        rows.append(((t("meetings.btn.made_up", lang), MadeUp(meeting.id).data),))
        return Content(
            text=t("meetings.makeup.notice", lang, card=notices.card(view, lang)),
            buttons=tuple(rows),
        )

    await notices.send_simple(
        session,
        branch_id=meeting.branch_id,
        kind="makeup",
        key=f"meeting:{meeting.id}:makeup",
        build=build,
        member_ids=missed,
        now=now,
        meta={"meeting_id": meeting.id},
    )
