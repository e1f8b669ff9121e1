"""The secretary's catalogue: categories and posts, each change checked and audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.posts.rules import (
    LIMIT_CHOICES,
    LIMIT_KEY,
    MAX_CAPACITY,
    NUDGE_DAY_CHOICES,
    NUDGE_DAY_KEY,
    NUDGE_KEY,
    EndReason,
    TextError,
    claim_limit,
    clean_text,
    nudge_day,
    nudge_on,
    valid_term,
)
from bot.services.identity import Actor
from bot.services.posts.catalog import (
    CategoryView,
    PostView,
    categories,
    category_view,
    post_view,
    post_views,
)
from bot.services.posts.claims import end_claim
from bot.services.posts.common import Refusal, Refused, audit, manager, term_of
from bot.services.posts.telling import tell_holders
from storage.models.posts import Post, PostCategory
from storage.repos import posts as repo

POST_FIELDS = ("name", "description", "duties")
_LIMITS = {"name": (2, 50), "description": (0, 500), "duties": (0, 500), "category": (2, 30)}


@dataclass(frozen=True)
class Settings:
    limit: int
    nudge: bool
    nudge_day: int


def clean(field: str, raw: str) -> str | Refused:
    low, high = _LIMITS[field]
    found = clean_text(raw, minimum=low, maximum=high)
    if isinstance(found, TextError):
        return Refused(Refusal(found.value), str(high if found is TextError.TOO_LONG else low))
    return found


def _post_facts(p: Post) -> dict[str, object]:
    return {
        "name": p.name,
        "category_id": p.category_id,
        "capacity": p.capacity,
        "term": p.term,
        "closed": p.closed_at is not None,
    }


async def admin_categories(
    session: AsyncSession, actor: Actor, now: datetime
) -> list[CategoryView] | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    return await categories(session, me.branch_id, archived=True, now=now)


async def add_category(
    session: AsyncSession, actor: Actor, raw: str, now: datetime
) -> CategoryView | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    name = clean("category", raw)
    if isinstance(name, Refused):
        return name
    existing = await categories(session, me.branch_id, archived=True, now=now)
    if await repo.category_named(session, me.branch_id, name) is not None:
        return Refused(Refusal.NAME_TAKEN)
    row = PostCategory(
        branch_id=me.branch_id,
        name=name,
        position=max((c.position for c in existing), default=-1) + 1,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await session.flush()
    audit(
        session,
        branch_id=me.branch_id,
        actor_tg_id=actor.tg_id,
        action="category.add",
        target="post_category",
        target_id=row.id,
        after={"name": name},
        now=now,
    )
    return category_view(row)


async def _own_category(
    session: AsyncSession, actor: Actor, category_id: int
) -> tuple[PostCategory, int] | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.category(session, category_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    return row, me.branch_id


async def rename_category(
    session: AsyncSession, actor: Actor, category_id: int, raw: str, now: datetime
) -> CategoryView | Refused:
    found = await _own_category(session, actor, category_id)
    if isinstance(found, Refused):
        return found
    row, branch_id = found
    name = clean("category", raw)
    if isinstance(name, Refused):
        return name
    other = await repo.category_named(session, branch_id, name)
    if other is not None and other.id != row.id:
        return Refused(Refusal.NAME_TAKEN)
    before = row.name
    row.name, row.updated_at = name, now
    audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor.tg_id,
        action="category.rename",
        target="post_category",
        target_id=row.id,
        before={"name": before},
        after={"name": name},
        now=now,
    )
    return category_view(row)


async def toggle_category(
    session: AsyncSession, actor: Actor, category_id: int, now: datetime
) -> CategoryView | Refused:
    """Archive a category (hidden from members; its open posts must be closed first) or bring
    it back."""
    found = await _own_category(session, actor, category_id)
    if isinstance(found, Refused):
        return found
    row, branch_id = found
    archiving = row.archived_at is None
    me = actor.member
    if archiving and me is not None:
        term = term_of(me.branch_tz, now)
        for t in (term - 1, term, term + 1):
            if await repo.posts(session, branch_id, t, category_id=row.id):
                return Refused(Refusal.HAS_POSTS)
    row.archived_at = now if archiving else None
    row.updated_at = now
    audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor.tg_id,
        action="category.archive" if archiving else "category.restore",
        target="post_category",
        target_id=row.id,
        now=now,
    )
    return category_view(row)


async def add_post(
    session: AsyncSession,
    actor: Actor,
    *,
    category_id: int,
    name: str,
    description: str,
    duties: str,
    capacity: int,
    now: datetime,
) -> PostView | Refused:
    found = await _own_category(session, actor, category_id)
    if isinstance(found, Refused):
        return found
    cat, branch_id = found
    if cat.archived_at is not None:
        return Refused(Refusal.NOT_FOUND)
    texts = {}
    for field_name, raw in (("name", name), ("description", description), ("duties", duties)):
        cleaned = clean(field_name, raw)
        if isinstance(cleaned, Refused):
            return cleaned
        texts[field_name] = cleaned
    if not 1 <= capacity <= MAX_CAPACITY:
        return Refused(Refusal.NOT_FOUND)
    me = actor.member
    assert me is not None
    row = Post(
        branch_id=branch_id,
        category_id=cat.id,
        name=texts["name"],
        description=texts["description"],
        duties=texts["duties"],
        capacity=capacity,
        term=term_of(me.branch_tz, now),
        created_by_member_id=me.member_id,
        created_at=now,
        updated_at=now,
    )
    repo.add(session, row)
    await session.flush()
    audit(
        session,
        branch_id=branch_id,
        actor_tg_id=actor.tg_id,
        action="post.add",
        target="post",
        target_id=row.id,
        after=_post_facts(row),
        now=now,
    )
    return await post_view(session, row)


async def term_posts(
    session: AsyncSession, actor: Actor, now: datetime
) -> list[PostView] | Refused:
    """This term's posts, closed ones too, for the secretary's list."""
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    term = term_of(me.branch_tz, now)
    return await post_views(
        session, list(await repo.posts(session, me.branch_id, term, open_only=False))
    )


async def own_post(session: AsyncSession, actor: Actor, post_id: int) -> Post | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    row = await repo.post_for_update(session, post_id)
    if row is None or row.branch_id != me.branch_id:
        return Refused(Refusal.NOT_FOUND)
    return row


async def edit_post(
    session: AsyncSession, actor: Actor, post_id: int, field_name: str, raw: str, now: datetime
) -> PostView | Refused:
    """Change a post's name, description, duties (typed), capacity or term (buttons)."""
    row = await own_post(session, actor, post_id)
    if isinstance(row, Refused):
        return row
    before = _post_facts(row)
    if field_name in POST_FIELDS:
        value = clean(field_name, raw)
        if isinstance(value, Refused):
            return value
        setattr(row, field_name, value)
    elif field_name == "capacity":
        number = int(raw) if raw.isdigit() else 0
        taken = (await repo.taken(session, [row.id])).get(row.id, 0)
        if not 1 <= number <= MAX_CAPACITY:
            return Refused(Refusal.NOT_FOUND)
        if number < taken:
            return Refused(Refusal.BELOW_HOLDERS, str(taken))
        row.capacity = number
    elif field_name == "category":
        cat = await repo.category(session, int(raw) if raw.isdigit() else 0)
        if cat is None or cat.branch_id != row.branch_id or cat.archived_at is not None:
            return Refused(Refusal.NOT_FOUND)
        row.category_id = cat.id
    elif field_name == "term":
        me = actor.member
        assert me is not None
        year = int(raw) if raw.isdigit() and len(raw) == 4 else 0
        if not valid_term(year, term_of(me.branch_tz, now)):
            return Refused(Refusal.NOT_FOUND)
        if year != row.term and (await repo.taken(session, [row.id])).get(row.id, 0):
            return Refused(Refusal.BELOW_HOLDERS, "0")
        row.term = year
    else:
        return Refused(Refusal.NOT_FOUND)
    row.updated_at = now
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action=f"post.edit.{field_name}",
        target="post",
        target_id=row.id,
        before=before,
        after=_post_facts(row),
        now=now,
    )
    return await post_view(session, row)


async def close_post(
    session: AsyncSession, actor: Actor, post_id: int, now: datetime
) -> PostView | Refused:
    """Close a post: its holders are let go and told (through the outbox)."""
    row = await own_post(session, actor, post_id)
    if isinstance(row, Refused):
        return row
    if row.closed_at is not None:
        return Refused(Refusal.CLOSED)
    before = _post_facts(row)
    freed = []
    for c, _m in await repo.holders(session, row.id):
        end_claim(c, EndReason.CLOSED, now)
        freed.append(c.member_id)
    row.closed_at = now
    row.updated_at = now
    await session.flush()
    audit(
        session,
        branch_id=row.branch_id,
        actor_tg_id=actor.tg_id,
        action="post.close",
        target="post",
        target_id=row.id,
        before=before,
        after={**_post_facts(row), "freed": freed},
        now=now,
    )
    await tell_holders(session, row, freed, "closed", now)
    return await post_view(session, row)


async def settings(session: AsyncSession, actor: Actor) -> Settings | Refused:
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    branch = await repo.branch(session, me.branch_id)
    raw = branch.settings if branch else None
    return Settings(claim_limit(raw), nudge_on(raw), nudge_day(raw))


async def change_setting(
    session: AsyncSession, actor: Actor, key: str, value: int, now: datetime
) -> Settings | Refused:
    """The claim limit (1-2), the nudge on/off, the nudge's day of the month."""
    me = manager(actor)
    if isinstance(me, Refused):
        return me
    stored: object
    if key == LIMIT_KEY and value in LIMIT_CHOICES:
        stored = value
    elif key == NUDGE_KEY and value in (0, 1):
        stored = bool(value)
    elif key == NUDGE_DAY_KEY and value in NUDGE_DAY_CHOICES:
        stored = value
    else:
        return Refused(Refusal.NOT_FOUND)
    branch = await repo.branch(session, me.branch_id)
    if branch is None:
        return Refused(Refusal.NOT_FOUND)
    before = (branch.settings or {}).get(key)
    # A new dict: SQLAlchemy does not see changes made inside a JSON value.
    branch.settings = {**(branch.settings or {}), key: stored}
    audit(
        session,
        branch_id=branch.id,
        actor_tg_id=actor.tg_id,
        action="settings",
        target="branch",
        target_id=branch.id,
        before={key: before},
        after={key: stored},
        now=now,
    )
    raw = branch.settings
    return Settings(claim_limit(raw), nudge_on(raw), nudge_day(raw))
