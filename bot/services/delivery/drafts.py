"""The secretary's broadcast: compose a draft, choose the audience, preview, confirm or schedule
or cancel it, call off a scheduled one, and draft a re-send to those who did not acknowledge.

Every step loads the notice through broadcast.load_notice, which re-checks the actor's rights.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.delivery import audiences, notices
from bot.services.delivery.audiences import Selection
from bot.services.delivery.broadcast import (
    KIND,
    Officer,
    Problem,
    Refused,
    check_content,
    officer,
    on_notice,
    title_of,
)
from bot.services.delivery.notices import Content
from bot.services.identity import Actor
from storage.models.core import Branch
from storage.models.delivery import Notice
from storage.repos import core as core_repo
from storage.repos import delivery as repo


@dataclass(frozen=True)
class Draft:
    """Everything the audience step and the preview show."""

    notice_id: int
    content: Content
    selection: Selection
    own_group: int | None
    groups: list[tuple[int, str]]
    categories: list[str]
    saved: list[audiences.SavedAudience]
    recipients: int
    not_started: int
    blocked: int
    has_group_chat: bool
    group_copy: bool
    tz: str
    status: str


@dataclass(frozen=True)
class Confirmed:
    notice_id: int
    recipients: int
    send_at: datetime | None
    tz: str
    done: bool  # nobody could be queued (all unreachable): the report is final already


async def create_draft(
    session: AsyncSession, actor: Actor, content: Content, *, file_size: int | None, now: datetime
) -> Draft | Refused:
    """Store the composed message as a draft of this officer (nothing is sent yet)."""
    who = officer(actor)
    if isinstance(who, Refused):
        return who
    problem = check_content(content, file_size)
    if problem is not None:
        return Refused(problem)
    selection = Selection(groups=(who.own_group,)) if who.own_group is not None else Selection()
    notice = await repo.add_notice_if_absent(
        session,
        {
            "branch_id": who.member.branch_id,
            "kind": KIND,
            "key": f"{KIND}:{who.member.branch_id}:{uuid.uuid4().hex}",
            "content": {notices.DEFAULT_LANG: content.to_json()},
            "ack": True,
            "audience": selection.to_json(),
            "status": "draft",
            "created_by": who.member.member_id,
            "meta": {"title": title_of(content), "group_copy": False},
            "created_at": now,
            "updated_at": now,
        },
    )
    return await _draft(session, who, notice, now)


@on_notice(draft=True)
async def view_draft(
    session: AsyncSession, actor: Actor, who: Officer, notice: Notice, now: datetime
) -> Draft:
    return await _draft(session, who, notice, now)


@on_notice(draft=True)
async def choose_audience(
    session: AsyncSession, actor: Actor, who: Officer, notice: Notice, choice: str, now: datetime
) -> Draft:
    """Toggle one audience button on the draft."""
    selection = Selection.from_json(notice.audience).toggle(choice)
    if who.own_group is not None and selection.groups != (who.own_group,):
        # A group leader's audience is always their own group (categories may narrow it).
        selection = Selection(
            groups=(who.own_group,),
            categories=selection.categories,
            committee=selection.committee,
            saved=selection.saved,
        )
    notice.audience = selection.to_json()
    await session.flush()
    return await _draft(session, who, notice, now)


@on_notice(draft=True)
async def toggle_group_copy(
    session: AsyncSession, actor: Actor, who: Officer, notice: Notice, now: datetime
) -> Draft:
    notice.meta = {**notice.meta, "group_copy": not notice.meta.get("group_copy", False)}
    await session.flush()
    return await _draft(session, who, notice, now)


async def _draft(session: AsyncSession, who: Officer, notice: Notice, now: datetime) -> Draft:
    branch = await session.get(Branch, notice.branch_id)
    assert branch is not None
    selection = Selection.from_json(notice.audience)
    ids = await audiences.resolve(
        session, notice.branch_id, selection, now, own_group=who.own_group
    )
    people = await repo.recipients(session, notice.branch_id, ids)
    not_started = sum(1 for p in people if p.tg_user_id is None or not p.started)
    blocked = sum(1 for p in people if p.tg_user_id is not None and p.started and p.blocked)
    groups = await audiences.groups_of(session, notice.branch_id)
    if who.own_group is not None:
        groups = [g for g in groups if g[0] == who.own_group]
    saved = await audiences.saved_audiences(session, notice.branch_id, now)
    return Draft(
        notice_id=notice.id,
        content=notices.content_for(notice, notices.DEFAULT_LANG),
        selection=selection,
        own_group=who.own_group,
        groups=groups,
        categories=await audiences.categories_in_use(session, notice.branch_id),
        saved=[s for s in saved if s.key != f"unacked:{notice.id}"],
        recipients=len(ids),
        not_started=not_started,
        blocked=blocked,
        has_group_chat=branch.group_chat_id is not None and who.own_group is None,
        group_copy=bool(notice.meta.get("group_copy")) and branch.group_chat_id is not None,
        tz=branch.timezone,
        status=notice.status,
    )


@on_notice(draft=True)
async def confirm(
    session: AsyncSession,
    actor: Actor,
    who: Officer,
    notice: Notice,
    now: datetime,
    *,
    send_at: datetime | None = None,
    progress: tuple[int, int] | None = None,
) -> Confirmed | Refused:
    """Queue the draft for its audience now, or for `send_at`; the sender does the rest."""
    if send_at is not None and send_at <= now:
        return Refused(Problem.IN_PAST)
    selection = Selection.from_json(notice.audience)
    ids = await audiences.resolve(
        session, notice.branch_id, selection, now, own_group=who.own_group
    )
    if not ids:
        return Refused(Problem.NO_RECIPIENTS)
    branch = await session.get(Branch, notice.branch_id)
    assert branch is not None
    notice.status = "scheduled" if send_at is not None else "sending"
    notice.send_at = send_at
    notice.updated_at = now
    if progress is not None:
        notice.progress_chat_id, notice.progress_message_id = progress
    notice.meta = {**notice.meta, "recipients": len(ids)}
    await session.flush()
    if notice.meta.get("group_copy") and branch.group_chat_id is not None and who.own_group is None:
        await notices.enqueue_group_copy(session, notice, branch.group_chat_id, now)
    await notices.add_recipients(session, notice, ids, now)
    after = {"recipients": len(ids), "audience": selection.to_json()}
    _audit(session, actor, notice, "schedule" if send_at else "send", now, after)
    refreshed = await repo.notice(session, notice.id)
    done = refreshed is not None and refreshed.status == "done"
    return Confirmed(notice.id, len(ids), send_at, branch.timezone, done)


@on_notice(draft=True)
async def cancel_draft(
    session: AsyncSession, actor: Actor, _: Officer, notice: Notice, now: datetime
) -> int:
    await repo.set_notice_status_if(session, notice.id, ("draft",), "cancelled", finished_at=now)
    return notice.id


@on_notice(draft=False)
async def unschedule(
    session: AsyncSession, actor: Actor, _: Officer, notice: Notice, now: datetime
) -> int | Refused:
    """Cancel a scheduled broadcast before it starts; returns how many copies were dropped."""
    if notice.status != "scheduled":
        return Refused(Problem.NOT_SCHEDULED)
    count = await notices.cancel_notice(session, notice.key, now)
    _audit(session, actor, notice, "unschedule", now)
    return count


@on_notice(draft=False)
async def resend_unacked(
    session: AsyncSession, actor: Actor, who: Officer, old: Notice, now: datetime
) -> Draft:
    """A new draft with the same content for everyone who has not pressed 「收到」."""
    content = notices.content_for(old, notices.DEFAULT_LANG)
    selection = Selection(saved=f"unacked:{old.id}")
    notice = await repo.add_notice_if_absent(
        session,
        {
            "branch_id": old.branch_id,
            "kind": KIND,
            "key": f"{KIND}:{old.branch_id}:{uuid.uuid4().hex}",
            "content": dict(old.content),
            "ack": True,
            "audience": selection.to_json(),
            "status": "draft",
            "created_by": who.member.member_id,
            "meta": {"title": title_of(content), "group_copy": False, "resend_of": old.id},
            "created_at": now,
            "updated_at": now,
        },
    )
    return await _draft(session, who, notice, now)


def _audit(
    session: AsyncSession,
    actor: Actor,
    notice: Notice,
    step: str,
    now: datetime,
    after: dict[str, object] | None = None,
) -> None:
    """The audit row of a step on a broadcast ("broadcast.send", "broadcast.unschedule"...)."""
    core_repo.audit(
        session,
        branch_id=notice.branch_id,
        actor_tg_id=actor.tg_id,
        action=f"broadcast.{step}",
        target="notice",
        target_id=notice.id,
        after=after,
        now=now,
    )
