"""Who may broadcast, and which of the branch's notices each officer may touch.

Every step of a broadcast (bot/services/delivery/drafts.py) and every look at its report
(reports.py) re-checks here, on the server, that the actor may broadcast, that the notice is in
their branch and that it is theirs; button data is only a hint of what was pressed.
"""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Permission, Role, can, can_branchwide, parse_role
from bot.kernel import refusals
from bot.services.delivery.notices import Content
from bot.services.identity import Actor, Membership
from storage.models.core import Member
from storage.models.delivery import Notice
from storage.repos import delivery as repo

P = ParamSpec("P")
R = TypeVar("R")

KIND = "broadcast"
FILE_MAX_BYTES = 20 * 1024 * 1024
TITLE_CHARS = 20
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


class Refused(refusals.Refused[Problem]):
    """What a delivery service answers when it does nothing, and why."""


@dataclass(frozen=True)
class Officer:
    """The actor as a broadcaster: their membership and, for group leaders, their one group."""

    member: Membership
    own_group: int | None


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


async def load_notice(
    session: AsyncSession, actor: Actor, notice_id: int, *, draft: bool
) -> tuple[Officer, Notice] | Refused:
    """The notice, if it is a broadcast of the actor's branch they may see (and, for `draft`,
    their own draft, locked for the change)."""
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


def on_notice(
    *, draft: bool
) -> Callable[
    [Callable[Concatenate[AsyncSession, Actor, Officer, Notice, P], Awaitable[R]]],
    Callable[Concatenate[AsyncSession, Actor, int, P], Awaitable[R | Refused]],
]:
    """A step on one notice, called with its id: the notice is loaded through `load_notice`
    (rights re-checked, a draft locked) before the step runs, and a refusal returned as is."""

    def wrap(
        step: Callable[Concatenate[AsyncSession, Actor, Officer, Notice, P], Awaitable[R]],
    ) -> Callable[Concatenate[AsyncSession, Actor, int, P], Awaitable[R | Refused]]:
        async def run(
            session: AsyncSession,
            actor: Actor,
            notice_id: int,
            /,
            *args: P.args,
            **kwargs: P.kwargs,
        ) -> R | Refused:
            loaded = await load_notice(session, actor, notice_id, draft=draft)
            if isinstance(loaded, Refused):
                return loaded
            return await step(session, actor, *loaded, *args, **kwargs)

        # functools.wraps would hide the changed signature from mypy; the name and the
        # docstring are what logs and help() need.
        run.__name__, run.__qualname__, run.__doc__ = step.__name__, step.__qualname__, step.__doc__
        return run

    return wrap


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
