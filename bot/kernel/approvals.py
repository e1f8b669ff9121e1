"""The one approval queue: submit a request, list what an officer may decide, decide it.

Every feature whose records wait for an officer (leave, applications, duty records, volunteer
hours, dues payments) keeps its own row and puts one request here. The queue decides who may
decide (bot.domain.approvals), serialises two officers pressing at once, applies the feature's
own change in the same transaction and writes the audit row. Telling people is the feature's
job: it knows the words.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.approvals import (
    ApprovalState,
    Person,
    Refusal,
    clean_reason,
    may_decide,
    route,
)
from bot.domain.members.roles import Permission
from storage.models.approvals import ApprovalRequest
from storage.models.core import Member
from storage.repos import approvals as repo
from storage.repos import core as core_repo

log = logging.getLogger(__name__)

__all__ = [
    "ApprovalItem",
    "ApprovalState",
    "Decided",
    "Refusal",
    "decide",
    "decide_as_operator",
    "deciders",
    "operator_may_decide",
    "pending_for",
    "pending_for_operator",
    "submit",
    "withdraw",
]

MAX_SUMMARY = 200


@dataclass(frozen=True)
class ApprovalItem:
    id: int
    branch_id: int
    kind: str
    subject_id: int
    requester_member_id: int
    requester_name: str
    permission: str
    state: ApprovalState
    summary: str
    created_at: datetime
    decided_by_member_id: int | None
    decided_at: datetime | None
    reason: str | None


@dataclass(frozen=True)
class Decided:
    item: ApprovalItem
    approved: bool


Apply = Callable[[AsyncSession, ApprovalItem, bool], Awaitable[None]]


def _person(m: Member) -> Person:
    return Person(m.id, m.role, m.group_id, active=m.status == "active")


def _item(row: ApprovalRequest, requester_name: str) -> ApprovalItem:
    return ApprovalItem(
        id=row.id,
        branch_id=row.branch_id,
        kind=row.kind,
        subject_id=row.subject_id,
        requester_member_id=row.requester_member_id,
        requester_name=requester_name,
        permission=row.permission,
        state=ApprovalState(row.state),
        summary=row.summary,
        created_at=row.created_at,
        decided_by_member_id=row.decided_by_member_id,
        decided_at=row.decided_at,
        reason=row.reason,
    )


async def _named(session: AsyncSession, row: ApprovalRequest) -> ApprovalItem:
    requester = await repo.member(session, row.requester_member_id)
    return _item(row, requester.name if requester else "")


async def submit(
    session: AsyncSession,
    *,
    branch_id: int,
    kind: str,
    subject_id: int,
    requester_member_id: int,
    permission: Permission,
    summary: str,
    now: datetime,
) -> ApprovalItem:
    """Put a request in the queue; the same subject again is the same request (reopened if it
    was declined or withdrawn), so a repeated tap never makes two."""
    summary = " ".join(summary.split())[:MAX_SUMMARY]
    row = await repo.by_subject(session, kind, subject_id)
    if row is None:
        row = ApprovalRequest(
            branch_id=branch_id,
            kind=kind,
            subject_id=subject_id,
            requester_member_id=requester_member_id,
            permission=permission.value,
            summary=summary,
            state=ApprovalState.PENDING.value,
            created_at=now,
            updated_at=now,
        )
        repo.add(session, row)
        await session.flush()
    elif row.state != ApprovalState.PENDING:
        if row.state == ApprovalState.APPROVED:
            return await _named(session, row)  # approved is final; the feature says so
        row.state = ApprovalState.PENDING.value
        row.summary = summary
        row.decided_by_member_id = None
        row.decided_at = None
        row.reason = None
        row.created_at = now
        row.updated_at = now
    return await _named(session, row)


async def withdraw(
    session: AsyncSession, *, item_id: int, requester_member_id: int, now: datetime
) -> ApprovalItem | Refusal:
    """The requester takes back a request that is still pending."""
    row = await repo.get_for_update(session, item_id)
    if row is None:
        return Refusal.NOT_FOUND
    if row.requester_member_id != requester_member_id:
        return Refusal.NOT_REQUESTER
    if row.state != ApprovalState.PENDING:
        return Refusal.ALREADY_DECIDED
    row.state = ApprovalState.WITHDRAWN.value
    row.updated_at = now
    return await _named(session, row)


async def pending_for(
    session: AsyncSession,
    decider_member_id: int,
    *,
    kinds: Collection[str] | None = None,
    limit: int = 50,
) -> list[ApprovalItem]:
    """The pending requests this person may decide, oldest first."""
    decider = await repo.member(session, decider_member_id)
    if decider is None or decider.status != "active" or decider.role == "member":
        return []
    # A branch has tens of pending requests, not thousands: filter by the rule in Python so the
    # rule lives in one place. The cap keeps a runaway queue from reading everything.
    rows = await repo.pending(session, decider.branch_id, kinds, limit=1000)
    people = await repo.members(session, {r.requester_member_id for r in rows})
    me = _person(decider)
    found: list[ApprovalItem] = []
    for row in rows:
        requester = people.get(row.requester_member_id)
        if requester is None:
            continue
        if may_decide(me, _person(requester), Permission(row.permission)) is None:
            found.append(_item(row, requester.name))
            if len(found) >= limit:
                break
    return found


async def decide(
    session: AsyncSession,
    *,
    item_id: int,
    kind: str,
    decider_member_id: int,
    approve: bool,
    reason: str | None,
    now: datetime,
    apply: Apply,
    actor_tg_id: int | None = None,
    extra_allowed: bool = False,
) -> Decided | Refusal:
    """Approve or decline; checked on the server every time, whatever the button said.

    kind: the kind of request the caller's button decides. Button data carries only an id, so
    without it a forged id of another feature's request (a payment claim pressed as a basis)
    would be decided by the wrong feature's callback.
    extra_allowed: the calling feature checked a right of its own (see may_decide); the queue
    still refuses one's own request, another branch's, and a second decision.
    """
    cleaned = clean_reason(reason)
    if isinstance(cleaned, Refusal):
        return cleaned
    row = await repo.get_for_update(session, item_id)
    decider = await repo.member(session, decider_member_id)
    if row is None or row.kind != kind or decider is None or decider.branch_id != row.branch_id:
        return Refusal.NOT_FOUND
    requester = await repo.member(session, row.requester_member_id)
    if requester is None:
        return Refusal.NOT_FOUND
    refused = may_decide(
        _person(decider),
        _person(requester),
        Permission(row.permission),
        extra_allowed=extra_allowed,
    )
    if refused is not None:
        log.info("approval %s: member %s refused (%s)", row.id, decider.id, refused.value)
        return refused
    if row.state != ApprovalState.PENDING:
        return Refusal.ALREADY_DECIDED
    by = actor_tg_id if actor_tg_id is not None else decider.tg_user_id
    return await _settle(session, row, requester, decider.id, by, approve, cleaned, now, apply)


async def _settle(
    session: AsyncSession,
    row: ApprovalRequest,
    requester: Member,
    decider_member_id: int | None,
    actor_tg_id: int | None,
    approve: bool,
    reason: str | None,
    now: datetime,
    apply: Apply,
) -> Decided:
    before: dict[str, object] = {"state": row.state}
    row.state = (ApprovalState.APPROVED if approve else ApprovalState.DECLINED).value
    row.decided_by_member_id = decider_member_id
    row.decided_at = now
    row.reason = None if approve else reason
    row.updated_at = now
    item = _item(row, requester.name)
    await apply(session, item, approve)
    core_repo.audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor_tg_id,
        action=f"{row.kind}.{'approve' if approve else 'decline'}",
        target="approval",
        target_id=row.id,
        before=before,
        after={
            "state": row.state,
            "subject_id": row.subject_id,
            "requester_member_id": row.requester_member_id,
            "reason": row.reason,
        },
        now=now,
    )
    return Decided(item=item, approved=approve)


async def deciders(session: AsyncSession, item: ApprovalItem) -> list[int]:
    """Member ids to tell of a new request: the nearest officers who may decide it."""
    requester = await repo.member(session, item.requester_member_id)
    if requester is None:
        return []
    officers = await repo.active_officers(session, item.branch_id)
    return route(_person(requester), [_person(o) for o in officers], Permission(item.permission))


# --- the operator: requests nobody in the branch may decide ----------------------------------


async def operator_may_decide(
    session: AsyncSession, row: ApprovalRequest, requester: Member, operator_tg_id: int
) -> Refusal | None:
    """The bot's operator decides only what no officer of the branch may (a lone secretary's
    own request), and never their own: the operator is then the requester's account."""
    if requester.tg_user_id is not None and requester.tg_user_id == operator_tg_id:
        return Refusal.SELF
    if await deciders(session, _item(row, requester.name)):
        return Refusal.NOT_ALLOWED  # the branch decides it itself
    # The operator holds no branch role: the feature's table row is the extra right, and the
    # one rule still refuses their own request should they be a member here.
    me = Person(-operator_tg_id, "operator", None)
    return may_decide(me, _person(requester), Permission(row.permission), extra_allowed=True)


async def pending_for_operator(
    session: AsyncSession, operator_tg_id: int, kinds: Collection[str], *, limit: int = 50
) -> list[ApprovalItem]:
    """Pending requests of these kinds, in any branch, that only the operator may decide."""
    rows = await repo.pending_of_kinds(session, kinds, limit=1000)
    people = await repo.members(session, {r.requester_member_id for r in rows})
    found: list[ApprovalItem] = []
    for row in rows:
        requester = people.get(row.requester_member_id)
        if requester is None:
            continue
        if await operator_may_decide(session, row, requester, operator_tg_id) is None:
            found.append(_item(row, requester.name))
            if len(found) >= limit:
                break
    return found


async def decide_as_operator(
    session: AsyncSession,
    *,
    item_id: int,
    kind: str,
    operator_tg_id: int,
    approve: bool,
    now: datetime,
    apply: Apply,
) -> Decided | Refusal:
    """Approve or decline as the operator (the caller checked the operator flag and the
    table); the request must still be one the branch cannot decide, and pending."""
    row = await repo.get_for_update(session, item_id)
    if row is None or row.kind != kind:
        return Refusal.NOT_FOUND
    requester = await repo.member(session, row.requester_member_id)
    if requester is None:
        return Refusal.NOT_FOUND
    refused = await operator_may_decide(session, row, requester, operator_tg_id)
    if refused is not None:
        return refused
    if row.state != ApprovalState.PENDING:
        return Refusal.ALREADY_DECIDED
    return await _settle(session, row, requester, None, operator_tg_id, approve, None, now, apply)
