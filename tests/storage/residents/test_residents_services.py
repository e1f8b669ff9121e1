"""The residents' services on both backends: one taker among ten, the duty record, rating,
escalation once, retention keeping the duty record."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.clock import FakeClock
from bot.devtools.world import Person, World
from bot.services.identity import Actor, Membership
from bot.services.residents import asking, officer, taking
from bot.services.residents.common import Refusal, Refused, RequestView
from bot.services.residents.housekeeping import sweep
from storage.db import Database
from storage.models.delivery import Notice
from storage.models.posts import DutyRecord, PostCategory
from storage.models.residents import ResidentRequest

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
RESIDENT = Actor(55_000_001, "居民", "zh", False, (), None)


def _actor(member: Person) -> Actor:
    m = Membership(
        member.id, member.branch_id, "支部", "Asia/Shanghai", None, member.name,
        "retired", member.role, "active",
    )  # fmt: skip
    return Actor(member.id + 900_000, member.name, "zh", False, (m,), m)


@dataclass
class Place:
    branch_id: int
    category_id: int
    secretary: Person
    holders: list[Person]


async def _place(db: Database, holders: int = 10) -> Place:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("支部")
        sec = await w.member(branch, "书记", role="secretary")
        people = [await w.member(branch, f"党员{i}") for i in range(holders)]
        await asking.categories_of(s, branch, NOW)  # the seven defaults
        cat = await s.scalar(
            select(PostCategory).where(
                PostCategory.branch_id == branch, PostCategory.name == "助老助残"
            )
        )
        assert cat is not None
        await w.post(
            branch, cat.id, "助老员", term=2026, capacity=20, holders=[m.id for m in people]
        )
        await officer.link(s, _actor(sec), NOW)
        return Place(branch, cat.id, sec, people)


async def _ask(db: Database, p: Place, who: Actor = RESIDENT) -> RequestView:
    draft = {"b": p.branch_id, "c": p.category_id, "text": "楼道灯坏了", "phone": "13800138000"}
    async with db.transaction() as s:
        done = await asking.submit(s, who, draft, NOW)
    assert isinstance(done, asking.Submitted), done
    return done.view


async def test_ten_holders_tapping_at_once_make_exactly_one_taker(fresh: Database) -> None:
    p = await _place(fresh)
    view = await _ask(fresh, p)

    async def tap(m: Person) -> RequestView | Refused:
        async with fresh.unit() as s:
            return await taking.take(s, _actor(m), view.id, NOW)

    results = await asyncio.gather(*(tap(m) for m in p.holders))
    won = [r for r in results if not isinstance(r, Refused)]
    assert len(won) == 1
    assert all(r.reason is Refusal.TAKEN for r in results if isinstance(r, Refused))
    async with fresh.read() as s:
        row = await s.get(ResidentRequest, view.id)
        assert row is not None and row.state == "taken"
        keys = list(await s.scalars(select(Notice.key).where(Notice.branch_id == p.branch_id)))
    assert sum(k.startswith(f"residents:{view.id}:taken:") for k in keys) == 1


async def test_finishing_writes_the_duty_record_and_rating_is_once_and_only_the_residents(
    fresh: Database,
) -> None:
    p = await _place(fresh, holders=2)
    view = await _ask(fresh, p)
    taker, other = _actor(p.holders[0]), _actor(p.holders[1])
    async with fresh.transaction() as s:
        early = await taking.rate(s, RESIDENT, view.id, 5, NOW)
        assert isinstance(early, Refused) and early.reason is Refusal.NOT_DONE
        assert not isinstance(await taking.take(s, taker, view.id, NOW), Refused)
        wrong = await taking.finish(s, other, view.id, "办好了", NOW)
        assert isinstance(wrong, Refused) and wrong.reason is Refusal.NOT_YOURS
        assert not isinstance(await taking.finish(s, taker, view.id, "办好了", NOW), Refused)
        twice = await taking.finish(s, taker, view.id, "又办了", NOW)
        assert isinstance(twice, Refused)
    async with fresh.transaction() as s:
        stranger = Actor(55_000_002, "别人", "zh", False, (), None)
        assert isinstance(await taking.rate(s, stranger, view.id, 5, NOW), Refused)
        for bad in (0, 6):
            out = await taking.rate(s, RESIDENT, view.id, bad, NOW)
            assert isinstance(out, Refused) and out.reason is Refusal.BAD_RATING
        assert not isinstance(await taking.rate(s, RESIDENT, view.id, 4, NOW), Refused)
        again = await taking.rate(s, RESIDENT, view.id, 1, NOW)
        assert isinstance(again, Refused) and again.reason is Refusal.RATED
    async with fresh.read() as s:
        [duty] = list(await s.scalars(select(DutyRecord)))
        row = await s.get(ResidentRequest, view.id)
    assert (duty.source, duty.state, duty.request_id, duty.day.isoformat()) == (
        "request", "confirmed", view.id, "2026-03-02",
    )  # fmt: skip
    assert row is not None and row.rating == 4


async def test_limits_block_and_a_revoked_link(fresh: Database) -> None:
    p = await _place(fresh, holders=1)
    for _ in range(3):
        await _ask(fresh, p)
    draft = {"b": p.branch_id, "c": p.category_id, "text": "第四条"}
    async with fresh.transaction() as s:
        out = await asking.submit(s, RESIDENT, draft, NOW)
        assert isinstance(out, Refused) and out.reason is Refusal.TOO_MANY_OPEN
        other = Actor(55_000_003, "另一位", "zh", False, (), None)
        first = await asking.submit(s, other, draft, NOW)
        assert isinstance(first, asking.Submitted)
        assert await officer.block(s, _actor(p.secretary), first.view.id, NOW) is True
        blocked = await asking.submit(s, other, draft, NOW)
        assert isinstance(blocked, Refused) and blocked.reason is Refusal.BLOCKED
        await officer.revoke_link(s, _actor(p.secretary), NOW)
        gone = await asking.submit(s, Actor(55_000_004, "新人", "zh", False, (), None), draft, NOW)
        assert isinstance(gone, Refused) and gone.reason is Refusal.BAD_LINK


async def test_escalation_once_and_retention_keeps_the_duty_record(fresh: Database) -> None:
    p = await _place(fresh, holders=1)
    late = await _ask(fresh, p)
    clock = FakeClock(NOW + timedelta(hours=23))
    assert (await sweep(fresh, clock)).escalated == 0
    clock.set(NOW + timedelta(hours=24))
    both = await asyncio.gather(sweep(fresh, clock), sweep(fresh, clock))
    assert sorted(s.escalated for s in both) == [0, 1]

    done = await _ask(fresh, p)
    async with fresh.transaction() as s:
        taker = _actor(p.holders[0])
        assert not isinstance(await taking.take(s, taker, done.id, NOW), Refused)
        assert not isinstance(await taking.finish(s, taker, done.id, "办好了", NOW), Refused)
    async with fresh.read() as s:
        before = await s.scalar(
            select(func.count()).where(Notice.key.like(f"residents:{done.id}:%"))
        )
    assert before == 3  # asked, taken, done
    clock.set(NOW + timedelta(days=364))
    assert (await sweep(fresh, clock)).purged == 0
    clock.set(NOW + timedelta(days=366))
    assert (await sweep(fresh, clock)).purged == 1
    async with fresh.read() as s:
        [duty] = list(await s.scalars(select(DutyRecord)))
        left = await s.scalar(select(func.count()).select_from(ResidentRequest))
        quoted = list(
            await s.scalars(select(Notice.key).where(Notice.key.like(f"residents:{done.id}:%")))
        )
    assert duty.request_id is None and left == 1  # the escalated open request stays
    assert quoted == []  # nor does the outbox keep what the resident wrote
    assert late.id != done.id
