"""A resident asks: the public link, the categories, the limits, submitting, their own list."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.links import invite_usable
from bot.domain.residents import rules
from bot.services.delivery import notices as outbox
from bot.services.identity import Actor
from bot.services.posts import catalog
from bot.services.residents.buttons import AskCloseReason, BlockResident, ChooseTaker, TakeRequest
from bot.services.residents.common import (
    Refusal,
    Refused,
    RequestView,
    current_term,
    holders,
    tell_members,
    view_of,
)
from bot.texts import t
from storage.models.residents import ResidentRequest
from storage.repos import residents as repo


@dataclass(frozen=True)
class Category:
    id: int
    name: str


@dataclass(frozen=True)
class Welcome:
    branch_id: int
    branch_name: str
    categories: tuple[Category, ...]
    limited: Refused | None  # the resident may look at their requests but not ask now
    retention_days: int


@dataclass(frozen=True)
class Submitted:
    view: RequestView
    holders: int  # 0: nobody holds a post in the category, the secretary was told at once


async def _branch_open(session: AsyncSession, branch_id: int, now: datetime) -> bool:
    """Whether the branch's public link still works (revoking it stops new requests)."""
    return await repo.usable_link(session, branch_id, now) is not None


async def categories_of(session: AsyncSession, branch_id: int, now: datetime) -> list[Category]:
    # The posts slice owns the catalogue and seeds its seven defaults on first use.
    return [Category(c.id, c.name) for c in await catalog.categories(session, branch_id, now=now)]


async def _limits(
    session: AsyncSession, branch_id: int, tg_id: int, now: datetime
) -> Refused | None:
    if await repo.is_blocked(session, branch_id, tg_id):
        return Refused(Refusal.BLOCKED)
    open_count, today = await repo.counts_of(session, branch_id, tg_id, now - timedelta(days=1))
    problem = rules.may_ask(open_count, today)
    return Refused(Refusal(problem.value)) if problem is not None else None


async def open_link(
    session: AsyncSession, actor: Actor, token: str, now: datetime
) -> Welcome | Refused:
    link = await repo.link_by_token(session, token)
    if link is None or invite_usable(link.expires_at, now, None, 0, link.revoked_at) is not None:
        return Refused(Refusal.BAD_LINK)
    return await welcome(session, actor, link.branch_id, now)


async def again(
    session: AsyncSession, actor: Actor, branch_id: int, now: datetime
) -> Welcome | Refused:
    """A new request from the resident's own list: only in a branch they asked before (a
    forged branch id learns nothing of other branches)."""
    asked = {r.branch_id for r in await repo.requests_of_resident(session, actor.tg_id)}
    if branch_id not in asked:
        return Refused(Refusal.BAD_LINK)
    return await welcome(session, actor, branch_id, now)


async def welcome(
    session: AsyncSession, actor: Actor, branch_id: int, now: datetime
) -> Welcome | Refused:
    branch = await repo.branch(session, branch_id)
    if branch is None or not await _branch_open(session, branch_id, now):
        return Refused(Refusal.BAD_LINK)
    limited = await _limits(session, branch_id, actor.tg_id, now)
    if limited is not None and limited.reason is Refusal.BLOCKED:
        return limited
    cats = await categories_of(session, branch_id, now)
    days = rules.retention(dict(branch.settings or {})).days
    return Welcome(branch_id, branch.name, tuple(cats), limited, days)


async def category_in(
    session: AsyncSession, branch_id: int, category_id: int
) -> Category | Refused:
    found = await repo.category(session, category_id)
    if found is None or found.branch_id != branch_id or found.archived_at is not None:
        return Refused(Refusal.NOT_FOUND)
    return Category(found.id, found.name)


def _num(data: Mapping[str, Any], key: str) -> int:
    value = data.get(key)
    return value if isinstance(value, int) else 0


async def submit(
    session: AsyncSession, actor: Actor, draft: Mapping[str, Any], now: datetime
) -> Submitted | Refused:
    """The draft from the flow becomes a request; its holders (or the secretary) are told."""
    branch_id, category_id = _num(draft, "b"), _num(draft, "c")
    text = str(draft.get("text") or "")
    if not branch_id or not category_id or not text:
        return Refused(Refusal.NO_DRAFT)
    branch = await repo.branch(session, branch_id)
    if branch is None or not await _branch_open(session, branch_id, now):
        return Refused(Refusal.BAD_LINK)
    limited = await _limits(session, branch_id, actor.tg_id, now)
    if limited is not None:
        return limited
    cat = await category_in(session, branch_id, category_id)
    if isinstance(cat, Refused):
        return cat
    photo = draft.get("photo")
    row = await repo.add_request(
        session,
        ResidentRequest(
            branch_id=branch_id,
            category_id=cat.id,
            resident_tg_id=actor.tg_id,
            text=text,
            address=str(draft.get("addr") or "")[: rules.MAX_ADDRESS],
            phone=str(draft["phone"]) if draft.get("phone") else None,
            photos=[str(photo)] if photo else [],
            state="open",
            created_at=now,
            updated_at=now,
        ),
    )
    people = await holders(session, branch_id, cat.id, current_term(branch.timezone, now))
    view = await view_of(session, row)
    if people:
        await tell_members(
            session,
            branch_id=branch_id,
            key=f"residents:{row.id}:ask",
            member_ids=people,
            build=lambda lang: ask_content(view, lang),
            now=now,
        )
    else:
        await escalate(session, row, view, now, why="nobody")
    return Submitted(view, len(people))


def _summary(view: RequestView, lang: str) -> str:
    where = t("residents.line.address", lang, a=html.escape(view.address)) if view.address else ""
    return t(
        "residents.summary",
        lang,
        id=view.id,
        cat=html.escape(view.category),
        text=html.escape(view.text),
        where=where,
        at=view.created_local,
    )


def ask_content(view: RequestView, lang: str) -> outbox.Content:
    text = t("residents.ask.new", lang) + "\n" + _summary(view, lang)
    buttons = (((t("residents.btn.take", lang), TakeRequest(view.id).data),),)
    if view.photo:
        return outbox.Content(caption=text, photo_file_id=view.photo, buttons=buttons)
    return outbox.Content(text=text, buttons=buttons)


def summary(view: RequestView, lang: str) -> str:
    return _summary(view, lang)


async def escalate(
    session: AsyncSession, row: ResidentRequest, view: RequestView, now: datetime, *, why: str
) -> bool:
    """Tell the branch's secretaries (once: the mark and the key make it idempotent)."""
    if not await repo.mark_escalated(session, row.id, now):
        return False
    people = await repo.secretaries(session, row.branch_id)

    def build(lang: str) -> outbox.Content:
        head = t(f"residents.escalated.{why}", lang)
        return outbox.Content(
            text=head + "\n" + _summary(view, lang),
            buttons=(
                (
                    (t("residents.btn.assign", lang), ChooseTaker(view.id).data),
                    (t("residents.btn.close", lang), AskCloseReason(view.id).data),
                ),
                ((t("residents.btn.block", lang), BlockResident(view.id).data),),
            ),
        )

    await tell_members(
        session,
        branch_id=row.branch_id,
        key=f"residents:{row.id}:escalated",
        member_ids=people,
        build=build,
        now=now,
    )
    return True


async def mine(session: AsyncSession, actor: Actor) -> list[RequestView]:
    """Only the resident's own requests, newest first."""
    return [
        await view_of(session, r) for r in await repo.requests_of_resident(session, actor.tg_id)
    ]


async def withdraw(
    session: AsyncSession, actor: Actor, request_id: int, now: datetime
) -> RequestView | Refused:
    """The resident no longer needs help: only their own, only while not finished."""
    row = await repo.request(session, request_id, lock=True)
    if row is None or row.resident_tg_id != actor.tg_id:
        return Refused(Refusal.NOT_FOUND)
    if row.state not in rules.OPEN_STATES:
        return Refused(Refusal.NOT_OPEN)
    row.state, row.closed_at, row.updated_at = "closed", now, now
    row.close_reason = "withdrawn"
    view = await view_of(session, row)
    if row.taken_by_member_id is not None:
        await tell_members(
            session,
            branch_id=row.branch_id,
            key=f"residents:{row.id}:withdrawn",
            member_ids=[row.taken_by_member_id],
            build=lambda lang: outbox.Content(
                text=t("residents.taker.withdrawn", lang) + "\n" + _summary(view, lang)
            ),
            now=now,
        )
    return view
