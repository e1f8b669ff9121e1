"""The approval queue on a real database: idempotent submit, scope, one decision only."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.devtools.world import World
from bot.domain.members.roles import Permission
from bot.kernel import approvals
from bot.kernel.approvals import ApprovalItem, ApprovalState, Decided, Refusal
from storage.db import Database
from storage.models.core import AuditEntry

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


async def _branch(db: Database) -> dict[str, int]:
    async with db.transaction() as s:
        w = World(s, NOW)
        branch = await w.branch("审批测试支部")
        groups = await w.groups(branch, ["一组", "二组"])
        g1, g2 = groups["一组"], groups["二组"]
        people = {
            "secretary": ("secretary", None),
            "committee": ("committee", None),
            "leader1": ("group_leader", g1),
            "leader2": ("group_leader", g2),
            "member1": ("member", g1),
        }
        ids: dict[str, int] = {"branch": branch}
        for name, (role, group) in people.items():
            ids[name] = (await w.member(branch, name, role=role, group_id=group)).id
        return ids


async def _submit(db: Database, ids: dict[str, int], who: str, subject: int) -> ApprovalItem:
    async with db.transaction() as s:
        return await approvals.submit(
            s,
            branch_id=ids["branch"],
            kind="test_leave",
            subject_id=subject,
            requester_member_id=ids[who],
            permission=Permission.APPROVE_LEAVE,
            summary="  请假  3月2日 ",
            now=NOW,
        )


async def test_submit_twice_is_one_request_and_lists_for_the_right_officers(db: Database) -> None:
    ids = await _branch(db)
    first = await _submit(db, ids, "member1", 1)
    again = await _submit(db, ids, "member1", 1)
    assert first.id == again.id and first.summary == "请假 3月2日"
    async with db.transaction() as s:
        mine = {
            who: [i.id for i in await approvals.pending_for(s, ids[who])]
            for who in ("secretary", "leader1", "leader2", "member1")
        }
        told = await approvals.deciders(s, first)
    assert mine == {"secretary": [first.id], "leader1": [first.id], "leader2": [], "member1": []}
    assert told == [ids["leader1"]]


async def test_nobody_decides_their_own_request(db: Database) -> None:
    ids = await _branch(db)
    item = await _submit(db, ids, "secretary", 2)
    applied: list[bool] = []

    async def apply(_s: AsyncSession, _item: ApprovalItem, approved: bool) -> None:
        applied.append(approved)

    async with db.transaction() as s:
        own = await approvals.decide(
            s,
            item_id=item.id,
            kind=item.kind,
            decider_member_id=ids["secretary"],
            approve=True,
            reason=None,
            now=NOW,
            apply=apply,
        )
        leader = await approvals.decide(
            s,
            item_id=item.id,
            kind=item.kind,
            decider_member_id=ids["leader1"],
            approve=True,
            reason=None,
            now=NOW,
            apply=apply,
        )
        assert await approvals.deciders(s, item) == [ids["committee"]]
    assert own is Refusal.SELF and leader is Refusal.NOT_ALLOWED and applied == []


async def test_two_officers_at_once_decide_once_with_one_audit_row(db: Database) -> None:
    ids = await _branch(db)
    item = await _submit(db, ids, "member1", 3)
    applied: list[bool] = []

    async def apply(_s: AsyncSession, _item: ApprovalItem, approved: bool) -> None:
        applied.append(approved)

    async def press(who: str, approve: bool) -> Decided | Refusal:
        async with db.transaction() as s:
            return await approvals.decide(
                s,
                item_id=item.id,
                kind=item.kind,
                decider_member_id=ids[who],
                approve=approve,
                reason="不符合" if not approve else None,
                now=NOW,
                apply=apply,
            )

    results = await asyncio.gather(press("secretary", True), press("committee", False))
    decided = [r for r in results if isinstance(r, Decided)]
    assert len(decided) == 1 and len(applied) == 1
    assert Refusal.ALREADY_DECIDED in results
    async with db.transaction() as s:
        audits = await s.scalar(
            select(func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.target == "approval", AuditEntry.target_id == item.id)
        )
        assert audits == 1
        assert await approvals.pending_for(s, ids["secretary"]) == []


async def test_declined_can_be_submitted_again_and_withdrawn_only_by_the_requester(
    db: Database,
) -> None:
    ids = await _branch(db)
    item = await _submit(db, ids, "member1", 4)

    async def apply(_s: AsyncSession, _item: ApprovalItem, _approved: bool) -> None:
        return None

    async with db.transaction() as s:
        declined = await approvals.decide(
            s,
            item_id=item.id,
            kind=item.kind,
            decider_member_id=ids["leader1"],
            approve=False,
            reason="时间冲突",
            now=NOW,
            apply=apply,
        )
    assert isinstance(declined, Decided) and declined.item.reason == "时间冲突"
    again = await _submit(db, ids, "member1", 4)
    assert again.id == item.id and again.state is ApprovalState.PENDING and again.reason is None
    async with db.transaction() as s:
        other = await approvals.withdraw(
            s, item_id=item.id, requester_member_id=ids["leader1"], now=NOW
        )
        mine = await approvals.withdraw(
            s, item_id=item.id, requester_member_id=ids["member1"], now=NOW
        )
    assert other is Refusal.NOT_REQUESTER
    assert isinstance(mine, ApprovalItem) and mine.state is ApprovalState.WITHDRAWN


async def test_an_officer_of_another_branch_finds_nothing(db: Database) -> None:
    ids = await _branch(db)
    other = await _branch(db)
    item = await _submit(db, ids, "member1", 5)

    async def apply(_s: AsyncSession, _item: ApprovalItem, _approved: bool) -> None:
        return None

    async with db.transaction() as s:
        refused = await approvals.decide(
            s,
            item_id=item.id,
            kind=item.kind,
            decider_member_id=other["secretary"],
            approve=True,
            reason=None,
            now=NOW,
            apply=apply,
        )
        assert await approvals.pending_for(s, other["secretary"]) == []
    assert refused is Refusal.NOT_FOUND


async def test_a_request_of_another_kind_is_not_found(db: Database) -> None:
    """Buttons carry only an id: one feature's button must not decide another's request."""
    ids = await _branch(db)
    item = await _submit(db, ids, "member1", 6)
    applied: list[bool] = []

    async def apply(_s: AsyncSession, _item: ApprovalItem, approved: bool) -> None:
        applied.append(approved)

    async with db.transaction() as s:
        refused = await approvals.decide(
            s,
            item_id=item.id,
            kind="dues_basis",
            decider_member_id=ids["secretary"],
            approve=True,
            reason=None,
            now=NOW,
            apply=apply,
        )
        assert [i.id for i in await approvals.pending_for(s, ids["secretary"])] == [item.id]
    assert refused is Refusal.NOT_FOUND and applied == []
