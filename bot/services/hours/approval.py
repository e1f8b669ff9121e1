"""Deciding hours: team leaders for their team, officers as the queue says; never one's own."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.approvals import Refusal as QueueRefusal
from bot.domain.authz import permits, subject
from bot.domain.hours.rules import RecordState, decides_own, format_halves
from bot.kernel import approvals
from bot.services.delivery import notices as outbox
from bot.services.hours.common import (
    Refusal,
    Refused,
    audit,
    led_team_ids,
    me_in,
    record_facts,
    tell,
)
from bot.services.hours.submit import KIND
from bot.services.hours.views import RecordView, record_view
from bot.services.identity import Actor, Membership
from bot.texts import t
from storage.models.hours import HoursRecord
from storage.repos import hours as repo

_QUEUE_REFUSALS = {
    QueueRefusal.NOT_FOUND: Refusal.NOT_FOUND,
    QueueRefusal.SELF: Refusal.SELF,
    QueueRefusal.NOT_ALLOWED: Refusal.NOT_ALLOWED,
    QueueRefusal.ALREADY_DECIDED: Refusal.ALREADY_DECIDED,
    QueueRefusal.NOT_REQUESTER: Refusal.NOT_YOURS,
    QueueRefusal.REASON_TOO_LONG: Refusal.REASON_TOO_LONG,
}


@dataclass(frozen=True)
class PendingItem:
    approval_id: int
    record: RecordView


@dataclass(frozen=True)
class Decision:
    approval_id: int
    record: RecordView
    approved: bool


@dataclass(frozen=True)
class AllDecided:
    approved: int
    skipped: int  # disputed or flagged: decided one by one, after a look


async def pending(session: AsyncSession, actor: Actor) -> tuple[PendingItem, ...] | Refused:
    """What the actor may decide: the queue's items for their branch role, and their teams'."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not await _decides_some(session, me):
        # A plain member pressing an officer's replayed 待审核 button is refused, not shown an
        # empty list that reads as if they could decide hours.
        return Refused(Refusal.NOT_ALLOWED)
    return await _pending_items(session, me)


async def _decides_some(session: AsyncSession, me: Membership) -> bool:
    """An officer of the hours table (a group leader over their group) or a team's leader."""
    who = subject(me.role, branch_id=me.branch_id, group_id=me.group_id)
    if permits("hours.record_activity", who, branch_id=me.branch_id, group_id=me.group_id):
        return True
    return bool(await led_team_ids(session, me.member_id))


async def _pending_items(session: AsyncSession, me: Membership) -> tuple[PendingItem, ...]:
    ids = {i.id for i in await approvals.pending_for(session, me.member_id, kinds=(KIND,))}
    led = await led_team_ids(session, me.member_id)
    for row in await repo.pending_of_teams(session, me.branch_id, led):
        if row.requester_member_id != me.member_id:
            ids.add(row.id)
    found: list[PendingItem] = []
    for approval_id in sorted(ids):
        request = await repo.approval(session, approval_id)
        record = await repo.record(session, request.subject_id) if request else None
        if record is None or record.state != RecordState.PENDING:
            continue
        if not decides_own(me.member_id, record.member_id, record.recorded_by_member_id):
            found.append(PendingItem(approval_id, await record_view(session, record)))
    return tuple(found)


async def count_pending(session: AsyncSession, actor: Actor) -> int:
    found = await pending(session, actor)
    return 0 if isinstance(found, Refused) else len(found)


async def _team_right(
    session: AsyncSession, me: Membership, team_id: int | None
) -> tuple[bool, bool]:
    """(leads this record's team, leads some team)."""
    led = await led_team_ids(session, me.member_id)
    return (team_id is not None and team_id in led), bool(led)


def _own(me: Membership, record: HoursRecord) -> Refused | None:
    if record.member_id == me.member_id:
        return Refused(Refusal.SELF)
    if decides_own(me.member_id, record.member_id, record.recorded_by_member_id):
        return Refused(Refusal.RECORDED_BY_SELF)
    return None


async def may_decide_now(session: AsyncSession, actor: Actor, approval_id: int) -> Refused | None:
    """Why this person could not decide this request now (before asking them for a reason)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    request = await repo.approval(session, approval_id)
    if request is None or request.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    record = await repo.record(session, request.subject_id)
    if record is None:
        return Refused(Refusal.NOT_FOUND)
    if (own := _own(me, record)) is not None:
        return own
    if request.state != "pending":
        return Refused(Refusal.ALREADY_DECIDED)
    if any(i.approval_id == approval_id for i in await _pending_items(session, me)):
        return None
    _leads_it, leads_some = await _team_right(session, me, record.team_id)
    return Refused(Refusal.OTHER_TEAM if leads_some else Refusal.NOT_ALLOWED)


async def decide(
    session: AsyncSession,
    actor: Actor,
    approval_id: int,
    approve: bool,
    reason: str | None,
    now: datetime,
) -> Decision | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    request = await repo.approval(session, approval_id)
    if request is None or request.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    record = await repo.record_for_update(session, request.subject_id)
    if record is None:
        return Refused(Refusal.NOT_FOUND)
    if (own := _own(me, record)) is not None:
        return own
    leads_it, leads_some = await _team_right(session, me, record.team_id)
    before = record_facts(record)

    async def apply(s: AsyncSession, _item: approvals.ApprovalItem, approved: bool) -> None:
        record.state = (RecordState.APPROVED if approved else RecordState.DECLINED).value
        record.decided_by_member_id = me.member_id
        record.decided_at = now
        record.reason = None if approved else _item.reason
        record.updated_at = now
        await s.flush()

    result = await approvals.decide(
        session,
        kind=KIND,
        item_id=request.id,
        decider_member_id=me.member_id,
        approve=approve,
        reason=reason,
        now=now,
        apply=apply,
        actor_tg_id=actor.tg_id,
        extra_allowed=leads_it,
    )
    if isinstance(result, QueueRefusal):
        if result is QueueRefusal.NOT_ALLOWED and leads_some:
            return Refused(Refusal.OTHER_TEAM)
        return Refused(_QUEUE_REFUSALS[result])
    _audit_decision(session, actor.tg_id, record, before, approve, now)
    view = await record_view(session, record)
    await _tell_member(session, view, approve, me.name, result.item.reason, now)
    return Decision(request.id, view, approve)


def _audit_decision(
    session: AsyncSession,
    actor_tg_id: int,
    record: HoursRecord,
    before: dict[str, object],
    approve: bool,
    now: datetime,
) -> None:
    audit(
        session,
        branch_id=record.branch_id,
        actor_tg_id=actor_tg_id,
        action="record.approve" if approve else "record.decline",
        target="hours_record",
        target_id=record.id,
        before=before,
        after=record_facts(record),
        now=now,
    )


async def _tell_member(
    session: AsyncSession,
    view: RecordView,
    approved: bool,
    by: str,
    reason: str | None,
    now: datetime,
) -> None:
    def build(lang: str) -> outbox.Content:
        key = "hours.result.approved" if approved else "hours.result.declined"
        return outbox.Content(
            text=t(
                key,
                lang,
                day=view.day.isoformat() if view.day else "",
                h=format_halves(view.halves),
                team=html.escape(view.team_name or t(f"hours.type.{view.activity_type}", lang)),
                by=html.escape(by),
                reason=html.escape(reason or t("hours.result.no_reason", lang)),
            )
        )

    await tell(
        session,
        branch_id=view.branch_id,
        kind="hours_result",
        key=f"hours:{view.id}:result:{int(now.timestamp())}",
        member_ids=[view.member_id],
        build=build,
        now=now,
    )


async def decide_all(session: AsyncSession, actor: Actor, now: datetime) -> AllDecided | Refused:
    """Approve everything the actor may decide, except disputed or flagged records."""
    items = await pending(session, actor)
    if isinstance(items, Refused):
        return items
    done = skipped = 0
    for item in items:
        if item.record.disputed or item.record.flagged:
            skipped += 1
            continue
        result = await decide(session, actor, item.approval_id, True, None, now)
        if isinstance(result, Decision):
            done += 1
    return AllDecided(done, skipped)
