"""A deletion keeps the rows the branch must keep (dues ledger, attendance) under a made-up
name and clears what it need not keep (phone, work unit, binding, free text)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from bot.devtools.world import World
from bot.services.privacy.requests import anonymise
from storage.db import Database
from storage.models.core import AuditEntry, Member, TgUser
from storage.models.dues import DuesLine
from storage.models.meetings import Attendance, LeaveRequest
from storage.repos import core as core_repo
from storage.repos import privacy as repo

NOW = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


async def test_anonymise_keeps_ledger_and_attendance_and_clears_the_rest(fresh: Database) -> None:
    async with fresh.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("匿名测试支部")
        await w.account(424242, "老马", username="ma", started=False)
        await core_repo.accept_privacy(s, 424242, "老马", NOW)
        member = await w.member(
            branch, "马国庆", tg_id=424242, phone="13800000001", work_unit="区医院"
        )
        starts = NOW - timedelta(days=3)
        meeting = await w.meeting(branch, "学习", starts, type="study", audience="all")
        await w.attendance(meeting, member.id)
        s.add(
            LeaveRequest(
                meeting_id=meeting, member_id=member.id, reason="住院复查", requested_at=starts
            )
        )
        s.add(DuesLine(branch_id=branch, member_id=member.id, month=202602, paid=Decimal("5")))
        member_id = member.id
    async with fresh.transaction() as s:
        record = await s.get(Member, member_id)
        assert record is not None
        await anonymise(s, record, 1, NOW)
    async with fresh.read() as s:
        record = await s.get(Member, member_id)
        assert record is not None
        assert record.name == f"已删除成员{member_id}"
        assert (record.phone, record.work_unit, record.tg_user_id) == (None, None, None)
        assert record.status == "archived"
        attendance = list(
            await s.scalars(select(Attendance).where(Attendance.member_id == member_id))
        )
        assert [a.state for a in attendance] == ["present"]
        leave = list(
            await s.scalars(select(LeaveRequest).where(LeaveRequest.member_id == member_id))
        )
        assert len(leave) == 1 and leave[0].reason == ""
        line = await s.scalar(select(DuesLine).where(DuesLine.member_id == member_id))
        assert line is not None and line.paid == Decimal("5")
        account = await s.get(TgUser, 424242)
        assert account is not None and account.first_name == "" and account.username is None
        assert account.privacy_accepted_at is None
        # Exported data of the kept record no longer names the person.
        rows = await repo.subject_rows(s, member_id, {"member_id"})
        assert "住院复查" not in repr(rows) and "马国庆" not in repr(rows)


async def test_anonymise_rewrites_older_audit_rows_about_the_person(fresh: Database) -> None:
    async with fresh.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("审计匿名支部")
        member = await w.member(branch, "牛建华", phone="13900002222")
        core_repo.audit(
            s,
            branch_id=branch,
            actor_tg_id=7,
            action="member.edit",
            before={"name": "牛建华", "phone": "13900002222", "group_id": 3},
            after={"name": "牛建华", "phone": "13900003333", "note": "牛建华 的新号"},
            target="member",
            target_id=member.id,
            now=NOW,
        )
        core_repo.audit(
            s,
            branch_id=branch,
            actor_tg_id=7,
            action="member.approve",
            after={"summary": "批准 牛建华 入支部", "work_unit": "区医院"},
            target="member",
            target_id=member.id,
            now=NOW,
        )
        # Rows filed against other records that mention the person, and one that does not.
        core_repo.audit(
            s,
            branch_id=branch,
            actor_tg_id=7,
            action="posts.post.assign",
            after={"name": "楼道保洁员", "holders": ["牛建华", "庞秀英"]},
            target="post",
            target_id=11,
            now=NOW,
        )
        core_repo.audit(
            s,
            branch_id=branch,
            actor_tg_id=7,
            action="residents.request.assign",
            before={"contact": "13900002222"},
            after={"name": "帮忙买菜", "who": "庞秀英"},
            target="request",
            target_id=12,
            now=NOW,
        )
        core_repo.audit(
            s,
            branch_id=branch,
            actor_tg_id=7,
            action="posts.post.edit",
            after={"name": "楼道保洁员", "holders": ["庞秀英"]},
            target="post",
            target_id=13,
            now=NOW,
        )
        member_id = member.id
    async with fresh.transaction() as s:
        record = await s.get(Member, member_id)
        assert record is not None
        await anonymise(s, record, 1, NOW)
    label = f"已删除成员{member_id}"
    async with fresh.read() as s:
        others = {
            r.target_id: (r.before, r.after)
            for r in await s.scalars(select(AuditEntry).where(AuditEntry.target != "member"))
        }
    assert others[11] == (None, {"name": "楼道保洁员", "holders": [label, "庞秀英"]})
    assert others[12] == ({"contact": ""}, {"name": "帮忙买菜", "who": "庞秀英"})
    assert others[13] == (None, {"name": "楼道保洁员", "holders": ["庞秀英"]})
    async with fresh.read() as s:
        rows = list(await s.scalars(select(AuditEntry).where(AuditEntry.target_id == member_id)))
    edit = next(r for r in rows if r.action == "member.edit")
    assert edit.before == {"name": label, "group_id": 3}
    assert edit.after == {"name": label}
    approve = next(r for r in rows if r.action == "member.approve")
    assert approve.after == {"summary": f"批准 {label} 入支部"}
    text = repr([(r.before, r.after) for r in rows])
    assert "牛建华" not in text and "1390000" not in text and "区医院" not in text
    assert any(r.action == "privacy.delete" for r in rows)
