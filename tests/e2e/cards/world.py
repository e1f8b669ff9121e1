"""A branch with a year of records for the cards tests, built on the meetings world."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import func, select

from bot.devtools import world as factory
from bot.sandbox.client import SandboxUser
from storage.models.cards import FeedbackEntry, ScoreCorrection
from storage.models.core import AuditEntry, Member
from storage.models.dues import DuesLine
from storage.models.posts import CommunityReport, DutyRecord
from storage.models.residents import ResidentRequest
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import SECRETARY, Person, World, make_world

__all__ = ["NOW", "CardsWorld", "cards_world"]

# 10:00 on 1 Dec 2026 in Shanghai: late in the term, so the year has records.
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)

PEOPLE = [
    SECRETARY,
    Person("王阿姨", group="第一党小组"),
    Person("李大爷", group="第二党小组"),
    Person("组长老刘", group="第一党小组", role="group_leader"),
    Person("小钱", group="第一党小组", category="employed"),
]


@dataclass
class CardsWorld:
    world: World
    outsider_id: int  # a member of another branch

    def user(self, name: str) -> SandboxUser:
        return self.world.user(name)

    @property
    def ids(self) -> dict[str, int]:
        return self.world.ids

    async def count(self, model: type, **where: object) -> int:
        async with self.world.harness.data.db.read() as s:
            query = select(func.count()).select_from(model)
            for key, value in where.items():
                query = query.where(getattr(model, key) == value)
            return int(await s.scalar(query) or 0)

    async def feedback(self, name: str) -> list[FeedbackEntry]:
        async with self.world.harness.data.db.read() as s:
            rows = await s.scalars(
                select(FeedbackEntry)
                .where(FeedbackEntry.member_id == self.ids[name])
                .order_by(FeedbackEntry.id)
            )
            return list(rows)

    async def corrections(self) -> list[ScoreCorrection]:
        async with self.world.harness.data.db.read() as s:
            return list(await s.scalars(select(ScoreCorrection).order_by(ScoreCorrection.id)))

    async def audit_actions(self) -> list[str]:
        async with self.world.harness.data.db.read() as s:
            rows = await s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.branch_id == self.world.branch_id)
                .order_by(AuditEntry.id)
            )
            return [a for a in rows if a.startswith("cards.")]


async def cards_world(h: Harness) -> CardsWorld:
    """The branch, with a year of records for 王阿姨 and a community report for 小钱."""
    h.clock.set(NOW)
    w = await make_world(h, PEOPLE)
    wang, qian = w.ids["王阿姨"], w.ids["小钱"]
    async with h.data.db.transaction() as s:
        f = factory.World(s, NOW)
        b = w.branch_id
        for m in await s.scalars(select(Member).where(Member.branch_id == b)):
            m.joined_party_on = date(1990, 7, 1)
        at = datetime(2026, 6, 26, 1, 0, tzinfo=UTC)
        # Past meetings as the meetings feature leaves them (announced, closed), so its tick,
        # running over the shared test database, finds nothing to do with them.
        meeting, missed, old = [
            await f.meeting(b, title, when, announced_at=when, closed_at=when)
            for title, when in (
                ("主题党日", at),
                ("党课", at.replace(month=7)),
                ("去年党课", at.replace(year=2025)),
            )
        ]
        await f.attendance(meeting, wang, "present")
        await f.attendance(missed, wang, "absent", made_up_at=at)
        await f.attendance(old, wang, "present")
        await f.attendance(old, qian, "present")
        cat = await f.post_category(b, "助老助残")
        post = await f.post(b, cat, "楼道助老员", term=2026, holders=[wang], claimed_at=at)
        s.add(
            DutyRecord(
                branch_id=b,
                member_id=wang,
                post_id=post,
                state="confirmed",
                day=date(2026, 6, 27),
                what="帮独居老人买菜",
            )
        )
        s.add(
            DutyRecord(
                branch_id=b,
                member_id=wang,
                post_id=post,
                state="pending",
                day=date(2026, 6, 28),
                what="待确认",
            )
        )
        s.add(
            ResidentRequest(
                branch_id=b,
                resident_tg_id=42,
                text="楼道灯坏了",
                state="done",
                taken_by_member_id=wang,
                done_at=at,
                rating=5,
                rating_comment="来得很快，谢谢",
                rated_at=at,
            )
        )
        await f.hours_record(b, wang, date(2026, 6, 26), 4)
        await f.team(b, "社区环保队", members=[wang])
        s.add(
            DuesLine(
                branch_id=b,
                member_id=wang,
                month=202606,
                due=Decimal("2.00"),
                paid=Decimal("2.00"),
                paid_on=date(2026, 6, 5),
            )
        )
        s.add(
            CommunityReport(
                member_id=qian,
                branch_id=b,
                unit_name="区人民医院",
                unit_party_branch="区人民医院第三党支部",
                reported_at=at,
            )
        )
        other = await f.branch("别的支部")
        outsider = await f.member(other, "外人")
        return CardsWorld(w, outsider.id)
