"""Who a notice goes to: the whole branch, party groups, categories, the committee, or a saved
audience another feature offers (e.g. "did not acknowledge broadcast N").

A selection is stored as JSON on the draft; member ids are resolved on the server every time,
so a stale or forged button can never widen the audience.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.members import Category
from storage.models.core import Branch, Member, PartyGroup, TgUser
from storage.models.delivery import Notice
from storage.repos import delivery as repo

__all__ = [
    "COMMITTEE_ROLES",
    "SavedAudience",
    "Selection",
    "find_saved",
    "resolve",
    "saved_audiences",
]

COMMITTEE_ROLES = ("committee", "secretary")
SAVED_KEY_MAX = 24
# Activists (入党积极分子) are contacts, not members: only an explicit category choice adds them.
_NOT_BY_DEFAULT = (Category.ACTIVIST.value,)
_CHUNK = 500


@dataclass(frozen=True)
class Selection:
    """Groups (any of) ∩ categories (any of); or the committee; or one saved audience."""

    groups: tuple[int, ...] = ()
    categories: tuple[str, ...] = ()
    committee: bool = False
    saved: str | None = None

    @property
    def whole_branch(self) -> bool:
        return not (self.groups or self.categories or self.committee or self.saved)

    def toggle(self, choice: str) -> Selection:
        """Apply one button: "all", "com", "g<id>", "c<category>" or "s<saved key>"."""
        if choice == "all":
            return Selection()
        if choice == "com":
            return Selection(committee=not self.committee)
        if choice.startswith("s"):
            key = choice[1:]
            return Selection(saved=None if self.saved == key else key)
        base = replace(self, committee=False, saved=None)
        if choice.startswith("g") and choice[1:].isdigit():
            gid = int(choice[1:])
            groups = tuple(g for g in base.groups if g != gid)
            return replace(base, groups=groups if gid in base.groups else (*groups, gid))
        if choice.startswith("c") and choice[1:] in {c.value for c in Category}:
            cat = choice[1:]
            cats = tuple(c for c in base.categories if c != cat)
            return replace(base, categories=cats if cat in base.categories else (*cats, cat))
        return self

    def to_json(self) -> dict[str, Any]:
        return {
            "groups": list(self.groups),
            "categories": list(self.categories),
            "committee": self.committee,
            "saved": self.saved,
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any] | None) -> Selection:
        raw = raw or {}
        return cls(
            groups=tuple(int(g) for g in raw.get("groups") or ()),
            categories=tuple(str(c) for c in raw.get("categories") or ()),
            committee=bool(raw.get("committee")),
            saved=raw.get("saved"),
        )


MemberIdsLoader = Callable[[AsyncSession], Awaitable[list[int]]]


@dataclass(frozen=True)
class SavedAudience:
    """A ready-made list offered by a feature; `label_key` is a text key, rendered by the caller."""

    key: str  # ≤ SAVED_KEY_MAX characters of [a-z0-9_:]; rides in callback data
    label_key: str
    label_params: Mapping[str, object] = field(default_factory=dict)
    member_ids: MemberIdsLoader | None = None


def _unacked(notice: Notice, tz: str) -> SavedAudience:
    """ "Did not acknowledge <title>", told apart from a same-titled one by when it was sent."""
    notice_id = notice.id

    async def load(s: AsyncSession) -> list[int]:
        return await repo.member_ids_where(s, notice_id, states=None, unacked=True)

    sent = notice.created_at.astimezone(ZoneInfo(tz)).strftime("%m-%d %H:%M")
    return SavedAudience(
        key=f"unacked:{notice_id}",
        label_key="delivery.saved.unacked",
        label_params={"title": str((notice.meta or {}).get("title", "")), "when": sent},
        member_ids=load,
    )


async def _branch_tz(session: AsyncSession, branch_id: int) -> str:
    branch = await session.get(Branch, branch_id)
    return branch.timezone if branch is not None else "Asia/Shanghai"


async def _unacked_broadcasts(
    session: AsyncSession, branch_id: int, now: datetime
) -> list[SavedAudience]:
    found = await repo.recent_notices(session, branch_id, "broadcast", now - timedelta(days=30), 3)
    tz = await _branch_tz(session, branch_id)
    return [_unacked(n, tz) for n in found if n.ack]


async def _never_started(
    session: AsyncSession, branch_id: int, now: datetime
) -> list[SavedAudience]:
    async def load(s: AsyncSession) -> list[int]:
        rows = await s.scalars(
            select(Member.id)
            .outerjoin(TgUser, TgUser.id == Member.tg_user_id)
            .where(
                Member.branch_id == branch_id,
                Member.status == "active",
                (TgUser.id.is_(None))
                | TgUser.started_at.is_(None)
                | TgUser.blocked_at.is_not(None),
            )
        )
        return list(rows)

    return [SavedAudience("unstarted", "delivery.saved.unstarted", {}, load)]


Provider = Callable[[AsyncSession, int, datetime], Awaitable[list[SavedAudience]]]

# The explicit registry: each feature that offers ready-made audiences adds its provider here
# (e.g. meetings: "absent from meeting X"). Order is the order shown to the secretary.
PROVIDERS: tuple[Provider, ...] = (_unacked_broadcasts, _never_started)


async def saved_audiences(
    session: AsyncSession, branch_id: int, now: datetime
) -> list[SavedAudience]:
    """Every saved audience on offer in this branch now."""
    out: list[SavedAudience] = []
    for provider in PROVIDERS:
        out += await provider(session, branch_id, now)
    return [a for a in out if len(a.key) <= SAVED_KEY_MAX]


async def find_saved(
    session: AsyncSession, branch_id: int, key: str, now: datetime
) -> SavedAudience | None:
    found = next((a for a in await saved_audiences(session, branch_id, now) if a.key == key), None)
    if found is None and key.startswith("unacked:") and key[8:].isdigit():
        # Older broadcasts are no longer offered, but a re-send drafted from a report still works.
        notice = await repo.notice(session, int(key[8:]))
        if notice is not None and notice.branch_id == branch_id and notice.ack:
            found = _unacked(notice, await _branch_tz(session, branch_id))
    return found


def _base(branch_id: int, own_group: int | None) -> list[ColumnElement[bool]]:
    conds = [Member.branch_id == branch_id, Member.status == "active"]
    if own_group is not None:
        conds.append(Member.group_id == own_group)
    return conds


async def resolve(
    session: AsyncSession,
    branch_id: int,
    selection: Selection,
    now: datetime,
    *,
    own_group: int | None = None,
) -> list[int]:
    """Active member ids of the branch the selection covers (limited to `own_group` if given)."""
    conds = _base(branch_id, own_group)
    if selection.saved is not None:
        saved = await find_saved(session, branch_id, selection.saved, now)
        if saved is None or saved.member_ids is None:
            return []
        return await _restrict(session, conds, await saved.member_ids(session))
    if selection.committee:
        conds.append(Member.role.in_(COMMITTEE_ROLES))
    else:
        if selection.groups:
            conds.append(Member.group_id.in_(selection.groups))
        if selection.categories:
            conds.append(Member.category.in_(selection.categories))
        else:
            conds.append(Member.category.not_in(_NOT_BY_DEFAULT))
    rows = await session.scalars(select(Member.id).where(*conds).order_by(Member.id))
    return list(rows)


async def _restrict(
    session: AsyncSession, conds: list[ColumnElement[bool]], ids: Sequence[int]
) -> list[int]:
    out: list[int] = []
    unique = sorted(set(ids))
    for i in range(0, len(unique), _CHUNK):
        rows = await session.scalars(
            select(Member.id).where(*conds, Member.id.in_(unique[i : i + _CHUNK]))
        )
        out += rows
    return sorted(out)


async def groups_of(session: AsyncSession, branch_id: int) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(PartyGroup.id, PartyGroup.name)
        .where(PartyGroup.branch_id == branch_id)
        .order_by(PartyGroup.position, PartyGroup.id)
    )
    return [(gid, name) for gid, name in rows]


async def categories_in_use(session: AsyncSession, branch_id: int) -> list[str]:
    rows = await session.execute(
        select(Member.category, func.count())
        .where(Member.branch_id == branch_id, Member.status == "active")
        .group_by(Member.category)
    )
    present = {cat for cat, _ in rows}
    return [c.value for c in Category if c.value in present]
