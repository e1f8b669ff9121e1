"""Posts use cases on a real database (both backends): seeding once, claims under the limit
and capacity (20 at once for the last place), release, leaving frees posts, duty records in
the approval queue, the nudge once a month."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from bot.devtools.world import Person, World
from bot.domain.members import MemberStatus
from bot.services.identity import Actor, Membership
from bot.services.members.roles import set_status
from bot.services.posts import admin, claims, duty
from bot.services.posts.catalog import categories, category_holders
from bot.services.posts.claims import Claimed, NotClaimed
from bot.services.posts.common import Refusal, Refused
from bot.services.posts.nudge import run_nudges
from storage.db import Database
from storage.models.delivery import Notice
from storage.models.posts import DutyRecord, Post, PostCategory, PostClaim

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def _actor(member: Person) -> Actor:
    m = Membership(
        member.id,
        member.branch_id,
        "支部",
        "Asia/Shanghai",
        member.group_id,
        member.name,
        member.category,
        member.role,
        member.status,
    )
    return Actor(member.id + 900_000, member.name, "zh", False, (m,), m)


async def _branch(
    db: Database, n: int = 3, settings: dict[str, object] | None = None
) -> dict[str, Person]:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("岗位测试支部", settings=settings)
        group = (await w.groups(branch, ["一组"]))["一组"]
        people: dict[str, Person] = {}
        roles = [("sec", "secretary", None), ("leader", "group_leader", group)]
        roles += [(f"m{i}", "member", group) for i in range(n)]
        for name, role, gid in roles:
            people[name] = await w.member(
                branch, name, category="employed", role=role, group_id=gid
            )
        return people


async def _post(db: Database, sec: Person, capacity: int) -> int:
    async with db.transaction() as s:
        cats = await categories(s, sec.branch_id, now=NOW)
        made = await admin.add_post(
            s,
            _actor(sec),
            category_id=cats[0].id,
            name="楼道宣传员",
            description="",
            duties="张贴宣传",
            capacity=capacity,
            now=NOW,
        )
        assert not isinstance(made, Refused)
        return made.id


async def test_defaults_seed_once_and_the_secretary_edits_categories(db: Database) -> None:
    p = await _branch(db)
    await asyncio.gather(*(_seed(db, p["sec"].branch_id) for _ in range(3)))
    async with db.transaction() as s:
        count = await s.scalar(
            select(func.count())
            .select_from(PostCategory)
            .where(PostCategory.branch_id == p["sec"].branch_id)
        )
        assert count == 7
        sec = _actor(p["sec"])
        added = await admin.add_category(s, sec, "  法律 咨询 ", NOW)
        assert not isinstance(added, Refused) and added.name == "法律 咨询"
        assert await admin.add_category(s, sec, "宣传教育", NOW) == Refused(Refusal.NAME_TAKEN)
        assert await admin.add_category(s, _actor(p["m0"]), "x类", NOW) == Refused(
            Refusal.NOT_ALLOWED
        )
        renamed = await admin.rename_category(s, sec, added.id, "法律援助", NOW)
        assert not isinstance(renamed, Refused) and renamed.name == "法律援助"
        archived = await admin.toggle_category(s, sec, added.id, NOW)
        assert not isinstance(archived, Refused) and archived.archived
        names = [c.name for c in await categories(s, p["sec"].branch_id)]
        assert "法律援助" not in names and len(names) == 7


async def _seed(db: Database, branch_id: int) -> None:
    async with db.transaction() as s:
        await categories(s, branch_id, now=NOW)


async def _claim(db: Database, m: Person, post_id: int) -> Claimed | NotClaimed:
    async with db.unit() as s:
        return await claims.claim(s, _actor(m), post_id, NOW)


async def test_twenty_members_at_the_last_place_and_the_limit(db: Database) -> None:
    p = await _branch(db, n=20)
    post_id = await _post(db, p["sec"], 1)
    results = await asyncio.gather(*(_claim(db, p[f"m{i}"], post_id) for i in range(20)))
    won = [r for r in results if isinstance(r, Claimed)]
    lost = [r for r in results if isinstance(r, NotClaimed)]
    assert len(won) == 1 and len(lost) == 19
    assert {r.refused.reason for r in lost} == {Refusal.FULL}
    async with db.transaction() as s:
        rows = await s.scalar(
            select(func.count()).select_from(PostClaim).where(PostClaim.post_id == post_id)
        )
    assert rows == 1
    # the limit: a third post is refused, nothing saved
    a, b, c = [await _post(db, p["sec"], 5) for _ in range(3)]
    m = p["m19"] if isinstance(results[19], NotClaimed) else p["m18"]
    assert isinstance(await _claim(db, m, a), Claimed)
    assert isinstance(await _claim(db, m, b), Claimed)
    third = await _claim(db, m, c)
    assert isinstance(third, NotClaimed) and third.refused.reason is Refusal.LIMIT


async def test_release_only_ones_own_and_leaving_frees_posts(db: Database) -> None:
    p = await _branch(db)
    post_id = await _post(db, p["sec"], 2)
    assert isinstance(await _claim(db, p["m0"], post_id), Claimed)
    async with db.transaction() as s:
        assert await claims.release(s, _actor(p["m1"]), post_id, NOW) == Refused(Refusal.NOT_YOURS)
        changed = await set_status(
            s, _actor(p["sec"]), p["m0"].id, MemberStatus.TRANSFERRED, "转出到外区", NOW
        )
        assert not isinstance(changed, Refused)
    async with db.transaction() as s:
        claim = await s.scalar(select(PostClaim).where(PostClaim.post_id == post_id))
        assert claim is not None and claim.end_reason == "left" and claim.released_at is not None


async def test_duty_goes_through_the_queue_and_the_nudge_comes_once(db: Database) -> None:
    p = await _branch(db, settings={"posts_nudge_day": 1})
    post_id = await _post(db, p["sec"], 2)
    assert isinstance(await _claim(db, p["m0"], post_id), Claimed)
    assert isinstance(await _claim(db, p["m1"], post_id), Claimed)
    m0 = _actor(p["m0"])
    today = date(2026, 3, 2)
    async with db.transaction() as s:
        cat = (await categories(s, p["sec"].branch_id))[0]
        found = await category_holders(s, p["sec"].branch_id, cat.id, 2026)
        assert found == sorted([p["m0"].id, p["m1"].id])
        assert await category_holders(s, p["sec"].branch_id + 10**6, cat.id, 2026) == []
    async with db.transaction() as s:
        future = await duty.submit(
            s,
            m0,
            post_id=post_id,
            day=today + timedelta(days=1),
            what="巡查",
            halves=2,
            photos=[],
            now=NOW,
        )
        assert future == Refused(Refusal.FUTURE)
        early = await duty.submit(
            s,
            m0,
            post_id=post_id,
            day=today - timedelta(days=1),
            what="巡查",
            halves=2,
            photos=[],
            now=NOW,
        )
        assert early == Refused(Refusal.BEFORE_CLAIM)
        made = await duty.submit(
            s, m0, post_id=post_id, day=today, what="楼道巡查", halves=3, photos=["f1"], now=NOW
        )
        assert not isinstance(made, Refused)
    async with db.transaction() as s:
        assert await duty.decide(s, m0, made.approval_id, True, None, NOW) == Refused(Refusal.SELF)
        assert await duty.pending(s, _actor(p["m1"])) == []
        waiting = await duty.pending(s, _actor(p["leader"]))
        assert [w.id for w in waiting] == [made.id]
        done = await duty.decide(s, _actor(p["leader"]), made.approval_id, True, None, NOW)
        assert isinstance(done, duty.Decision) and done.duty.state == "confirmed"
        again = await duty.decide(s, _actor(p["sec"]), made.approval_id, False, "x", NOW)
        assert again == Refused(Refusal.ALREADY_DECIDED)
        rows = list(await s.scalars(select(DutyRecord).where(DutyRecord.post_id == post_id)))
        assert [(r.state, r.halves, r.photos) for r in rows] == [("confirmed", 3, ["f1"])]
    # m0 recorded this month, m1 did not: only m1 is nudged, and only once
    for _ in range(2):
        async with db.transaction() as s:
            await run_nudges(s, NOW)
    async with db.transaction() as s:
        keys = list(await s.scalars(select(Notice.key).where(Notice.key.like("posts:nudge:%"))))
        assert f"posts:nudge:{p['m1'].id}:2026-03" in keys
        assert f"posts:nudge:{p['m0'].id}:2026-03" not in keys
        post = await s.get(Post, post_id)
        assert post is not None
