"""Feedback entries by the secretary and group leaders, partner-unit links, corrections."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.cards.feedback import (
    MAX_REASON,
    LinkState,
    Source,
    clean_comment,
    link_state,
    rating_ok,
)
from bot.domain.cards.periods import year_ok
from bot.domain.cards.scoring import Item
from bot.domain.links import LinkKind, link_expiry, new_token
from bot.domain.members.roles import Role
from bot.services.cards.common import (
    Refusal,
    Refused,
    audit,
    is_secretary,
    local_today,
    me_in,
    target,
)
from bot.services.identity import Actor, role_of
from storage.models.cards import FeedbackEntry, FeedbackLink, ScoreCorrection
from storage.repos import cards as repo
from storage.repos.cards import MemberRow


async def _rated(
    session: AsyncSession, actor: Actor, member_id: int
) -> tuple[MemberRow, Source, int] | Refused:
    """The member an officer may rate, as which source, in which term."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    who = await target(session, me, member_id)
    if isinstance(who, Refused):
        return who
    if who.id == me.member_id:
        return Refused(Refusal.SELF)
    if is_secretary(me):
        source = Source.SECRETARY
    elif role_of(me) is Role.GROUP_LEADER and me.group_id == who.group_id:
        source = Source.LEADER
    else:
        return Refused(Refusal.NOT_ALLOWED)
    return who, source, me.member_id


async def may_rate(session: AsyncSession, actor: Actor, member_id: int) -> str | Refused:
    """The member's name when the actor may rate them (before asking for a rating)."""
    found = await _rated(session, actor, member_id)
    return found if isinstance(found, Refused) else found[0].name


async def add_entry(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    rating: int,
    comment: str,
    now: datetime,
) -> str | Refused:
    """Save a secretary's or group leader's rating and comment; the member's name back."""
    if not rating_ok(rating):
        return Refused(Refusal.BAD_RATING)
    text = clean_comment(comment)
    if text is None:
        return Refused(Refusal.TOO_LONG)
    found = await _rated(session, actor, member_id)
    if isinstance(found, Refused):
        return found
    who, source, author = found
    me = actor.member
    assert me is not None
    row = _entry(
        who.branch_id,
        who.id,
        local_today(me.branch_tz, now).year,
        source,
        me.name,
        rating,
        text,
        now,
    )
    row.author_member_id = author
    facts = {"rating": rating, "source": source.value}
    await _kept(session, row, actor, who, "feedback", now, lambda: {**facts, "entry": row.id})
    return who.name


def _entry(
    branch_id: int,
    member_id: int,
    term: int,
    source: Source,
    author_name: str,
    rating: int,
    comment: str,
    now: datetime,
) -> FeedbackEntry:
    return FeedbackEntry(
        branch_id=branch_id,
        member_id=member_id,
        term=term,
        source=source.value,
        author_name=author_name,
        rating=rating,
        comment=comment,
        created_at=now,
        updated_at=now,
    )


async def _kept(
    session: AsyncSession,
    row: FeedbackEntry | FeedbackLink,
    actor: Actor,
    who: MemberRow,
    action: str,
    now: datetime,
    facts: Callable[[], dict[str, object]],
) -> None:
    """Add the row, flush it for its id, and audit it with `facts` read after the flush."""
    repo.add(session, row)
    await repo.flush(session)
    audit(
        session,
        branch_id=who.branch_id,
        actor_tg_id=actor.tg_id,
        action=action,
        target="member",
        target_id=who.id,
        after=facts(),
        now=now,
    )


@dataclass(frozen=True)
class NewLink:
    token: str
    member_name: str
    expires_at: datetime


async def create_link(
    session: AsyncSession, actor: Actor, member_id: int, partner: str, now: datetime
) -> NewLink | Refused:
    """A one-use link for a partner unit (驻区单位) to rate the member; only the secretary."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    who = await target(session, me, member_id)
    if isinstance(who, Refused):
        return who
    if who.id == me.member_id:
        return Refused(Refusal.SELF)
    token = new_token(LinkKind.FEEDBACK)
    expires = link_expiry(LinkKind.FEEDBACK, now)
    row = FeedbackLink(
        token=token,
        branch_id=who.branch_id,
        member_id=who.id,
        partner_name=partner[:100],
        created_by_member_id=me.member_id,
        expires_at=expires,
        created_at=now,
        updated_at=now,
    )
    await _kept(
        session,
        row,
        actor,
        who,
        "feedback_link",
        now,
        lambda: {"link": row.id, "partner": row.partner_name},
    )
    return NewLink(token, who.name, expires)


@dataclass(frozen=True)
class OpenLink:
    link_id: int
    member_name: str
    branch_name: str
    partner: str


_LINK_REFUSALS = {
    LinkState.USED: Refusal.LINK_USED,
    LinkState.EXPIRED: Refusal.LINK_EXPIRED,
    LinkState.REVOKED: Refusal.LINK_REVOKED,
}


async def open_link(session: AsyncSession, token: str, now: datetime) -> OpenLink | Refused:
    """What a partner sees on opening the link; nothing is written."""
    found = await repo.link_by_token(session, token)
    if found is None:
        return Refused(Refusal.LINK_UNKNOWN)
    state = link_state(found.expires_at, found.used_at, found.revoked_at, now)
    if state is not LinkState.OK:
        return Refused(_LINK_REFUSALS[state])
    who = await repo.member(session, found.member_id)
    branch = await repo.branch(session, found.branch_id)
    if who is None or branch is None:
        return Refused(Refusal.LINK_UNKNOWN)
    return OpenLink(found.id, who.name, branch.name, found.partner_name)


async def submit_partner(
    session: AsyncSession,
    link_id: int,
    rating: int,
    comment: str,
    now: datetime,
) -> str | Refused:
    """The partner's one rating and comment; the link is spent in the same statement."""
    if not rating_ok(rating):
        return Refused(Refusal.BAD_RATING)
    text = clean_comment(comment)
    if text is None:
        return Refused(Refusal.TOO_LONG)
    found = await repo.link(session, link_id)
    if found is None:
        return Refused(Refusal.LINK_UNKNOWN)
    if not await repo.use_link(session, link_id, now):
        state = link_state(found.expires_at, found.used_at or now, found.revoked_at, now)
        if found.used_at is None and now >= found.expires_at:
            state = LinkState.EXPIRED
        return Refused(_LINK_REFUSALS.get(state, Refusal.LINK_USED))
    branch = await repo.branch(session, found.branch_id)
    tz = branch.timezone if branch is not None else "Asia/Shanghai"
    row = _entry(
        found.branch_id,
        found.member_id,
        local_today(tz, now).year,
        Source.PARTNER,
        found.partner_name,
        rating,
        text,
        now,
    )
    row.link_id = found.id
    repo.add(session, row)
    who = await repo.member(session, found.member_id)
    return who.name if who is not None else ""


async def may_correct(session: AsyncSession, actor: Actor, member_id: int) -> str | Refused:
    """The member's name when the actor (the secretary) may correct their score."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    who = await target(session, me, member_id)
    if isinstance(who, Refused):
        return who
    return Refused(Refusal.SELF) if who.id == me.member_id else who.name


async def correct(
    session: AsyncSession,
    actor: Actor,
    member_id: int,
    year: int,
    item: str,
    delta: int,
    reason: str,
    now: datetime,
) -> str | Refused:
    """A secretary's correction of one item for a member's term, with the reason (audited)."""
    me = me_in(actor)
    if isinstance(me, Refused):
        return me
    if not is_secretary(me):
        return Refused(Refusal.NOT_ALLOWED)
    if item not in Item._value2member_map_:
        return Refused(Refusal.BAD_ITEM)
    if not year_ok(year) or year > local_today(me.branch_tz, now).year:
        return Refused(Refusal.BAD_YEAR)
    who = await target(session, me, member_id)
    if isinstance(who, Refused):
        return who
    if who.id == me.member_id:
        return Refused(Refusal.SELF)
    text = clean_comment(reason, MAX_REASON)
    if text is None:
        return Refused(Refusal.TOO_LONG)
    if not text:
        return Refused(Refusal.NEED_REASON)
    row = ScoreCorrection(
        branch_id=who.branch_id,
        member_id=who.id,
        term=year,
        item=item,
        delta_tenths=delta,
        reason=text,
        by_member_id=me.member_id,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await repo.flush(session)
    audit(
        session,
        branch_id=who.branch_id,
        actor_tg_id=actor.tg_id,
        action="correct",
        target="member",
        target_id=who.id,
        after={"term": year, "item": item, "delta_tenths": delta, "reason": text, "id": row.id},
        now=now,
    )
    return who.name
