"""One world factory: branches, people, meetings, teams, posts, for the demo and the tests.

The demo (`partybot sandbox --demo`) and the storage and end-to-end tests all need a branch
with people in it; they build it here instead of each writing rows their own way. The builder
writes in the caller's transaction (`World(session, now)`), or opens one (`build(db, now)`),
through the storage repositories where they have a writer, and hands back plain ids and frozen
`Person`s, so a test cannot lean on a row that its transaction has closed. Two calls hand back
the row, for the service the seeder calls next in the same transaction: `series` (to
materialise) and `hours_record` (a pending one goes to the approval queue).

Every row's `created_at` is the builder's `now` unless a call says otherwise (`created=`): a
world made "long ago" is what cadence, dues and cards tests ask for.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import Clock
from storage.db import Database
from storage.models.core import Branch, Member, TgUser
from storage.models.hours import HoursRecord, TeamMember, VolunteerTeam
from storage.models.meetings import Attendance, Meeting, MeetingSeries
from storage.models.posts import Post, PostCategory, PostClaim
from storage.repos import members as members_repo

DEFAULT_TZ = "Asia/Shanghai"
R = TypeVar("R")


@dataclass(frozen=True)
class Person:
    """A roster record as made: what tests and demo seeders need to act as or about it."""

    id: int
    branch_id: int
    group_id: int | None
    name: str
    category: str
    role: str
    status: str
    tg_id: int | None


def person_of(row: Member) -> Person:
    """A roster row read back, as the frozen `Person` the builder hands out."""
    return Person(
        row.id, row.branch_id, row.group_id, row.name, row.category, row.role, row.status,
        row.tg_user_id,
    )  # fmt: skip


class World:
    """Writes rows in one session; never commits (the caller's transaction does)."""

    def __init__(self, session: AsyncSession, now: datetime) -> None:
        self.session = session
        self.now = now

    def _at(self, created: datetime | None) -> dict[str, datetime]:
        at = created or self.now
        return {"created_at": at, "updated_at": at}

    async def unseeded(self, branch_id: int, table: Any) -> Branch | None:
        """The branch, if it has no rows of `table` yet (None if it has: a seeder that runs on
        every start seeds once); a branch that does not exist is an error."""
        branch = await self.session.get(Branch, branch_id)
        if branch is None:
            raise ValueError(f"no branch {branch_id}")
        found = await self.session.scalar(
            select(table.id).where(table.branch_id == branch_id).limit(1)
        )
        return branch if found is None else None

    async def _put(self, row: R) -> R:
        """The row added and flushed, so its id is known."""
        self.session.add(row)
        await self.session.flush()
        return row

    # --- branches, groups, accounts, members ---------------------------------------------

    async def branch(
        self,
        name: str = "测试社区党支部",
        *,
        timezone: str = DEFAULT_TZ,
        settings: Mapping[str, Any] | None = None,
        group_chat_id: int | None = None,
        parent_id: int | None = None,
        archived_at: datetime | None = None,
        created: datetime | None = None,
    ) -> int:
        at = created or self.now
        row = await members_repo.add_branch(self.session, name, parent_id, timezone, at)
        if settings or group_chat_id is not None or archived_at is not None:
            # updated_at said outright, or the column's onupdate would stamp the wall clock.
            await self.session.execute(
                update(Branch)
                .where(Branch.id == row.id)
                .values(
                    settings=dict(settings or {}),
                    group_chat_id=group_chat_id,
                    archived_at=archived_at,
                    updated_at=at,
                )
            )
        return row.id

    async def groups(
        self, branch_id: int, names: Sequence[str], *, created: datetime | None = None
    ) -> dict[str, int]:
        """Party groups in this order (their positions); name -> id."""
        rows = await members_repo.add_groups(self.session, branch_id, names, created or self.now)
        return {g.name: g.id for g in rows}

    async def account(
        self,
        tg_id: int,
        name: str = "",
        *,
        username: str | None = None,
        language: str | None = None,
        branch_id: int | None = None,
        started: bool = True,
    ) -> int:
        """The Telegram account row, as if the person had written to the bot (or not, yet)."""
        await self._put(
            TgUser(
                id=tg_id,
                first_name=name,
                username=username,
                language=language,
                current_branch_id=branch_id,
                started_at=self.now if started else None,
                **self._at(None),
            )
        )
        return tg_id

    async def member(
        self,
        branch_id: int,
        name: str,
        *,
        role: str = "member",
        category: str = "retired",
        group_id: int | None = None,
        tg_id: int | None = None,
        status: str = "active",
        phone: str | None = None,
        joined_party_on: date | None = None,
        full_member_on: date | None = None,
        work_unit: str | None = None,
        created: datetime | None = None,
    ) -> Person:
        """A roster record; tg_id links it to an account, which must exist (`account`)."""
        row = await members_repo.add_member(
            self.session,
            Member(
                branch_id=branch_id,
                group_id=group_id,
                tg_user_id=tg_id,
                name=name,
                phone=phone,
                category=category,
                role=role,
                status=status,
                joined_party_on=joined_party_on,
                full_member_on=full_member_on,
                work_unit=work_unit,
                **self._at(created),
            ),
        )
        return Person(row.id, branch_id, group_id, name, category, role, status, tg_id)

    # --- meetings --------------------------------------------------------------------------

    async def meeting(
        self,
        branch_id: int,
        title: str,
        starts_at: datetime,
        *,
        type: str = "theme_day",
        audience: str = "branch",
        announce_at: datetime | None = None,
        announced_at: datetime | None = None,
        created: datetime | None = None,
        updated: datetime | None = None,
        **columns: Any,
    ) -> int:
        """A meeting row as the meetings feature leaves it; announced when it is announced
        (`announce_at` defaults to the start). Other columns (place, ends_at, closed_at,
        created_by_member_id...) pass through."""
        at = created or self.now
        row = Meeting(
            branch_id=branch_id,
            type=type,
            title=title,
            audience=audience,
            starts_at=starts_at,
            announce_at=announce_at or starts_at,
            announced_at=announced_at,
            created_at=at,
            updated_at=updated or at,
            **columns,
        )
        return (await self._put(row)).id

    async def series(
        self, branch_id: int, title: str, *, created: datetime | None = None, **columns: Any
    ) -> MeetingSeries:
        """A meeting series (rrule, tz, start_date...); the row, for `scheduling.materialise`."""
        row = MeetingSeries(branch_id=branch_id, title=title, **self._at(created), **columns)
        return await self._put(row)

    async def attendance(
        self,
        meeting_id: int,
        member_id: int,
        state: str = "present",
        *,
        created: datetime | None = None,
        **columns: Any,
    ) -> None:
        """One attendance record (method, by_proxy, checked_in_at, made_up_at... pass through)."""
        await self._put(
            Attendance(
                meeting_id=meeting_id,
                member_id=member_id,
                state=state,
                **self._at(created),
                **columns,
            )
        )

    # --- volunteer hours -------------------------------------------------------------------

    async def team(
        self,
        branch_id: int,
        name: str,
        *,
        leaders: Iterable[int] = (),
        members: Iterable[int] = (),
    ) -> int:
        """A volunteer team and its people (member ids); a leader listed twice stays a leader."""
        team = await self._put(VolunteerTeam(branch_id=branch_id, name=name, **self._at(None)))
        leading = list(dict.fromkeys(leaders))
        joined = [*leading, *(m for m in dict.fromkeys(members) if m not in leading)]
        self.session.add_all(
            TeamMember(team_id=team.id, member_id=m, leader=m in leading, **self._at(None))
            for m in joined
        )
        await self.session.flush()
        return team.id

    async def hours_record(
        self,
        branch_id: int,
        member_id: int,
        day: date,
        halves: int,
        *,
        state: str = "approved",
        source: str = "report",
        team_id: int | None = None,
        **columns: Any,
    ) -> HoursRecord:
        """A volunteer-hours record straight in the table (history); the row, so a seeder can
        hand a pending one to the approval queue."""
        row = HoursRecord(
            branch_id=branch_id,
            member_id=member_id,
            team_id=team_id,
            source=source,
            state=state,
            day=day,
            halves=halves,
            **{"photos": [], "flagged": False, **columns},
            **self._at(None),
        )
        return await self._put(row)

    # --- posts -----------------------------------------------------------------------------

    async def post_category(self, branch_id: int, name: str, *, position: int = 0) -> int:
        row = PostCategory(branch_id=branch_id, name=name, position=position, **self._at(None))
        return (await self._put(row)).id

    async def post(
        self,
        branch_id: int,
        category_id: int,
        name: str,
        *,
        term: int,
        capacity: int = 1,
        holders: Iterable[int] = (),
        claimed_at: datetime | None = None,
        **columns: Any,
    ) -> int:
        """A post of a term and who holds it (member ids, claimed at `claimed_at` or now);
        description, duties... pass through."""
        row = Post(
            branch_id=branch_id,
            category_id=category_id,
            name=name,
            term=term,
            capacity=capacity,
            **self._at(None),
            **columns,
        )
        await self._put(row)
        self.session.add_all(
            PostClaim(
                branch_id=branch_id,
                post_id=row.id,
                member_id=m,
                term=term,
                claimed_at=claimed_at or self.now,
                **self._at(None),
            )
            for m in holders
        )
        await self.session.flush()
        return row.id


@asynccontextmanager
async def build(db: Database, now: datetime) -> AsyncIterator[World]:
    """A builder over one new transaction, committed when the block ends."""
    async with db.transaction() as session:
        yield World(session, now)


Seeder = Callable[[Database, int, Clock], Awaitable[int]]


def seeds_once(table: Any) -> Callable[[Callable[[World, Branch], Awaitable[int]]], Seeder]:
    """A demo seeder for one branch that runs on every start but seeds once: its body runs in
    one transaction only while the branch has no rows of `table`, and says how many it made."""

    def wrap(body: Callable[[World, Branch], Awaitable[int]]) -> Seeder:
        async def seed(db: Database, branch_id: int, clock: Clock) -> int:
            async with build(db, clock.now()) as world:
                branch = await world.unseeded(branch_id, table)
                return 0 if branch is None else await body(world, branch)

        seed.__name__, seed.__doc__ = body.__name__, body.__doc__
        return seed

    return wrap
