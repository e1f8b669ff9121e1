"""The catalogue: categories (seven defaults seeded per branch) and posts as plain views."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.posts.rules import DEFAULT_CATEGORIES, free_places
from storage.models.posts import Post, PostCategory
from storage.repos import posts as repo


@dataclass(frozen=True)
class CategoryView:
    id: int
    branch_id: int
    name: str
    position: int
    archived: bool


@dataclass(frozen=True)
class PostView:
    id: int
    branch_id: int
    category_id: int
    category_name: str
    name: str
    description: str
    duties: str
    capacity: int
    taken: int
    term: int
    closed: bool

    @property
    def free(self) -> int:
        return free_places(self.capacity, self.taken)


def category_view(row: PostCategory) -> CategoryView:
    return CategoryView(row.id, row.branch_id, row.name, row.position, row.archived_at is not None)


async def seed(session: AsyncSession, branch_id: int, now: datetime) -> bool:
    """The seven default categories, once per branch (a branch that has any keeps its own)."""
    if await repo.count_categories(session, branch_id):
        return False
    await repo.lock_branch(session, branch_id)
    # Checked again under the lock: two first uses at once seed once.
    if await repo.count_categories(session, branch_id):
        return False
    for i, name in enumerate(DEFAULT_CATEGORIES):
        repo.add(
            session,
            PostCategory(
                branch_id=branch_id, name=name, position=i, created_at=now, updated_at=now
            ),
        )
    await session.flush()
    return True


async def categories(
    session: AsyncSession,
    branch_id: int,
    *,
    archived: bool = False,
    now: datetime | None = None,
) -> list[CategoryView]:
    """A branch's post categories in order (the residents slice calls this too).

    The defaults are seeded on first use, so the first call for a branch needs a session that
    may write (a unit or a transaction); archived categories only when asked for.
    """
    if not await repo.count_categories(session, branch_id):
        await seed(session, branch_id, now or datetime.now(UTC))
    rows = await repo.categories(session, branch_id, archived=archived)
    return [category_view(r) for r in rows]


async def post_views(session: AsyncSession, rows: list[Post]) -> list[PostView]:
    counts = await repo.taken(session, [p.id for p in rows])
    names: dict[int, str] = {}
    for p in rows:
        if p.category_id not in names:
            cat = await repo.category(session, p.category_id)
            names[p.category_id] = cat.name if cat else ""
    return [
        PostView(
            id=p.id,
            branch_id=p.branch_id,
            category_id=p.category_id,
            category_name=names[p.category_id],
            name=p.name,
            description=p.description or "",
            duties=p.duties or "",
            capacity=p.capacity,
            taken=counts.get(p.id, 0),
            term=p.term,
            closed=p.closed_at is not None,
        )
        for p in rows
    ]


async def post_view(session: AsyncSession, row: Post) -> PostView:
    return (await post_views(session, [row]))[0]


async def category_holders(
    session: AsyncSession, branch_id: int, category_id: int, term: int
) -> list[int]:
    """Member ids holding an open post of the category this term (for residents' requests)."""
    cat = await repo.category(session, category_id)
    if cat is None or cat.branch_id != branch_id:
        return []
    return await repo.category_holder_ids(session, category_id, term)
