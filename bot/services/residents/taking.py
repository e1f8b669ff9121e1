"""Members take a request (「我来办」), finish it (a duty record), and the resident rates it."""

from __future__ import annotations

import html
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.authz import permits, subject
from bot.domain.residents import rules
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor, Membership
from bot.services.residents.asking import summary
from bot.services.residents.buttons import RateRequest
from bot.services.residents.common import (
    Refusal,
    Refused,
    RequestView,
    current_term,
    holders,
    membership_in,
    tell_members,
    tell_resident,
    view_of,
)
from bot.texts import t
from storage.models.posts import DutyRecord
from storage.models.residents import ResidentRequest
from storage.repos import residents as repo


def _rating_buttons(request_id: int) -> tuple[tuple[tuple[str, str], ...], ...]:
    def row(stars: tuple[int, ...]) -> tuple[tuple[str, str], ...]:
        return tuple(("⭐" * n, RateRequest(request_id, n).data) for n in stars)

    return (row((5, 4, 3)), row((2, 1)))


async def _may_take(
    session: AsyncSession, actor: Actor, row: ResidentRequest, now: datetime
) -> int | Refused:
    """The member id of a holder of the category (or the branch secretary) in that branch."""
    me = membership_in(actor, row.branch_id)
    if me is None:
        return Refused(Refusal.NOT_FOUND)  # another branch's request is not even named
    term = current_term(me.branch_tz, now)
    held = me.member_id in await holders(session, row.branch_id, row.category_id, term)
    who = subject(me.role, branch_id=me.branch_id)
    if permits("residents.take", who, branch_id=row.branch_id, own=held):
        return me.member_id
    return Refused(Refusal.NOT_ALLOWED)


async def take(
    session: AsyncSession, actor: Actor, request_id: int, now: datetime
) -> RequestView | Refused:
    row = await repo.request(session, request_id)
    if row is None:
        return Refused(Refusal.NOT_FOUND)
    member_id = await _may_take(session, actor, row, now)
    if isinstance(member_id, Refused):
        return member_id
    if not await repo.take(session, row.id, member_id, now):
        now_row = await repo.request(session, row.id)
        by_other = (
            now_row is not None
            and now_row.state == "taken"
            and now_row.taken_by_member_id != member_id
        )
        return Refused(Refusal.TAKEN if by_other else Refusal.NOT_OPEN)
    fresh = await repo.request(session, row.id)
    assert fresh is not None
    view = await view_of(session, fresh)
    await after_taking(session, fresh, view, now)
    return view


async def after_taking(
    session: AsyncSession,
    row: ResidentRequest,
    view: RequestView,
    now: datetime,
    *,
    round_: str | None = None,
    reassigned: bool = False,
) -> None:
    """The resident learns who is coming (a name only); the other holders that it is taken
    (once: a request handed over again is not news to them)."""
    name = html.escape(view.taker_name or "")
    await tell_resident(
        session,
        branch_id=row.branch_id,
        key=f"residents:{row.id}:taken:{round_ or row.taken_by_member_id}",
        tg_id=row.resident_tg_id,
        build=lambda lang: outbox.Content(
            text=t(
                "residents.resident.reassigned" if reassigned else "residents.resident.taken",
                lang,
                id=row.id,
                name=name,
            )
        ),
        now=now,
    )
    if row.category_id is None or reassigned:
        return
    branch = await repo.branch(session, row.branch_id)
    term = current_term(branch.timezone if branch else "Asia/Shanghai", now)
    others = [
        m
        for m in await holders(session, row.branch_id, row.category_id, term)
        if m != row.taken_by_member_id
    ]
    await tell_members(
        session,
        branch_id=row.branch_id,
        key=f"residents:{row.id}:taken",
        member_ids=others,
        build=lambda lang: outbox.Content(
            text=t("residents.ask.taken_by", lang, id=row.id, name=name)
        ),
        now=now,
    )


async def _taken_by_me(
    session: AsyncSession, actor: Actor, request_id: int, *, lock: bool = False
) -> tuple[ResidentRequest, Membership] | Refused:
    row = await repo.request(session, request_id, lock=lock)
    me = membership_in(actor, row.branch_id) if row is not None else None
    if row is None or me is None:
        return Refused(Refusal.NOT_FOUND)
    if row.taken_by_member_id != me.member_id:
        return Refused(Refusal.NOT_YOURS)
    if row.state != "taken":
        return Refused(Refusal.NOT_OPEN)
    return row, me


async def may_finish(session: AsyncSession, actor: Actor, request_id: int) -> Refused | None:
    """Asked before the note is: a forged or stale 办结 gets no prompt."""
    found = await _taken_by_me(session, actor, request_id)
    return found if isinstance(found, Refused) else None


async def finish(
    session: AsyncSession, actor: Actor, request_id: int, note: str, now: datetime
) -> RequestView | Refused:
    """Done with a note: the request and its duty record are written together."""
    cleaned = rules.clean(note, limit=rules.MAX_NOTE, minimum=2)
    if isinstance(cleaned, rules.Problem):
        return Refused(Refusal(cleaned.value))
    found = await _taken_by_me(session, actor, request_id, lock=True)
    if isinstance(found, Refused):
        return found
    row, me = found
    row.state, row.done_at, row.done_note, row.updated_at = "done", now, cleaned.text, now
    day = now.astimezone(ZoneInfo(me.branch_tz)).date()
    post_id = (
        await repo.held_post(
            session, me.member_id, row.category_id, current_term(me.branch_tz, now)
        )
        if row.category_id is not None
        else None
    )
    await repo.add_duty(
        session,
        DutyRecord(
            branch_id=row.branch_id,
            member_id=me.member_id,
            post_id=post_id,
            request_id=row.id,
            source="request",
            state="confirmed",
            day=day,
            what=cleaned.text,
            halves=0,
            photos=[],
            decided_at=now,
            created_at=now,
            updated_at=now,
        ),
    )
    view = await view_of(session, row)
    await tell_resident(
        session,
        branch_id=row.branch_id,
        key=f"residents:{row.id}:done",
        tg_id=row.resident_tg_id,
        build=lambda lang: outbox.Content(
            text=t(
                "residents.resident.done",
                lang,
                id=row.id,
                name=html.escape(view.taker_name or ""),
                note=html.escape(cleaned.text),
            ),
            buttons=_rating_buttons(row.id),
        ),
        now=now,
    )
    return view


async def my_taken(session: AsyncSession, actor: Actor) -> list[RequestView]:
    me = actor.member
    if me is None:
        return []
    return [await view_of(session, r) for r in await repo.taken_by(session, me.member_id)]


async def rate(
    session: AsyncSession, actor: Actor, request_id: int, rating: int, now: datetime
) -> RequestView | Refused:
    """Only the resident who asked, only once it is done, only once, only 1-5."""
    if not rules.rating_ok(rating):
        return Refused(Refusal.BAD_RATING)
    row = await repo.request(session, request_id)
    if row is None or row.resident_tg_id != actor.tg_id:
        return Refused(Refusal.NOT_FOUND)
    if row.state != "done":
        return Refused(Refusal.NOT_DONE)
    if not await repo.rate(session, row.id, actor.tg_id, rating, now):
        return Refused(Refusal.RATED)
    fresh = await repo.request(session, row.id)
    assert fresh is not None
    return await view_of(session, fresh)


async def comment(
    session: AsyncSession, actor: Actor, request_id: int, text: str, now: datetime
) -> str | Refused:
    cleaned = rules.clean(text, limit=rules.MAX_COMMENT)
    if isinstance(cleaned, rules.Problem):
        return Refused(Refusal(cleaned.value))
    if not await repo.comment(session, request_id, actor.tg_id, cleaned.text, now):
        return Refused(Refusal.RATED)
    return cleaned.text


def taker_text(view: RequestView, lang: str) -> str:
    """What the taker sees: the request and the resident's phone (theirs to call)."""
    phone = t("residents.line.phone", lang, p=html.escape(view.phone)) if view.phone else ""
    return t("residents.taker.took", lang) + "\n" + summary(view, lang) + phone
