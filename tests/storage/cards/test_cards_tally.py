"""The tally equals one computed independently, straight from the raw rows; it runs once.

The independent computation below re-reads every table row by row in Python and applies the
documented default rules (bot/domain/cards/scoring.py docstring) with its own arithmetic: it
shares no code with the set-based queries or the scoring function.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from bot.devtools.world import World
from bot.domain.cards.periods import Period
from bot.services.cards import tally
from storage.db import Database
from storage.models.cards import ScoreCorrection, TallyRun
from storage.models.delivery import Notice
from storage.models.dues import DuesLine
from storage.models.hours import HoursRecord
from storage.models.meetings import Attendance, Meeting
from storage.models.posts import DutyRecord
from storage.models.residents import ResidentRequest

TZ = "Asia/Shanghai"
YEAR = 2026
NOW = datetime(2027, 1, 3, 2, 0, tzinfo=UTC)  # 10:00 on 3 Jan 2027 in Shanghai
STATES = ["present", "late", "leave_approved", "leave_declined", "leave_pending", "absent"]


def _local(day: date, hour: int = 0) -> datetime:
    return datetime.combine(day, time(hour), ZoneInfo(TZ)).astimezone(UTC)


async def _seed(db: Database, rng: random.Random) -> tuple[int, list[int]]:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("考核测试支部", timezone=TZ)
        other = await w.branch("别的支部", timezone=TZ)
        members = [await w.member(branch, f"党员{i:02d}") for i in range(24)]
        members.append(await w.member(branch, "积极分子", category="activist"))
        members.append(await w.member(branch, "已转出", status="archived"))
        stranger = await w.member(other, "外支部")
        ids = [m.id for m in members[:24]]
        everyone = [m.id for m in members] + [stranger.id]
        # Meetings: inside the year, exactly at its edges, cancelled, and another branch's.
        starts = [_local(date(YEAR, 1, 1)), _local(date(YEAR, 12, 31), 23)]
        starts += [_local(date(YEAR, m, 26), 9) for m in range(1, 13)]
        starts += [_local(date(YEAR + 1, 1, 1)), _local(date(YEAR - 1, 12, 31), 23)]
        meetings = [
            await w.meeting(
                branch, f"会{i}", at, type="branch", audience="all",
                cancelled_at=at if i == 5 else None,
            )
            for i, at in enumerate(starts)
        ]  # fmt: skip
        meetings.append(await w.meeting(other, "外会", starts[3], type="branch", audience="all"))
        for meeting in meetings:
            for mid in everyone:
                if rng.random() < 0.8:
                    state = rng.choice(STATES)
                    made = (
                        _local(date(YEAR, 12, 1))
                        if state in ("absent", "leave_declined") and rng.random() < 0.4
                        else None
                    )
                    await w.attendance(meeting, mid, state, made_up_at=made)
        for mid in everyone:
            for _ in range(rng.randint(0, 6)):
                day = date(YEAR, 1, 1) + timedelta(days=rng.randint(-20, 380))
                s.add(
                    DutyRecord(
                        branch_id=branch,
                        member_id=mid,
                        source=rng.choice(["post", "request"]),
                        state=rng.choice(["confirmed", "confirmed", "pending", "rejected"]),
                        day=day,
                        what="巡逻",
                    )
                )
            for _ in range(rng.randint(0, 5)):
                day = date(YEAR, 1, 1) + timedelta(days=rng.randint(-20, 380))
                s.add(
                    HoursRecord(
                        branch_id=branch,
                        member_id=mid,
                        source="report",
                        state=rng.choice(["approved", "approved", "pending", "declined"]),
                        day=day,
                        halves=rng.randint(1, 8),
                    )
                )
            for _ in range(rng.randint(0, 4)):
                done = _local(date(YEAR, 1, 1)) + timedelta(hours=rng.randint(-200, 9000))
                rated = rng.random() < 0.7
                s.add(
                    ResidentRequest(
                        branch_id=branch,
                        resident_tg_id=5,
                        text="灯坏了",
                        state=rng.choice(["done", "done", "taken", "closed"]),
                        taken_by_member_id=mid,
                        done_at=done,
                        rating=rng.randint(1, 5) if rated else None,
                    )
                )
            for month in range(1, 13):
                due = Decimal(rng.choice(["0.00", "2.50", "10.00"])) if rng.random() < 0.9 else None
                paid_on = date(YEAR, month, 1) + timedelta(days=rng.randint(0, 45))
                paid = (due or Decimal(0)) if rng.random() < 0.8 else Decimal("1.00")
                s.add(
                    DuesLine(
                        branch_id=branch,
                        member_id=mid,
                        month=YEAR * 100 + month,
                        due=due,
                        paid=paid,
                        paid_on=paid_on if rng.random() < 0.9 else None,
                    )
                )
        s.add(
            ScoreCorrection(
                branch_id=branch,
                member_id=ids[0],
                term=YEAR,
                item="duties",
                delta_tenths=25,
                reason="补录",
            )
        )
        s.add(
            ScoreCorrection(
                branch_id=branch,
                member_id=ids[0],
                term=YEAR,
                item="duties",
                delta_tenths=-5,
                reason="更正",
            )
        )
        s.add(
            ScoreCorrection(
                branch_id=branch,
                member_id=ids[1],
                term=YEAR - 1,
                item="hours",
                delta_tenths=100,
                reason="去年的",
            )
        )
        return branch, ids


async def _independent(db: Database, branch_id: int, ids: list[int]) -> dict[int, int]:
    """Each member's year total, from the rows one by one, by the documented default rules."""
    start, end = _local(date(YEAR, 1, 1)), _local(date(YEAR + 1, 1, 1))
    first, last = date(YEAR, 1, 1), date(YEAR + 1, 1, 1)
    async with db.read() as s:
        meetings = {m.id: m for m in await s.scalars(select(Meeting))}
        attendance = list(await s.scalars(select(Attendance)))
        duties = list(await s.scalars(select(DutyRecord)))
        hours = list(await s.scalars(select(HoursRecord)))
        requests = list(await s.scalars(select(ResidentRequest)))
        lines = list(await s.scalars(select(DuesLine)))
        fixes = list(await s.scalars(select(ScoreCorrection)))
    totals = {}
    for mid in ids:
        att = [
            a
            for a in attendance
            if a.member_id == mid
            and meetings[a.meeting_id].branch_id == branch_id
            and meetings[a.meeting_id].cancelled_at is None
            and start <= meetings[a.meeting_id].starts_at < end
        ]
        came = sum(a.state in ("present", "late") for a in att)
        missed = sum(a.state in ("absent", "leave_declined", "leave_pending") for a in att)
        made_up = sum(a.made_up_at is not None for a in att)
        attendance_pts = min(came * 20 + made_up * 10 - max(missed - made_up, 0) * 10, 400)
        posts = sum(
            d.member_id == mid
            and d.branch_id == branch_id
            and d.state == "confirmed"
            and d.source == "post"
            and first <= d.day < last
            for d in duties
        )
        duty_pts = min(posts * 30, 300)
        done = [
            r
            for r in requests
            if r.taken_by_member_id == mid
            and r.branch_id == branch_id
            and r.state == "done"
            and r.done_at is not None
            and start <= r.done_at < end
        ]
        stars_over = sum((r.rating - 3) for r in done if r.rating is not None)
        res_pts = min(len(done) * 20 + stars_over * 10, 200)
        halves = sum(
            h.halves
            for h in hours
            if h.member_id == mid
            and h.branch_id == branch_id
            and h.state == "approved"
            and h.day is not None
            and first <= h.day < last
        )
        hour_pts = min(halves * 5, 200)
        owed = [ln for ln in lines if ln.member_id == mid and ln.due is not None and ln.due > 0]
        on_time = 0
        for ln in owed:
            y, m = divmod(ln.month, 100)
            cutoff = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
            due = ln.due or Decimal(0)
            if ln.paid >= due and ln.paid_on is not None and ln.paid_on < cutoff:
                on_time += 1
        dues_pts = on_time * 10 - (len(owed) - on_time) * 10
        fix = sum(f.delta_tenths for f in fixes if f.member_id == mid and f.term == YEAR)
        totals[mid] = attendance_pts + duty_pts + res_pts + hour_pts + dues_pts + fix
    return totals


async def test_the_year_tally_equals_an_independent_count(fresh: Database) -> None:
    branch_id, ids = await _seed(fresh, random.Random(12))
    async with fresh.read() as s:
        outcome = await tally.compute(s, branch_id, TZ, Period(YEAR), NOW.date())
    expected = await _independent(fresh, branch_id, ids)
    got = {r.score.member_id: r.score.total for r in outcome.ranked}
    assert got == expected
    assert len(set(got.values())) > 5  # the data is varied enough to mean something
    # Ranked best first; shared places for equal totals.
    totals = [r.score.total for r in outcome.ranked]
    assert totals == sorted(totals, reverse=True)


async def test_the_tally_runs_once_and_tells_everyone_once(fresh: Database) -> None:
    branch_id, ids = await _seed(fresh, random.Random(3))
    async with fresh.transaction() as s:
        await World(s, NOW).member(branch_id, "书记", role="secretary")
    for _ in range(2):
        async with fresh.transaction() as s:
            await tally.tally_period(s, branch_id, Period(YEAR), NOW)
    async with fresh.read() as s:
        runs = list(await s.scalars(select(TallyRun).where(TallyRun.branch_id == branch_id)))
        keys = list(await s.scalars(select(Notice.key).where(Notice.branch_id == branch_id)))
    assert [r.period for r in runs] == [str(YEAR)] and runs[0].done_at is not None
    assert len(runs[0].result["ranking"]) == len(ids) + 1
    assert len(keys) == len(set(keys)) == len(ids) + 2  # every member, the secretary's too
    assert f"cards:tally:{branch_id}:{YEAR}:sec" in keys
    async with fresh.read() as s:
        count = await s.scalar(select(func.count()).select_from(TallyRun))
    assert count == 1
