"""Duty records: a holder records duty done; a group leader or the secretary confirms it."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.approvals import Refusal as QueueRefusal
from bot.domain.members.roles import Permission
from bot.domain.posts.rules import (
    MAX_PHOTOS,
    MAX_WHAT,
    DutyDayError,
    DutyState,
    TextError,
    check_duty_day,
    clean_text,
    pickable_days,
    valid_halves,
)
from bot.kernel import approvals
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor, Membership
from bot.services.posts.buttons import ConfirmDuty, DutyPhotos, RejectDuty
from bot.services.posts.common import Refusal, Refused, local_today, me_in, tell
from bot.texts import t
from storage.models.posts import DutyRecord, Post
from storage.repos import posts as repo

KIND = repo.DUTY_KIND

_QUEUE = {
    QueueRefusal.NOT_FOUND: Refusal.NOT_FOUND,
    QueueRefusal.SELF: Refusal.SELF,
    QueueRefusal.NOT_ALLOWED: Refusal.NOT_ALLOWED,
    QueueRefusal.ALREADY_DECIDED: Refusal.ALREADY_DECIDED,
    QueueRefusal.NOT_REQUESTER: Refusal.NOT_YOURS,
    QueueRefusal.REASON_TOO_LONG: Refusal.TOO_LONG,
}


@dataclass(frozen=True)
class DutyStart:
    post_id: int
    post_name: str
    today: date
    claimed_on: date
    days: tuple[date, ...]


@dataclass(frozen=True)
class DutyView:
    id: int
    approval_id: int
    member_id: int
    member_name: str
    post_name: str
    day: date
    what: str
    halves: int
    photos: tuple[str, ...]
    state: str


@dataclass(frozen=True)
class Decision:
    duty: DutyView
    approved: bool


async def _holding(
    session: AsyncSession, me: Membership, post_id: int
) -> tuple[Post, date] | Refused:
    post = await repo.post(session, post_id)
    if post is None or post.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    mine = await repo.active_claim(session, me.member_id, post.id)
    if mine is None:
        return Refused(Refusal.NOT_YOURS)
    return post, local_today(me.branch_tz, mine.claimed_at)


async def start(
    session: AsyncSession, actor: Actor, post_id: int, now: datetime
) -> DutyStart | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    found = await _holding(session, me, post_id)
    if isinstance(found, Refused):
        return found
    post, claimed_on = found
    today = local_today(me.branch_tz, now)
    return DutyStart(post.id, post.name, today, claimed_on, tuple(pickable_days(today, claimed_on)))


async def check_day(
    session: AsyncSession, actor: Actor, post_id: int, day: date, now: datetime
) -> Refused | None:
    found = await start(session, actor, post_id, now)
    if isinstance(found, Refused):
        return found
    error = check_duty_day(day, found.today, found.claimed_on)
    return None if error is None else Refused(Refusal(error.value))


def clean_what(raw: str) -> str | Refused:
    found = clean_text(raw, minimum=2, maximum=MAX_WHAT)
    if isinstance(found, TextError):
        return Refused(Refusal(found.value), str(MAX_WHAT if found is TextError.TOO_LONG else 2))
    return found


async def submit(
    session: AsyncSession,
    actor: Actor,
    *,
    post_id: int,
    day: date,
    what: str,
    halves: int,
    photos: Sequence[str],
    now: datetime,
) -> DutyView | Refused:
    """Everything is checked again here: the draft came through the person's own chat."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    found = await _holding(session, me, post_id)
    if isinstance(found, Refused):
        return found
    post, claimed_on = found
    cleaned = _checked(day, local_today(me.branch_tz, now), claimed_on, what, halves, photos)
    if isinstance(cleaned, Refused):
        return cleaned
    row = DutyRecord(
        branch_id=me.branch_id,
        member_id=me.member_id,
        post_id=post.id,
        source="post",
        state=DutyState.PENDING.value,
        day=day,
        what=cleaned,
        halves=halves,
        photos=list(photos),
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await session.flush()
    item = await approvals.submit(
        session,
        branch_id=me.branch_id,
        kind=KIND,
        subject_id=row.id,
        requester_member_id=me.member_id,
        permission=Permission.RECORD_ACTIVITY,
        summary=f"{me.name} {day.isoformat()} {post.name} {cleaned}",
        now=now,
    )
    view = _view(row, item.id, me.name, post.name)
    await _tell_deciders(session, view, await approvals.deciders(session, item), now)
    return view


def _checked(
    day: date, today: date, claimed_on: date, what: str, halves: int, photos: Sequence[str]
) -> str | Refused:
    """The cleaned "what", or why the draft may not be saved."""
    day_error: DutyDayError | None = check_duty_day(day, today, claimed_on)
    if day_error is not None:
        return Refused(Refusal(day_error.value))
    if not valid_halves(halves):
        return Refused(Refusal.BAD_HOURS)
    if len(photos) > MAX_PHOTOS:
        return Refused(Refusal.TOO_MANY_PHOTOS)
    return clean_what(what)


def _view(row: DutyRecord, approval_id: int, name: str, post_name: str) -> DutyView:
    return DutyView(
        id=row.id,
        approval_id=approval_id,
        member_id=row.member_id,
        member_name=name,
        post_name=post_name,
        day=row.day,
        what=row.what,
        halves=row.halves,
        photos=tuple(row.photos or ()),
        state=row.state,
    )


def halves_text(halves: int) -> str:
    whole, half = divmod(halves, 2)
    return f"{whole}.5" if half else str(whole)


def duty_text(view: DutyView, lang: str) -> str:
    hours = t("posts.duty.hours", lang, h=halves_text(view.halves)) if view.halves else ""
    photos = t("posts.duty.photos", lang, n=len(view.photos)) if view.photos else ""
    return t(
        "posts.duty.item",
        lang,
        name=html.escape(view.member_name),
        post=html.escape(view.post_name),
        day=view.day.isoformat(),
        what=html.escape(view.what),
        extra=hours + photos,
    )


def decide_buttons(
    approval_id: int, lang: str, *, photos: bool = False
) -> tuple[tuple[tuple[str, str], ...], ...]:
    decide = (
        (t("posts.btn.confirm", lang), ConfirmDuty(approval_id).data),
        (t("posts.btn.reject", lang), RejectDuty(approval_id).data),
    )
    if photos:
        return (((t("posts.btn.photos", lang), DutyPhotos(approval_id).data),), decide)
    return (decide,)


async def _tell_deciders(
    session: AsyncSession, view: DutyView, people: Sequence[int], now: datetime
) -> None:
    def build(lang: str) -> outbox.Content:
        return outbox.Content(
            text=t("posts.duty.new", lang) + "\n" + duty_text(view, lang),
            buttons=decide_buttons(view.approval_id, lang, photos=bool(view.photos)),
        )

    me = await repo.member(session, view.member_id)
    await tell(
        session,
        branch_id=me.branch_id if me else 0,
        kind="posts_duty_request",
        key=f"posts:duty:{view.id}:ask",
        member_ids=people,
        build=build,
        now=now,
    )


async def named_view(session: AsyncSession, row: DutyRecord, approval_id: int) -> DutyView:
    member = await repo.member(session, row.member_id)
    post = await repo.post(session, row.post_id) if row.post_id else None
    return _view(row, approval_id, member.name if member else "", post.name if post else "")


async def pending(session: AsyncSession, actor: Actor) -> list[DutyView]:
    me = me_in(actor)
    if isinstance(me, Refused):
        return []
    found = []
    for item in await approvals.pending_for(session, me.member_id, kinds=(KIND,)):
        row = await repo.duty(session, item.subject_id)
        if row is not None and row.state == DutyState.PENDING:
            found.append(await named_view(session, row, item.id))
    return found


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
    row = await repo.duty_for_update(session, request.subject_id)
    if row is None:
        return Refused(Refusal.NOT_FOUND)

    async def apply(_s: AsyncSession, item: approvals.ApprovalItem, approved: bool) -> None:
        row.state = (DutyState.CONFIRMED if approved else DutyState.REJECTED).value
        row.decided_by_member_id = me.member_id
        row.decided_at = now
        row.reason = None if approved else item.reason
        row.updated_at = now

    result = await approvals.decide(
        session,
        item_id=request.id,
        kind=KIND,
        decider_member_id=me.member_id,
        approve=approve,
        reason=reason,
        now=now,
        apply=apply,
        actor_tg_id=actor.tg_id,
    )
    if isinstance(result, QueueRefusal):
        return Refused(_QUEUE[result])
    await session.flush()
    view = await named_view(session, row, request.id)
    await _tell_member(session, view, approve, me.name, row.reason, now)
    return Decision(view, approve)


async def _tell_member(
    session: AsyncSession,
    view: DutyView,
    approved: bool,
    by: str,
    reason: str | None,
    now: datetime,
) -> None:
    def build(lang: str) -> outbox.Content:
        key = "posts.duty.confirmed" if approved else "posts.duty.rejected"
        return outbox.Content(
            text=t(
                key,
                lang,
                post=html.escape(view.post_name),
                day=view.day.isoformat(),
                by=html.escape(by),
                reason=html.escape(reason or "-"),
            )
        )

    member = await repo.member(session, view.member_id)
    await tell(
        session,
        branch_id=member.branch_id if member else 0,
        kind="posts_duty_result",
        key=f"posts:duty:{view.id}:result",
        member_ids=[view.member_id],
        build=build,
        now=now,
    )


async def mine(session: AsyncSession, actor: Actor) -> list[DutyView] | Refused:
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    return [await named_view(session, r, 0) for r in await repo.duties_of(session, me.member_id)]


async def may_decide(session: AsyncSession, actor: Actor, approval_id: int) -> Refused | None:
    """Why this person could not decide this record now (before asking them for a reason)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    request = await repo.approval(session, approval_id)
    if request is None or request.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    if request.requester_member_id == me.member_id:
        return Refused(Refusal.SELF)
    if request.state != "pending":
        return Refused(Refusal.ALREADY_DECIDED)
    if any(v.approval_id == approval_id for v in await pending(session, actor)):
        return None
    return Refused(Refusal.NOT_ALLOWED)


async def for_decider(session: AsyncSession, actor: Actor, approval_id: int) -> DutyView | Refused:
    """The record (with all its photos) for someone who may decide it now."""
    refused = await may_decide(session, actor, approval_id)
    if refused is not None:
        return refused
    found = next((v for v in await pending(session, actor) if v.approval_id == approval_id), None)
    return found if found is not None else Refused(Refusal.NOT_FOUND)
