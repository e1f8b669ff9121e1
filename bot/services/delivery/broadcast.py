"""The secretary's broadcast: compose a draft, choose the audience, preview, confirm or schedule
or cancel, then read the delivery report and re-send to those who did not acknowledge.

Every step re-checks on the server that the actor may broadcast, that the draft is in their
branch and that it is theirs; button data is only a hint of what was pressed.
"""

from __future__ import annotations

import html
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Permission, Role, can, can_branchwide, parse_role
from bot.services.delivery import audiences, notices
from bot.services.delivery.audiences import Selection
from bot.services.delivery.notices import Content
from bot.services.identity import Actor, Membership
from storage.models.core import Branch, Member
from storage.models.delivery import Notice
from storage.repos import core as core_repo
from storage.repos import delivery as repo

KIND = "broadcast"
FILE_MAX_BYTES = 20 * 1024 * 1024
TITLE_CHARS = 20
# The list behind 「📋 最近的通知」: enough to find last week's notice, short enough to read.
LIST_SIZE = 8
_TAG = re.compile(r"<[^>]*>")


class Problem(StrEnum):
    """Why nothing was done; rendered as the text "delivery.refuse.<value>"."""

    NOT_MEMBER = "not_member"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"
    NOT_DRAFT = "not_draft"
    EMPTY = "empty"
    TEXT_TOO_LONG = "text_too_long"
    CAPTION_TOO_LONG = "caption_too_long"
    FILE_TOO_BIG = "file_too_big"
    NO_RECIPIENTS = "no_recipients"
    IN_PAST = "in_past"
    NOT_SCHEDULED = "not_scheduled"


@dataclass(frozen=True)
class Refused:
    problem: Problem


@dataclass(frozen=True)
class Officer:
    """The actor as a broadcaster: their membership and, for group leaders, their one group."""

    member: Membership
    own_group: int | None


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


NAMES_SHOWN = 20  # a report stays one screen; the re-send reaches all of them


@dataclass(frozen=True)
class Report:
    """Delivery figures of one notice."""

    notice_id: int
    title: str
    status: str
    ack: bool
    total: int
    sent: int
    acked: int
    blocked: int
    not_started: int
    pending: int
    cancelled: int
    failed: dict[str, int] = field(default_factory=dict)
    unreachable_reasons: dict[str, int] = field(default_factory=dict)
    group_copy: str | None = None
    send_at: datetime | None = None
    tz: str = "Asia/Shanghai"
    # Names, not only counts: who received it and has not pressed 「收到」 (the first few).
    unacked_names: tuple[str, ...] = ()

    @property
    def failed_total(self) -> int:
        return sum(self.failed.values())


def officer(actor: Actor) -> Officer | Refused:
    """The actor's right to broadcast in their current branch (group leaders: own group)."""
    member = actor.member
    if member is None:
        return Refused(Problem.NOT_MEMBER)
    role = parse_role(member.role) or Role.MEMBER
    if not can(role, Permission.BROADCAST):
        return Refused(Problem.NOT_ALLOWED)
    if can_branchwide(role, Permission.BROADCAST):
        return Officer(member, None)
    if member.group_id is None:
        return Refused(Problem.NOT_ALLOWED)
    return Officer(member, member.group_id)


def check_content(content: Content, file_size: int | None) -> Problem | None:
    """Telegram's limits, checked before anything is stored."""
    if file_size is not None and file_size > FILE_MAX_BYTES:
        return Problem.FILE_TOO_BIG
    problem = content.problem()
    if problem == "text_too_long":
        return Problem.TEXT_TOO_LONG
    if problem == "caption_too_long":
        return Problem.CAPTION_TOO_LONG
    if problem is not None:
        return Problem.EMPTY
    return None


def title_of(content: Content) -> str:
    """A short plain-text title for lists and reports."""
    body = content.text or content.caption or ""
    plain = html.unescape(_TAG.sub("", body)).strip().splitlines()
    first = plain[0] if plain else ""
    return first[:TITLE_CHARS] + ("…" if len(first) > TITLE_CHARS else "")


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


async def _load(
    session: AsyncSession, actor: Actor, notice_id: int, *, draft: bool
) -> tuple[Officer, Notice] | Refused:
    who = officer(actor)
    if isinstance(who, Refused):
        return who
    notice = await repo.notice(session, notice_id, lock=draft)
    if notice is None or notice.kind != KIND or notice.branch_id != who.member.branch_id:
        return Refused(Problem.NOT_FOUND)
    mine = notice.created_by == who.member.member_id
    if draft and not mine:
        return Refused(Problem.NOT_YOURS)
    if not mine and who.own_group is not None:
        # A group leader sees only their own broadcasts; the committee sees all of the branch.
        return Refused(Problem.NOT_YOURS)
    if draft and notice.status != "draft":
        return Refused(Problem.NOT_DRAFT)
    return who, notice


async def view_draft(
    session: AsyncSession, actor: Actor, notice_id: int, now: datetime
) -> Draft | Refused:
    loaded = await _load(session, actor, notice_id, draft=True)
    if isinstance(loaded, Refused):
        return loaded
    return await _draft(session, *loaded, now)


async def choose_audience(
    session: AsyncSession, actor: Actor, notice_id: int, choice: str, now: datetime
) -> Draft | Refused:
    """Toggle one audience button on the draft."""
    loaded = await _load(session, actor, notice_id, draft=True)
    if isinstance(loaded, Refused):
        return loaded
    who, notice = loaded
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


async def toggle_group_copy(
    session: AsyncSession, actor: Actor, notice_id: int, now: datetime
) -> Draft | Refused:
    loaded = await _load(session, actor, notice_id, draft=True)
    if isinstance(loaded, Refused):
        return loaded
    who, notice = loaded
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


async def confirm(
    session: AsyncSession,
    actor: Actor,
    notice_id: int,
    now: datetime,
    *,
    send_at: datetime | None = None,
    progress: tuple[int, int] | None = None,
) -> Confirmed | Refused:
    """Queue the draft for its audience now, or for `send_at`; the sender does the rest."""
    loaded = await _load(session, actor, notice_id, draft=True)
    if isinstance(loaded, Refused):
        return loaded
    who, notice = loaded
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
    core_repo.audit(
        session,
        branch_id=notice.branch_id,
        actor_tg_id=actor.tg_id,
        action="broadcast.schedule" if send_at else "broadcast.send",
        target="notice",
        target_id=notice.id,
        after={"recipients": len(ids), "audience": selection.to_json()},
        now=now,
    )
    refreshed = await repo.notice(session, notice.id)
    done = refreshed is not None and refreshed.status == "done"
    return Confirmed(notice.id, len(ids), send_at, branch.timezone, done)


async def cancel_draft(
    session: AsyncSession, actor: Actor, notice_id: int, now: datetime
) -> int | Refused:
    loaded = await _load(session, actor, notice_id, draft=True)
    if isinstance(loaded, Refused):
        return loaded
    _, notice = loaded
    await repo.set_notice_status_if(session, notice.id, ("draft",), "cancelled", finished_at=now)
    return notice.id


async def unschedule(
    session: AsyncSession, actor: Actor, notice_id: int, now: datetime
) -> int | Refused:
    """Cancel a scheduled broadcast before it starts; returns how many copies were dropped."""
    loaded = await _load(session, actor, notice_id, draft=False)
    if isinstance(loaded, Refused):
        return loaded
    _, notice = loaded
    if notice.status != "scheduled":
        return Refused(Problem.NOT_SCHEDULED)
    count = await notices.cancel_notice(session, notice.key, now)
    core_repo.audit(
        session,
        branch_id=notice.branch_id,
        actor_tg_id=actor.tg_id,
        action="broadcast.unschedule",
        target="notice",
        target_id=notice.id,
        now=now,
    )
    return count


@dataclass(frozen=True)
class Listed:
    """One line of the officer's list of notices."""

    notice_id: int
    title: str
    status: str
    send_at: datetime | None
    created_at: datetime


async def listed(session: AsyncSession, actor: Actor) -> tuple[list[Listed], str] | Refused:
    """The newest notices this officer may see (a group leader: their own), and the branch tz."""
    who = officer(actor)
    if isinstance(who, Refused):
        return who
    mine_only = who.member.member_id if who.own_group is not None else None
    rows = await repo.listed_notices(session, who.member.branch_id, KIND, mine_only, LIST_SIZE)
    return [
        Listed(n.id, str(n.meta.get("title", "")), n.status, n.send_at, n.created_at) for n in rows
    ], who.member.branch_tz


async def report(session: AsyncSession, actor: Actor, notice_id: int) -> Report | Refused:
    loaded = await _load(session, actor, notice_id, draft=False)
    if isinstance(loaded, Refused):
        return loaded
    return await report_of(session, loaded[1].id)


async def report_of(session: AsyncSession, notice_id: int) -> Report:
    """The figures of any notice (the sender's progress and final report use this)."""
    notice = await repo.notice(session, notice_id)
    assert notice is not None
    counts = await repo.state_counts(session, notice_id)
    branch = await session.get(Branch, notice.branch_id)
    return Report(
        notice_id=notice_id,
        title=str(notice.meta.get("title", "")),
        status=notice.status,
        ack=notice.ack,
        total=sum(counts.values()),
        sent=counts.get("sent", 0),
        acked=await repo.acked_count(session, notice_id),
        blocked=counts.get("unreachable", 0),
        not_started=counts.get("not_started", 0),
        pending=counts.get("queued", 0) + counts.get("sending", 0),
        cancelled=counts.get("cancelled", 0),
        failed=await repo.reason_counts(session, notice_id, "failed")
        if counts.get("failed")
        else {},
        unreachable_reasons=(
            await repo.reason_counts(session, notice_id, "unreachable")
            if counts.get("unreachable")
            else {}
        ),
        group_copy=await repo.group_copy_state(session, notice_id),
        send_at=notice.send_at,
        tz=branch.timezone if branch else "Asia/Shanghai",
        unacked_names=tuple(await repo.unacked_names(session, notice_id, NAMES_SHOWN + 1))
        if notice.ack
        else (),
    )


async def may_follow(session: AsyncSession, notice: Notice) -> bool:
    """Whether the sender's progress message may still show the notice's figures and names: its
    author must still be an officer who may broadcast, in its branch, on the account that sent it.
    Read at every edit, as `report` is at every press: the notice already sent off still goes,
    but one removed or gone since sees nothing more of it."""
    if notice.created_by is None or notice.progress_chat_id is None:
        return False
    who = await session.get(Member, notice.created_by, populate_existing=True)
    if who is None or who.branch_id != notice.branch_id or who.status != "active":
        return False
    if who.tg_user_id != notice.progress_chat_id:
        return False
    role = parse_role(who.role) or Role.MEMBER
    own_group_only = not can_branchwide(role, Permission.BROADCAST)
    return can(role, Permission.BROADCAST) and not (own_group_only and who.group_id is None)


async def resend_unacked(
    session: AsyncSession, actor: Actor, notice_id: int, now: datetime
) -> Draft | Refused:
    """A new draft with the same content for everyone who has not pressed 「收到」."""
    loaded = await _load(session, actor, notice_id, draft=False)
    if isinstance(loaded, Refused):
        return loaded
    who, old = loaded
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


async def unreached(
    session: AsyncSession, actor: Actor, notice_id: int, limit: int = 200
) -> list[tuple[str, str | None, str, str | None]] | Refused:
    """Who Telegram could not reach (never started the bot, blocked it): name, phone, why."""
    loaded = await _load(session, actor, notice_id, draft=False)
    if isinstance(loaded, Refused):
        return loaded
    return await repo.unreached_people(session, notice_id, limit)
