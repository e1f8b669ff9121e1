"""What the residents' request use cases share: refusals, views, rights, telling people."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.kernel import refusals
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor, Membership, language_of
from bot.services.posts import catalog
from bot.texts import LANGS
from storage.models.residents import ResidentRequest
from storage.repos import core as core_repo
from storage.repos import delivery as delivery_repo
from storage.repos import residents as repo


class Refusal(StrEnum):
    BAD_LINK = "bad_link"  # unknown, revoked or expired public link
    BLOCKED = "blocked"
    NOT_FOUND = "not_found"
    NOT_YOURS = "not_yours"  # someone else's request
    NOT_ALLOWED = "not_allowed"  # not a holder / not the secretary of that branch
    TAKEN = "taken"  # somebody took it first
    NOT_OPEN = "not_open"  # done, closed or taken already
    NOT_DONE = "not_done"  # rating a request that is not done
    RATED = "rated"  # rated once already
    BAD_RATING = "bad_rating"
    NO_DRAFT = "no_draft"  # a confirm button without a draft (replayed, lapsed)
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    BAD_PHONE = "bad_phone"
    TOO_MANY_OPEN = "too_many_open"
    TOO_MANY_TODAY = "too_many_today"
    PHOTO_TOO_BIG = "photo_too_big"
    PHOTO_TYPE = "photo_type"
    NOT_MEMBER = "not_member"
    SAME_TAKER = "same_taker"  # reassigning to the member who has it already


class Refused(refusals.Refused[Refusal]):
    """What a residents service answers when it does nothing, and why."""


@dataclass(frozen=True)
class RequestView:
    id: int
    branch_id: int
    category: str
    text: str
    address: str
    phone: str | None  # shown to the taker and the secretary, never a member's phone
    photo: str | None
    state: str
    taker_name: str | None
    created_local: str
    escalated: bool
    rating: int | None
    resident_tg_id: int


def local(tz: str, when: datetime) -> str:
    return when.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def current_term(tz: str, now: datetime) -> int:
    return now.astimezone(ZoneInfo(tz)).year


async def view_of(session: AsyncSession, row: ResidentRequest) -> RequestView:
    branch = await repo.branch(session, row.branch_id)
    tz = branch.timezone if branch else "Asia/Shanghai"
    cat = await repo.category(session, row.category_id) if row.category_id else None
    taker = await repo.member(session, row.taken_by_member_id) if row.taken_by_member_id else None
    photos = list(row.photos or [])
    return RequestView(
        id=row.id,
        branch_id=row.branch_id,
        category=cat.name if cat else "",
        text=row.text,
        address=row.address or "",
        phone=row.phone,
        photo=str(photos[0]) if photos else None,
        state=row.state,
        taker_name=taker.name if taker else None,
        created_local=local(tz, row.created_at),
        escalated=row.escalated_at is not None,
        rating=row.rating,
        resident_tg_id=row.resident_tg_id,
    )


async def holders(
    session: AsyncSession, branch_id: int, category_id: int | None, term: int
) -> list[int]:
    """Who holds an open post of the category this term, as the posts slice says."""
    if category_id is None:
        return []
    return await catalog.category_holders(session, branch_id, category_id, term)


def membership_in(actor: Actor, branch_id: int) -> Membership | None:
    return next((m for m in actor.memberships if m.branch_id == branch_id and m.active), None)


def may_manage(me: Membership) -> bool:
    """The table's residents.manage row, for this membership in its own branch."""
    who = subject(me.role, branch_id=me.branch_id)
    return permits("residents.manage", who, branch_id=me.branch_id)


def secretary_in(actor: Actor, branch_id: int) -> Membership | None:
    me = membership_in(actor, branch_id)
    return me if me is not None and may_manage(me) else None


def audit(
    session: AsyncSession,
    *,
    branch_id: int,
    actor: Actor,
    action: str,
    target_id: int | None,
    after: dict[str, object] | None,
    now: datetime,
) -> None:
    core_repo.audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor.tg_id,
        action=f"residents.{action}",
        target="resident_request",
        target_id=target_id,
        after=after,
        now=now,
    )


Build = Callable[[str], outbox.Content]


async def tell_members(
    session: AsyncSession,
    *,
    branch_id: int,
    key: str,
    member_ids: Sequence[int],
    build: Build,
    now: datetime,
) -> None:
    await outbox.tell_in_every_language(
        session,
        branch_id=branch_id,
        kind="residents",
        key=key,
        member_ids=member_ids,
        build=build,
        now=now,
    )


async def tell_resident(
    session: AsyncSession, *, branch_id: int, key: str, tg_id: int, build: Build, now: datetime
) -> None:
    """A resident is no member: their copy goes to their private chat, in their language."""
    lang = await language_of(session, tg_id, "zh")
    result = await outbox.enqueue_notice(
        session,
        branch_id=branch_id,
        kind="residents",
        key=key,
        content={code: build(code) for code in LANGS},
        member_ids=[],
        now=now,
    )
    notice = await delivery_repo.notice(session, result.notice_id)
    if notice is not None:
        await outbox.enqueue_chat_copy(session, notice, tg_id, lang, now)
