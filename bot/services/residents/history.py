"""The secretary's look back: finished and closed requests page by page, with the residents'
ratings, and a count per category. Read only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.residents import rules
from bot.services.identity import Actor
from bot.services.residents.common import Refusal, Refused, local, may_manage
from storage.repos import residents as repo


@dataclass(frozen=True)
class Finished:
    id: int
    category: str
    text: str
    state: str  # done or closed
    finished_local: str
    taker_name: str | None
    note: str | None  # the taker's 办结 note, or why it was closed
    rating: int | None
    comment: str | None


@dataclass(frozen=True)
class Page:
    items: tuple[Finished, ...]
    page: int
    more: bool  # an older page exists


@dataclass(frozen=True)
class CategoryCount:
    category: str | None  # None: the category was removed since
    total: int
    done: int
    busy: int  # open or taken
    closed: int
    mean_rating: float | None


def _secretary_branch(actor: Actor) -> int | Refused:
    me = actor.member
    if me is None:
        return Refused(Refusal.NOT_MEMBER)
    return me.branch_id if may_manage(me) else Refused(Refusal.NOT_ALLOWED)


async def page(session: AsyncSession, actor: Actor, number: int) -> Page | Refused:
    branch_id = _secretary_branch(actor)
    if isinstance(branch_id, Refused):
        return branch_id
    size = rules.HISTORY_PAGE
    rows = await repo.finished(session, branch_id, number * size, size + 1)
    branch = await repo.branch(session, branch_id)
    tz = branch.timezone if branch else "Asia/Shanghai"
    names: dict[int, str] = {}
    items = []
    for row in rows[:size]:
        cat = await repo.category(session, row.category_id) if row.category_id else None
        taker = None
        if row.taken_by_member_id is not None:
            if row.taken_by_member_id not in names:
                person = await repo.member(session, row.taken_by_member_id)
                names[row.taken_by_member_id] = person.name if person else ""
            taker = names[row.taken_by_member_id]
        at = row.done_at if row.state == "done" else row.closed_at
        items.append(
            Finished(
                id=row.id,
                category=cat.name if cat else "",
                text=row.text,
                state=row.state,
                finished_local=local(tz, at or row.updated_at),
                taker_name=taker,
                note=row.done_note if row.state == "done" else row.close_reason,
                rating=row.rating,
                comment=row.rating_comment,
            )
        )
    return Page(tuple(items), number, more=len(rows) > size)


async def counts(session: AsyncSession, actor: Actor) -> list[CategoryCount] | Refused:
    branch_id = _secretary_branch(actor)
    if isinstance(branch_id, Refused):
        return branch_id
    by_cat: dict[int | None, dict[str, tuple[int, float | None]]] = {}
    for cat_id, state, n, mean in await repo.category_counts(session, branch_id):
        by_cat.setdefault(cat_id, {})[state] = (n, mean)
    result = []
    for cat_id, states in by_cat.items():
        cat = await repo.category(session, cat_id) if cat_id is not None else None
        done, mean = states.get("done", (0, None))
        busy = states.get("open", (0, None))[0] + states.get("taken", (0, None))[0]
        closed = states.get("closed", (0, None))[0]
        result.append(
            CategoryCount(
                category=cat.name if cat else None,
                total=done + busy + closed,
                done=done,
                busy=busy,
                closed=closed,
                mean_rating=mean,
            )
        )
    return sorted(result, key=lambda c: (-c.total, c.category or ""))
