"""Reminders before a meeting: planned by the domain, claimed in the DB, queued once."""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.meetings import (
    Audience,
    ReminderPlan,
    ReminderStatus,
    next_decision_at,
    plan_reminders,
)
from bot.domain.meetings.attendance import AttendanceState
from bot.services.delivery import notices as outbox
from bot.services.meetings import notices
from bot.services.meetings.access import audience_rule
from bot.services.meetings.settings import MeetingSettings, from_branch_settings
from storage.models.core import Branch
from storage.models.meetings import Meeting
from storage.repos import meetings as repo

log = logging.getLogger(__name__)

# Nobody to remind: on leave, or already checked in (the reminder says "please check in").
_NOT_EXPECTED = frozenset(
    {
        AttendanceState.LEAVE_PENDING.value,
        AttendanceState.LEAVE_APPROVED.value,
        AttendanceState.PRESENT.value,
        AttendanceState.LATE.value,
    }
)


@dataclass(frozen=True)
class ReminderOutcome:
    sent: int = 0
    skipped: int = 0


def _decided(logs: Collection[int]) -> list[timedelta]:
    return [timedelta(seconds=s) for s in logs]


# One page of the scan; the tick reads page after page until none is left.
PAGE = 200


async def due(
    session: AsyncSession, now: datetime, after: tuple[datetime, int] | None = None
) -> Sequence[tuple[datetime, int]]:
    """(remind_at, meeting id) of meetings with a reminder to decide, one page after `after`."""
    return await repo.reminders_to_decide(session, now, after=after, limit=PAGE)


async def reschedule(
    session: AsyncSession, meeting: Meeting, cfg: MeetingSettings | None = None
) -> None:
    """Store when this meeting version next needs a reminder decision (after any change)."""
    if meeting.status != "scheduled" or meeting.announced_at is None:
        meeting.remind_at = None
        return
    cfg = cfg or await _settings(session, meeting)
    logs = await repo.reminder_logs(session, [meeting.id])
    meeting.remind_at = next_decision_at(
        meeting.starts_at,
        cfg.reminders,
        meeting.announced_at,
        _decided(logs.get((meeting.id, meeting.version), set())),
    )


async def branch_offsets_changed(session: AsyncSession, branch_id: int, now: datetime) -> int:
    """After the branch's reminder offsets changed: the tick decides them all again."""
    return await repo.mark_reminders_due(session, branch_id, now)


async def rebuild_page(session: AsyncSession, now: datetime, after_id: int) -> list[int]:
    """remind_at recomputed for one page of upcoming meetings (a safety net run at start:
    rows written by an older version of the bot, or by a path that forgot to keep it)."""
    ids = list(await repo.upcoming_announced_ids(session, now, after_id=after_id, limit=PAGE))
    # The page in a fixed number of statements: locked together, one read of their branches'
    # settings and one of their reminder logs.
    meetings = await repo.lock_meetings(session, ids)
    branches = await repo.branches_by_id(session, {m.branch_id for m in meetings})
    logs = await repo.reminder_logs(session, ids)
    for meeting in meetings:
        if meeting.status != "scheduled" or meeting.announced_at is None:
            meeting.remind_at = None
            continue
        cfg = from_branch_settings(_stored(branches, meeting.branch_id))
        meeting.remind_at = next_decision_at(
            meeting.starts_at,
            cfg.reminders,
            meeting.announced_at,
            _decided(logs.get((meeting.id, meeting.version), set())),
        )
    return ids


async def process(session: AsyncSession, meeting_id: int, now: datetime) -> ReminderOutcome:
    """Decide every reminder of one meeting at `now`; each (meeting, version, offset) once."""
    # Locked so an edit waits for (and then withdraws) a reminder queued for this version.
    meeting = await repo.get_meeting(session, meeting_id, lock=True)
    if meeting is None:
        return ReminderOutcome()
    if meeting.status != "scheduled" or meeting.announced_at is None:
        meeting.remind_at = None
        return ReminderOutcome()
    cfg = await _settings(session, meeting)
    logs = await repo.reminder_logs(session, [meeting.id])
    decided = _decided(logs.get((meeting.id, meeting.version), set()))
    sent = skipped = 0
    for plan in plan_reminders(
        meeting.starts_at, cfg.reminders, now, meeting.announced_at, decided
    ):
        status = plan.status
        if status not in (ReminderStatus.DUE, ReminderStatus.SUPERSEDED, ReminderStatus.SKIPPED):
            continue
        stored = "sent" if status is ReminderStatus.DUE else status.value
        claimed = await repo.claim_reminder(
            session,
            meeting_id=meeting.id,
            version=meeting.version,
            offset_seconds=int(plan.offset.total_seconds()),
            status=stored,
            send_at=plan.send_at,
            now=now,
        )
        if not claimed:
            continue
        if status is ReminderStatus.DUE:
            batch = await _batch(session, [meeting])
            await notices.remind(session, meeting, plan.offset, now, batch)
            await _queue(session, [(r, meeting) for r in batch.requests], now)
            sent += 1
        else:
            skipped += 1
            _log_skipped(meeting, plan.offset, plan.send_at, status)
    await reschedule(session, meeting, cfg)  # the settings just read, not read again
    return ReminderOutcome(sent, skipped)


@dataclass
class PageOutcome:
    sent: int = 0
    skipped: int = 0
    failed: list[int] = field(default_factory=list)


async def process_page(
    session: AsyncSession, meeting_ids: Sequence[int], now: datetime, retry_at: datetime
) -> PageOutcome:
    """`process` for a page of meetings in a fixed number of statements (a district's branches
    often share a reminder minute). A meeting that cannot be rendered is left out (nothing of
    it recorded) and retried at `retry_at`; the rest of the page goes on."""
    meetings = await repo.lock_meetings(session, meeting_ids)
    branches = await repo.branches_by_id(session, {m.branch_id for m in meetings})
    cfgs = {m.branch_id: from_branch_settings(_stored(branches, m.branch_id)) for m in meetings}
    live = [m for m in meetings if m.status == "scheduled" and m.announced_at is not None]
    for meeting in meetings:
        if meeting not in live:
            meeting.remind_at = None
    logs = await repo.reminder_logs(session, [m.id for m in live])
    plans = {m.id: _plans(m, cfgs[m.branch_id], logs, now) for m in live}
    due = [m for m in live if any(p.status is ReminderStatus.DUE for p in plans[m.id])]
    batch = await _batch(session, due, branches)
    outcome = PageOutcome()
    claims: list[dict[str, object]] = []
    keys: list[tuple[int, int, int]] = []  # (meeting, version, offset) of batch.requests[i]
    for meeting in live:
        before = len(batch.requests)
        try:
            for plan in plans[meeting.id]:
                if plan.status is ReminderStatus.DUE:
                    Audience.from_string(meeting.audience)  # a bad one fails here, not below
                    await notices.remind(session, meeting, plan.offset, now, batch)
                    keys.append((meeting.id, meeting.version, _seconds(plan.offset)))
        except Exception:
            log.exception("meetings tick: reminders of meeting %s failed", meeting.id)
            del batch.requests[before:], keys[before:]
            outcome.failed.append(meeting.id)
            if meeting.remind_at is not None:
                meeting.remind_at = retry_at
            continue
        claims += [_claim(meeting, plan, now) for plan in plans[meeting.id]]
    won = await repo.claim_reminders(session, claims)
    by_id = {m.id: m for m in due}
    await _queue(
        session,
        [(r, by_id[k[0]]) for r, k in zip(batch.requests, keys, strict=True) if k in won],
        now,
    )
    failed = set(outcome.failed)
    for meeting in live:
        if meeting.id in failed:
            continue
        decided = logs.get((meeting.id, meeting.version), set())
        for plan in plans[meeting.id]:
            decided.add(_seconds(plan.offset))
            if (meeting.id, meeting.version, _seconds(plan.offset)) not in won:
                continue
            if plan.status is ReminderStatus.DUE:
                outcome.sent += 1
            else:
                outcome.skipped += 1
                _log_skipped(meeting, plan.offset, plan.send_at, plan.status)
        cfg = cfgs[meeting.branch_id]
        assert meeting.announced_at is not None
        meeting.remind_at = next_decision_at(
            meeting.starts_at, cfg.reminders, meeting.announced_at, _decided(decided)
        )
    return outcome


def _stored(branches: dict[int, Branch], branch_id: int) -> dict[str, object] | None:
    branch = branches.get(branch_id)
    return branch.settings if branch else None


def _seconds(offset: timedelta) -> int:
    return int(offset.total_seconds())


def _plans(
    meeting: Meeting,
    cfg: MeetingSettings,
    logs: dict[tuple[int, int], set[int]],
    now: datetime,
) -> list[ReminderPlan]:
    """The reminders of this meeting to decide now: due, superseded or skipped."""
    assert meeting.announced_at is not None
    decided = _decided(logs.get((meeting.id, meeting.version), set()))
    return [
        plan
        for plan in plan_reminders(
            meeting.starts_at, cfg.reminders, now, meeting.announced_at, decided
        )
        if plan.status in (ReminderStatus.DUE, ReminderStatus.SUPERSEDED, ReminderStatus.SKIPPED)
    ]


def _claim(meeting: Meeting, plan: ReminderPlan, now: datetime) -> dict[str, object]:
    return {
        "meeting_id": meeting.id,
        "version": meeting.version,
        "offset_seconds": _seconds(plan.offset),
        "status": "sent" if plan.status is ReminderStatus.DUE else plan.status.value,
        "send_at": plan.send_at,
        "recorded_at": now,
    }


async def _batch(
    session: AsyncSession, due: Sequence[Meeting], branches: dict[int, Branch] | None = None
) -> notices.ReminderBatch:
    """Everything rendering `due` needs, one query per kind of thing."""
    ids = [m.id for m in due]
    branch_ids = {m.branch_id for m in due}
    if branches is None:
        branches = await repo.branches_by_id(session, branch_ids)
    return notices.ReminderBatch(
        tz={b: branches[b].timezone for b in branch_ids if b in branches},
        groups=await repo.group_names_of(session, branch_ids) if due else {},
        series=await repo.series_by_id(session, {m.series_id for m in due if m.series_id}),
        files=await repo.file_counts(session, ids),
    )


async def _queue(
    session: AsyncSession, reminders: Sequence[tuple[outbox.NoticeRequest, Meeting]], now: datetime
) -> None:
    """Each reminder to its meeting's audience less those on leave or already checked in,
    chosen and written by the database (one statement for the whole page)."""
    if not reminders:
        return
    about = {r.key: meeting for r, meeting in reminders}
    rule = audience_rule(await repo.categories_in(session, {m.branch_id for m in about.values()}))

    def expected(notice_ids: Mapping[str, int]) -> Select[int, int]:
        targets = []
        for key, notice_id in notice_ids.items():
            meeting = about[key]
            audience = Audience.from_string(meeting.audience)
            targets.append(
                repo.ReminderTarget(
                    notice_id,
                    meeting.id,
                    meeting.branch_id,
                    audience.kind.value,
                    audience.group_id,
                    audience.category,
                )
            )
        return repo.expected_members(session, targets, rule, _NOT_EXPECTED)

    await outbox.enqueue_selected(session, [r for r, _ in reminders], expected, now)


def _log_skipped(
    meeting: Meeting, offset: timedelta, send_at: datetime, status: ReminderStatus
) -> None:
    log.warning(
        "meeting %s: reminder %s before the start (due %s) %s: the bot was not running",
        meeting.id,
        offset,
        send_at.isoformat(),
        status.value,
    )


async def next_wake(session: AsyncSession) -> datetime | None:
    """The earliest moment a reminder becomes due (past if one keeps failing)."""
    return await repo.earliest_remind_at(session)


async def _settings(session: AsyncSession, meeting: Meeting) -> MeetingSettings:
    branch = await repo.get_branch(session, meeting.branch_id, fresh=True)
    return from_branch_settings(branch.settings if branch else None)
