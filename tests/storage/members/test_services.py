"""Members use cases on both backends, for the cases a chat test reaches only slowly."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from bot.domain.members import Category, MemberError, MemberStatus, Role
from bot.domain.members.roster import RawRow, RosterParse
from bot.services.identity import Actor, Membership
from bot.services.members import binding, editing, onboarding, roles, roster
from bot.services.members.access import Refused
from bot.services.members.binding import Bound
from bot.services.members.onboarding import Decided, Decision
from bot.services.members.roles import Changed, StatusProblem
from storage.db import Database
from storage.models.core import Branch, Member, TgUser
from storage.repos import members as repo

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


def _tg() -> int:
    return int(uuid.uuid4().int % 10**12) + 2 * 10**12


async def _account(db: Database, tg_id: int) -> None:
    async with db.transaction() as session:
        session.add(TgUser(id=tg_id, first_name="x", created_at=NOW, updated_at=NOW))


async def _record(db: Database, branch_id: int, name: str, **fields: object) -> Member:
    values: dict[str, object] = {"status": "active", "role": "member", "category": "direct"}
    values |= fields
    async with db.transaction() as session:
        return await repo.add_member(
            session,
            Member(branch_id=branch_id, name=name, created_at=NOW, updated_at=NOW, **values),
        )


async def _secretary(db: Database) -> tuple[Branch, Actor]:
    async with db.transaction() as session:
        branch = await repo.add_branch(session, f"支部{uuid.uuid4().hex[:8]}", None, "UTC", NOW)
    tg_id = _tg()
    await _account(db, tg_id)
    me = await _record(db, branch.id, "书记", role="secretary", tg_user_id=tg_id)
    return branch, _actor(tg_id, me, branch)


def _actor(tg_id: int, record: Member, branch: Branch) -> Actor:
    membership = Membership(
        record.id,
        branch.id,
        branch.name,
        "UTC",
        record.group_id,
        record.name,
        record.category,
        record.role,
        record.status,
    )
    return Actor(tg_id, record.name, "zh", False, (membership,), membership)


async def test_the_last_secretary_and_oneself_cannot_be_removed(db: Database) -> None:
    branch, actor = await _secretary(db)
    own_id = actor.memberships[0].member_id
    other = await _record(db, branch.id, "甲")
    async with db.transaction() as session:
        assert (
            await roles.set_status(session, actor, own_id, MemberStatus.ARCHIVED, "x", NOW)
            is StatusProblem.SELF
        )
        assert (
            await roles.set_status(session, actor, other.id, MemberStatus.ARCHIVED, "  ", NOW)
            is StatusProblem.REASON_REQUIRED
        )
        assert (
            await roles.set_status(session, actor, other.id, MemberStatus.PENDING, "x", NOW)
            is StatusProblem.TRANSITION
        )
        changed = await roles.set_status(
            session, actor, other.id, MemberStatus.TRANSFERRED, " 转往 街道 ", NOW
        )
        assert isinstance(changed, Changed) and changed.status == "transferred"
    async with db.transaction() as session:
        row = await repo.member(session, other.id)
        assert row is not None and row.status_reason == "转往 街道"


async def test_dates_must_fit_the_category(db: Database) -> None:
    branch, actor = await _secretary(db)
    young = await _record(db, branch.id, "乙", category="probationary")
    async with db.transaction() as session:
        full = editing.EditField.FULL
        assert await editing.edit_field(session, actor, young.id, full, "2020-07-01", NOW) is (
            MemberError.PROBATIONARY_HAS_FULL_DATE
        )
        joined = editing.EditField.JOINED
        assert await editing.edit_field(session, actor, young.id, joined, "明天", NOW) is (
            MemberError.JOINED_DATE_INVALID
        )
        ok = await editing.edit_field(session, actor, young.id, joined, "2025年7月1日", NOW)
        assert not isinstance(ok, Refused | MemberError) and ok.changes
        assert await editing.set_category(session, actor, young.id, Category.ACTIVIST, NOW) is (
            MemberError.ACTIVIST_HAS_DATES
        )


async def test_rows_added_between_preview_and_confirm_are_skipped(db: Database) -> None:
    branch, actor = await _secretary(db)
    parsed = RosterParse([RawRow(2, name="丙"), RawRow(3, name="丁", phone="13800001111")])
    async with db.transaction() as session:
        preview = await roster.preview(session, actor, parsed, filename="a.csv", now=NOW)
    assert not isinstance(preview, Refused) and preview.key and preview.good == 2
    await _record(db, branch.id, "丁", phone="13800001111")
    async with db.transaction() as session:
        done = await roster.confirm(session, actor, preview.key, NOW)
    assert isinstance(done, roster.Imported)
    assert [x.name for x in done.links] == ["丙"] and done.skipped == ["丁"]
    async with db.transaction() as session:
        again = await roster.confirm(session, actor, preview.key, NOW)
    assert again is roster.ImportProblem.DONE


async def test_two_secretaries_deciding_at_once_decide_once(db: Database) -> None:
    branch, first = await _secretary(db)
    tg_two = _tg()
    await _account(db, tg_two)
    second_row = await _record(db, branch.id, "副书记", role="secretary", tg_user_id=tg_two)
    second = _actor(tg_two, second_row, branch)
    applicant_tg = _tg()
    await _account(db, applicant_tg)
    applicant = await _record(db, branch.id, "申请人", status="pending", tg_user_id=applicant_tg)

    async def decide(actor: Actor, approve: bool) -> Decided | Refused:
        async with db.transaction() as session:
            return await onboarding.decide(session, actor, applicant.id, approve=approve, now=NOW)

    results = await asyncio.gather(decide(first, True), decide(second, False))
    decisions = sorted(r.decision.value for r in results if isinstance(r, Decided))
    assert decisions[0] == Decision.ALREADY.value and len(decisions) == 2
    assert decisions[1] in (Decision.APPROVED.value, Decision.REJECTED.value)


async def test_binding_replaces_a_pending_application(db: Database) -> None:
    branch, actor = await _secretary(db)
    person = _tg()
    await _account(db, person)
    application = await _record(db, branch.id, "戊", status="pending", tg_user_id=person)
    record = await _record(db, branch.id, "戊", phone="13800002222")
    async with db.transaction() as session:
        issuer = binding.Issuer(actor.tg_id, branch.id, Role.SECRETARY)
        links = await binding.issue_links(
            session, [(record, None)], issuer, NOW, binding.LinkUse.IMPORT
        )
    stranger = Actor(person, "戊", "zh", False, (), None)
    async with db.transaction() as session:
        bound = await binding.bind(session, stranger, links[0].token, NOW)
    assert isinstance(bound, Bound) and not bound.already
    async with db.transaction() as session:
        old = await repo.member(session, application.id)
        new = await repo.member(session, record.id)
        assert old is not None and (old.status, old.tg_user_id) == ("rejected", None)
        assert new is not None and new.tg_user_id == person
