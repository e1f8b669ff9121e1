"""Year-end tally and the four-card .xlsx for a branch of 10,000 members with a year of records.

    .venv/bin/python -m bench.cards [--members 10000] [--pg]

Seeds in bulk (core INSERTs, not the ORM): 24 meetings with everyone's attendance, duty
records, residents' requests with ratings, volunteer hours, twelve months of dues, feedback and
corrections; then times the set-based tally (ranking, candidates, fell short), the tally run
with its notices (the secretary's and one per member, through the outbox), and the .xlsx of all
four cards. Prints each figure beside its target; peak RSS is the whole process's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from bench.broadcast_seed import drop_database, new_database
from bot.domain.cards.periods import Period
from bot.services.cards import tally
from bot.services.cards.export import export
from storage import migrate
from storage.db import Database
from storage.models.cards import FeedbackEntry, ScoreCorrection
from storage.models.core import Branch, Member, PartyGroup
from storage.models.dues import DuesLine
from storage.models.hours import HoursRecord
from storage.models.meetings import Attendance, Meeting
from storage.models.posts import DutyRecord
from storage.models.residents import ResidentRequest

TZ = "Asia/Shanghai"
YEAR = 2026
NOW = datetime(YEAR + 1, 1, 2, 2, 0, tzinfo=UTC)
TARGET_TALLY_S = 5.0
TARGET_EXPORT_S = 10.0
TARGET_RSS_MB = 300.0
CHUNK = 5_000
STATES = ("present", "present", "present", "late", "leave_approved", "absent")


async def _bulk(db: Database, model: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), CHUNK):
        async with db.transaction() as s:
            await s.execute(insert(model), rows[i : i + CHUNK])


async def seed(db: Database, n: int, rng: random.Random) -> int:
    now = NOW
    async with db.transaction() as s:
        branch = Branch(name="基准社区党支部", timezone=TZ, settings={})
        s.add(branch)
        await s.flush()
        groups = [PartyGroup(branch_id=branch.id, name=f"第{i + 1}党小组") for i in range(20)]
        s.add_all(groups)
        await s.flush()
        branch_id, group_ids = branch.id, [g.id for g in groups]
    stamp = {"created_at": now, "updated_at": now}
    await _bulk(
        db,
        Member,
        [
            {
                "branch_id": branch_id,
                "group_id": group_ids[i % len(group_ids)],
                "name": f"党员{i:05d}",
                "category": "employed" if i % 5 == 0 else "retired",
                "role": "secretary" if i == 0 else "member",
                "status": "active",
                "joined_party_on": date(1960 + i % 60, 7, 1),
                **stamp,
            }
            for i in range(n)
        ],
    )
    async with db.read() as s:
        ids = list(await s.scalars(select(Member.id).where(Member.branch_id == branch_id)))
    starts = [datetime(YEAR, m, d, 1, 0, tzinfo=UTC) for m in range(1, 13) for d in (10, 26)]
    await _bulk(
        db,
        Meeting,
        [
            {
                "branch_id": branch_id,
                "type": "branch",
                "title": f"会{i}",
                "audience": "all",
                "starts_at": at,
                "announce_at": at,
                "status": "closed",
                "version": 1,
                **stamp,
            }
            for i, at in enumerate(starts)
        ],
    )
    async with db.read() as s:
        meeting_ids = list(
            await s.scalars(select(Meeting.id).where(Meeting.branch_id == branch_id))
        )
    attendance = []
    for mid in meeting_ids:
        for member in ids:
            state = rng.choice(STATES)
            made = now if state == "absent" and rng.random() < 0.5 else None
            attendance.append(
                {
                    "meeting_id": mid,
                    "member_id": member,
                    "state": state,
                    "by_proxy": False,
                    "made_up_at": made,
                    **stamp,
                }
            )
    await _bulk(db, Attendance, attendance)
    del attendance
    day0 = date(YEAR, 1, 1)
    duties: list[dict[str, Any]] = []
    hours: list[dict[str, Any]] = []
    requests: list[dict[str, Any]] = []
    dues: list[dict[str, Any]] = []
    for member in ids:
        for _ in range(3):
            duties.append(
                {
                    "branch_id": branch_id,
                    "member_id": member,
                    "source": "post",
                    "state": rng.choice(("confirmed", "confirmed", "pending")),
                    "day": day0 + timedelta(days=rng.randint(0, 364)),
                    "what": "值守",
                    "halves": 0,
                    "photos": [],
                    **stamp,
                }
            )
        for _ in range(5):
            hours.append(
                {
                    "branch_id": branch_id,
                    "member_id": member,
                    "source": "report",
                    "state": "approved",
                    "day": day0 + timedelta(days=rng.randint(0, 364)),
                    "halves": rng.randint(1, 8),
                    "photos": [],
                    "flagged": False,
                    **stamp,
                }
            )
        done = datetime(YEAR, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 8000))
        requests.append(
            {
                "branch_id": branch_id,
                "resident_tg_id": 1,
                "text": "求助",
                "state": "done",
                "taken_by_member_id": member,
                "done_at": done,
                "rating": rng.randint(1, 5),
                "photos": [],
                "address": "",
                **stamp,
            }
        )
        for month in range(1, 13):
            paid_on = date(YEAR, month, 1) + timedelta(days=rng.randint(0, 40))
            dues.append(
                {
                    "branch_id": branch_id,
                    "member_id": member,
                    "month": YEAR * 100 + month,
                    "due": Decimal("2.00"),
                    "paid": Decimal("2.00"),
                    "paid_on": paid_on,
                    "created_at": now,
                    "updated_at": now,
                }
            )
    await _bulk(db, DutyRecord, duties)
    await _bulk(db, HoursRecord, hours)
    await _bulk(db, ResidentRequest, requests)
    await _bulk(db, DuesLine, dues)
    await _bulk(
        db,
        FeedbackEntry,
        [
            {
                "branch_id": branch_id,
                "member_id": m,
                "term": YEAR,
                "source": "secretary",
                "author_name": "书记",
                "rating": rng.randint(3, 5),
                "comment": "表现良好",
                **stamp,
            }
            for m in ids[::3]
        ],
    )
    await _bulk(
        db,
        ScoreCorrection,
        [
            {
                "branch_id": branch_id,
                "member_id": m,
                "term": YEAR,
                "item": "duties",
                "delta_tenths": 10,
                "reason": "补录",
                **stamp,
            }
            for m in ids[::50]
        ],
    )
    return branch_id


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def main(members: int, pg: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        url = await new_database(pg, Path(tmp))
        db = Database(url)
        try:
            await migrate.upgrade(db.engine)
            started = time.perf_counter()
            branch_id = await seed(db, members, random.Random(7))
            print(
                f"seeded {members} members and a year of records in "
                f"{time.perf_counter() - started:.1f} s"
            )
            started, cpu = time.perf_counter(), time.process_time()
            async with db.read() as s:
                outcome = await tally.compute(s, branch_id, TZ, Period(YEAR), NOW.date())
            tally_s, tally_cpu = time.perf_counter() - started, time.process_time() - cpu
            started = time.perf_counter()
            async with db.transaction() as s:
                run = await tally.tally_period(s, branch_id, Period(YEAR), NOW)
            run_s = time.perf_counter() - started
            assert run is not None
            started, cpu = time.perf_counter(), time.process_time()
            async with db.read() as s:
                _name, data = await export(s, branch_id, Period(YEAR), "zh", NOW)
            export_s, export_cpu = time.perf_counter() - started, time.process_time() - cpu
            rss = _rss_mb()
        finally:
            await db.close()
            await drop_database(url)
    backend = "PostgreSQL" if pg else "SQLite"
    print(
        f"backend: {backend}; members ranked: {len(outcome.ranked)}; "
        f"candidates: {len(outcome.candidates)}; fell short: {len(outcome.short)}"
    )
    # Wall time on a shared machine depends on its load: CPU seconds show the work itself.
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(
        f"tally (set-based ranking)     {tally_s:6.2f} s   target < {TARGET_TALLY_S:.0f} s"
        f"   (CPU {tally_cpu:.2f} s)"
    )
    print(
        f"export (.xlsx, four cards)    {export_s:6.2f} s   target < {TARGET_EXPORT_S:.0f} s"
        f"   (CPU {export_cpu:.2f} s; {len(data) / 1e6:.1f} MB)"
    )
    print(f"peak RSS                      {rss:6.0f} MB  target < {TARGET_RSS_MB:.0f} MB")
    print(
        f"(for information) tally run with {len(outcome.ranked) + 1} outbox notices: {run_s:.2f} s"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=10_000)
    parser.add_argument("--pg", action="store_true", help="PostgreSQL instead of SQLite")
    args = parser.parse_args()
    asyncio.run(main(args.members, args.pg))
