"""A member's correction or deletion request, decided by the secretary in /approve."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.approvals import Refusal as QueueRefusal
from bot.domain.authz import permits, subject
from bot.domain.members.roles import Permission
from bot.domain.privacy import (
    SCRUBBED_COLUMNS,
    SUBJECT_COLUMNS,
    RequestKind,
    anonymised_name,
    clean_request_text,
    scrub_audit_values,
    scrub_mentions,
)
from bot.kernel import approvals
from bot.services.delivery import notices
from bot.services.identity import Actor
from bot.services.privacy.common import Refusal, Refused, member_of, secretary_of
from bot.texts import LANGS, t
from storage.models.core import Member
from storage.models.privacy import DataRequest
from storage.repos import core as core_repo
from storage.repos import members as members_repo
from storage.repos import privacy as repo

# A one-character name would match inside every other name: only longer ones are looked for in
# other records' audit rows (Chinese names have two or more characters).
MIN_MENTION = 2
KIND = "data_request"  # the approval queue's kind
# Only the secretary holds it: the queue then routes these requests to the secretary alone.
PERMISSION = Permission.ARCHIVE_MEMBER


@dataclass(frozen=True)
class Submitted:
    request_id: int
    kind: RequestKind
    told: bool  # a notice to the secretary was queued: wake the sender
    # No officer of the branch may decide it (a lone secretary's own): the operator will.
    to_operator: bool = False


@dataclass(frozen=True)
class Pending:
    approval_id: int
    name: str
    kind: RequestKind
    text: str
    created_at: datetime


@dataclass(frozen=True)
class Decision:
    approved: bool
    kind: RequestKind
    name: str  # as the member was called when they asked
    requester_tg_id: int | None
    requester_lang: str
    by_operator: bool = False  # a lone secretary's own request, decided by the bot's operator


async def submit(
    session: AsyncSession, actor: Actor, kind: RequestKind, text: str, now: datetime
) -> Submitted | Refused:
    me = member_of(actor)
    if isinstance(me, Refused):
        return me
    cleaned = clean_request_text(text) if kind is RequestKind.CORRECT else text.strip()[:200]
    if cleaned is None:
        return Refused(Refusal.BAD_TEXT)
    for old in await repo.requests_of(session, me.member_id):
        if old.kind == kind.value and old.state == "pending":
            return Refused(Refusal.PENDING)
    row = DataRequest(
        branch_id=me.branch_id,
        member_id=me.member_id,
        kind=kind.value,
        text=cleaned,
        state="pending",
        created_at=now,
    )
    repo.add_request(session, row)
    await session.flush()
    item = await approvals.submit(
        session,
        branch_id=me.branch_id,
        kind=KIND,
        subject_id=row.id,
        requester_member_id=me.member_id,
        permission=PERMISSION,
        summary=f"{kind.value}: {cleaned}",
        now=now,
    )
    core_repo.audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action=f"privacy.request_{kind.value}",
        target="member",
        target_id=me.member_id,
        after={"request_id": row.id},
        now=now,
    )
    # Whoever the one rule lets decide it; never the requester (a secretary's own request goes
    # to another secretary, or, when the branch has none, to the operator).
    others = await approvals.deciders(session, item)
    if others:

        def content(lang: str) -> notices.Content:
            text = t(
                "privacy.request.secretary_notice",
                lang,
                name=html.escape(me.name),
                kind=t(f"privacy.kind.{kind.value}", lang),
            )
            return notices.Content(text=text)

        await notices.enqueue_notice(
            session,
            branch_id=me.branch_id,
            kind="data_request",
            key=f"data_request:{row.id}",
            content={lang: content(lang) for lang in LANGS},
            member_ids=others,
            now=now,
            meta={"member_id": me.member_id},
        )
    return Submitted(row.id, kind, bool(others), to_operator=not others)


async def pending(session: AsyncSession, actor: Actor) -> list[Pending] | Refused:
    """The branch's requests for its secretary; for the operator also those no officer of their
    branch may decide."""
    me = secretary_of(actor, "privacy.decide_requests")
    if isinstance(me, Refused) and not _operator(actor):
        return me
    items = (
        []
        if isinstance(me, Refused)
        else await approvals.pending_for(session, me.member_id, kinds=[KIND])
    )
    if _operator(actor):
        items += await approvals.pending_for_operator(session, actor.tg_id, [KIND])
    out: list[Pending] = []
    for item in items:
        row = await repo.request(session, item.subject_id)
        if row is not None:
            kind = RequestKind(row.kind)
            out.append(Pending(item.id, item.requester_name, kind, row.text, item.created_at))
    return out


_QUEUE_REFUSALS = {
    QueueRefusal.SELF: Refusal.SELF,
    QueueRefusal.ALREADY_DECIDED: Refusal.ALREADY_DECIDED,
    QueueRefusal.NOT_FOUND: Refusal.NOT_FOUND,
}


async def decide(
    session: AsyncSession, actor: Actor, approval_id: int, approve: bool, now: datetime
) -> Decision | Refused:
    """The branch's secretary decides, or the operator what no officer of the branch may;
    nobody on their own request (the queue checks)."""
    me = secretary_of(actor, "privacy.decide_requests")
    if isinstance(me, Refused) and not _operator(actor):
        return me
    outcome: dict[str, object] = {}

    async def apply(s: AsyncSession, item: approvals.ApprovalItem, ok: bool) -> None:
        row = await repo.request(s, item.subject_id)
        record = await members_repo.member(s, item.requester_member_id, lock=True)
        if row is None or record is None:
            return
        row.state = "approved" if ok else "declined"
        row.decided_at = now
        outcome["kind"] = RequestKind(row.kind)
        outcome["tg"] = record.tg_user_id
        outcome["lang"] = await members_repo.language(s, record.tg_user_id or 0) or "zh"
        if ok and row.kind == RequestKind.DELETE.value:
            await anonymise(s, record, actor.tg_id, now)

    result: approvals.Decided | QueueRefusal = QueueRefusal.NOT_ALLOWED
    if _operator(actor):
        result = await approvals.decide_as_operator(
            session,
            item_id=approval_id,
            kind=KIND,
            operator_tg_id=actor.tg_id,
            approve=approve,
            now=now,
            apply=apply,
        )
    # An operator who is also a secretary decides their branch's other requests as secretary.
    if result in (QueueRefusal.NOT_ALLOWED, QueueRefusal.NOT_FOUND) and not isinstance(me, Refused):
        result = await approvals.decide(
            session,
            item_id=approval_id,
            kind=KIND,
            decider_member_id=me.member_id,
            approve=approve,
            reason=None,
            now=now,
            apply=apply,
            actor_tg_id=actor.tg_id,
            extra_allowed=True,  # secretary_of above is this request's right
        )
    if isinstance(result, QueueRefusal):
        return Refused(_QUEUE_REFUSALS.get(result, Refusal.SECRETARY_ONLY))
    kind = outcome.get("kind")
    if not isinstance(kind, RequestKind):
        return Refused(Refusal.NOT_FOUND)
    tg = outcome.get("tg")
    return Decision(
        approved=result.approved,
        kind=kind,
        name=result.item.requester_name,
        requester_tg_id=tg if isinstance(tg, int) else None,
        requester_lang=str(outcome.get("lang") or "zh"),
        by_operator=result.item.decided_by_member_id is None,
    )


def _operator(actor: Actor) -> bool:
    # Checked against the table on every press, like the secretary's row.
    return permits("privacy.decide_requests", subject(None, operator=actor.is_operator))


async def anonymise(session: AsyncSession, record: Member, actor_tg_id: int, now: datetime) -> None:
    """Delete what the branch need not keep: the record stays (dues ledger, attendance counts)
    under a made-up name; phone, work unit, dates, binding and free text are cleared."""
    tg_id = record.tg_user_id
    label = anonymised_name(record.id)
    name, erase = record.name, [v for v in (record.phone, record.work_unit) if v]
    cleared = [
        f
        for f in ("phone", "work_unit", "joined_party_on", "full_member_on", "tg_user_id")
        if getattr(record, f) is not None
    ]
    record.name = label
    record.phone = None
    record.work_unit = None
    record.joined_party_on = None
    record.full_member_on = None
    record.tg_user_id = None
    record.status = "archived"
    record.status_reason = "personal data deleted"
    await members_repo.revoke_member_links(session, record.id, now)
    await notices.withdraw_member(session, record.id, now)
    scrubbed = await repo.scrub_subject_rows(session, record.id, SUBJECT_COLUMNS, SCRUBBED_COLUMNS)
    if tg_id is not None and not await core_repo.memberships(session, tg_id):
        await repo.forget_account(session, tg_id, now)
    # Older rows about the person held their name and phone in before/after: rewritten so the
    # trail keeps what was done, not to whom. Written before the new row, which is clean.
    for entry in await repo.audit_about(session, record.branch_id, record.id):
        entry.before = _scrubbed(entry.before, name, label, erase)
        entry.after = _scrubbed(entry.after, name, label, erase)
    await _scrub_mentions(session, record.branch_id, name, label, erase)
    # The trail says what was done, never what the values were.
    core_repo.audit(
        session,
        branch_id=record.branch_id,
        actor_tg_id=actor_tg_id,
        action="privacy.delete",
        target="member",
        target_id=record.id,
        after={"cleared": cleared, "rows_scrubbed": scrubbed},
        now=now,
    )


# Rows read at a time when looking for other records' audit rows that name the person.
_AUDIT_PAGE = 500


async def _scrub_mentions(
    session: AsyncSession, branch_id: int, name: str, label: str, erase: list[str]
) -> None:
    """Rows filed against other records (a post's holders, a duty, a request) that mention the
    person by name, phone or work unit lose the mention, and nothing else. Read in pages in
    Python: JSON text differs by backend (SQLite may store escaped characters), so no LIKE."""
    needles = [v for v in (name, *erase) if len(v) >= MIN_MENTION]
    if not needles:
        return
    after_id = 0
    while page := await repo.audit_with_values(session, branch_id, after_id, _AUDIT_PAGE):
        after_id = page[-1].id
        for entry in page:
            text = json.dumps([entry.before, entry.after], ensure_ascii=False, default=str)
            if any(n in text for n in needles):
                entry.before = _mentions_gone(entry.before, name, label, erase)
                entry.after = _mentions_gone(entry.after, name, label, erase)


def _mentions_gone(
    value: dict[str, Any] | None, name: str, label: str, erase: list[str]
) -> dict[str, Any] | None:
    cleaned = scrub_mentions(value, name, label, erase)
    return cleaned if isinstance(cleaned, dict) else None


def _scrubbed(
    value: dict[str, Any] | None, name: str, label: str, erase: list[str]
) -> dict[str, Any] | None:
    cleaned = scrub_audit_values(value, name, label, erase)
    return cleaned if isinstance(cleaned, dict) else None
