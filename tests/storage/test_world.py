"""The world factory the demo and the tests build with writes what it says, on every backend."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.devtools.world import Person, build
from storage.db import Database
from storage.models.core import Branch, Member, PartyGroup, TgUser
from storage.models.hours import HoursRecord, TeamMember
from storage.models.meetings import Attendance, Meeting
from storage.models.posts import Post, PostClaim

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
LONG_AGO = NOW - timedelta(days=400)


async def test_a_branch_its_groups_accounts_and_members(fresh: Database) -> None:
    async with build(fresh, NOW) as w:
        branch = await w.branch("世界测试支部", settings={"dues": {}}, created=LONG_AGO)
        groups = await w.groups(branch, ["一组", "二组"])
        await w.account(5001, "老张", language="zh", branch_id=branch)
        sec = await w.member(branch, "老张", role="secretary", tg_id=5001, phone="13800000000")
        plain = await w.member(
            branch, "小王", category="employed", group_id=groups["二组"], status="pending"
        )
    assert sec == Person(sec.id, branch, None, "老张", "retired", "secretary", "active", 5001)
    assert (plain.group_id, plain.category, plain.status) == (groups["二组"], "employed", "pending")
    async with fresh.read() as s:
        row = await s.get(Branch, branch)
        assert row is not None
        assert (row.name, row.timezone, row.settings) == (
            "世界测试支部",
            "Asia/Shanghai",
            {"dues": {}},
        )
        assert row.created_at == row.updated_at == LONG_AGO
        names = await s.scalars(
            select(PartyGroup.name)
            .where(PartyGroup.branch_id == branch)
            .order_by(PartyGroup.position)
        )
        assert list(names) == ["一组", "二组"]
        account = await s.get(TgUser, 5001)
        assert account is not None and account.current_branch_id == branch
        assert account.started_at == NOW and account.language == "zh"
        member = await s.get(Member, sec.id)
        assert member is not None and member.tg_user_id == 5001 and member.phone == "13800000000"
        assert member.created_at == NOW


async def test_meetings_attendance_teams_and_hours(fresh: Database) -> None:
    async with build(fresh, NOW) as w:
        branch = await w.branch()
        a, b = await w.member(branch, "甲"), await w.member(branch, "乙")
        start = NOW - timedelta(days=3)
        meeting = await w.meeting(branch, "学习", start, type="lecture", closed_at=start)
        await w.attendance(meeting, a.id, "late", checked_in_at=start)
        team = await w.team(branch, "巡逻队", leaders=[a.id], members=[a.id, b.id])
        record = await w.hours_record(branch, b.id, date(2026, 3, 1), 4, team_id=team)
    async with fresh.read() as s:
        row = await s.get(Meeting, meeting)
        assert row is not None
        assert (row.type, row.audience, row.announce_at, row.closed_at) == (
            "lecture", "branch", start, start
        )  # fmt: skip
        assert row.announced_at is None and row.created_at == NOW
        seen = await s.scalar(select(Attendance).where(Attendance.meeting_id == meeting))
        assert seen is not None and (seen.member_id, seen.state) == (a.id, "late")
        people = await s.execute(
            select(TeamMember.member_id, TeamMember.leader).where(TeamMember.team_id == team)
        )
        assert sorted(people.all()) == sorted([(a.id, True), (b.id, False)])
        hours = await s.get(HoursRecord, record.id)
        assert hours is not None and (hours.state, hours.halves, hours.photos) == (
            "approved",
            4,
            [],
        )


async def test_a_post_and_its_holders(fresh: Database) -> None:
    async with build(fresh, NOW) as w:
        branch = await w.branch()
        a, b = await w.member(branch, "甲"), await w.member(branch, "乙")
        category = await w.post_category(branch, "助老助残", position=6)
        post = await w.post(branch, category, "助老员", term=2026, capacity=2, holders=[a.id, b.id])
    async with fresh.read() as s:
        row = await s.get(Post, post)
        assert row is not None and (row.category_id, row.capacity, row.term) == (category, 2, 2026)
        claims = await s.execute(
            select(PostClaim.member_id, PostClaim.claimed_at).where(PostClaim.post_id == post)
        )
        assert sorted(claims.all()) == sorted([(a.id, NOW), (b.id, NOW)])
