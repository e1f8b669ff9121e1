"""Redeeming binding links of officers' records, including links made before the rule."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.domain.links import LinkKind, new_token
from bot.domain.members import Role
from bot.services.identity import Actor
from bot.services.members import binding
from bot.services.members.access import Refusal, Refused
from bot.services.members.binding import BindProblem, Bound
from storage.db import Database
from storage.models.core import AuditEntry, Member
from storage.models.delivery import Delivery, Notice
from storage.models.members import Invite
from storage.repos import members as repo
from tests.storage.members.test_services import (
    NOW,
    _account,
    _actor,
    _record,
    _secretary,
    _tg,
)


async def _old_link(db: Database, record: Member, role: str, created_by: int) -> str:
    """A link row as the code before the fix could have left it."""
    token = new_token(LinkKind.BIND)
    async with db.transaction() as session:
        session.add(
            Invite(
                token=token,
                kind=LinkKind.BIND.value,
                branch_id=record.branch_id,
                role=role,
                member_id=record.id,
                expires_at=NOW + timedelta(days=30),
                max_uses=1,
                used=0,
                created_by=created_by,
                created_at=NOW,
            )
        )
    return token


async def _stranger(db: Database) -> Actor:
    tg_id = _tg()
    await _account(db, tg_id)
    return Actor(tg_id, "小号", "zh", False, (), None)


async def _bound_to(db: Database, record: Member) -> int | None:
    async with db.transaction() as session:
        row = await repo.member(session, record.id)
        assert row is not None
        return row.tg_user_id


async def test_links_made_before_the_rule_do_not_make_a_secretary(db: Database) -> None:
    branch, _ = await _secretary(db)
    committee_tg = _tg()
    await _account(db, committee_tg)
    await _record(db, branch.id, "委员", role="committee", tg_user_id=committee_tg)
    successor = await _record(db, branch.id, "接班人", role="secretary")
    # Handed to a committee member by the old code, for the secretary-role record itself ...
    by_committee = await _old_link(db, successor, "secretary", committee_tg)
    # ... or made while the record was a plain member, before it was promoted.
    promoted = await _record(db, branch.id, "新书记", role="member")
    before_promotion = await _old_link(db, promoted, "member", committee_tg)
    async with db.transaction() as session:
        row = await repo.member(session, promoted.id)
        assert row is not None
        row.role = "secretary"
    for record, token in ((successor, by_committee), (promoted, before_promotion)):
        person = await _stranger(db)
        async with db.transaction() as session:
            result = await binding.bind(session, person, token, NOW)
        assert result is BindProblem.NEEDS_SECRETARY
        assert await _bound_to(db, record) is None


async def test_binding_a_secretary_record_tells_the_other_secretaries(db: Database) -> None:
    branch, actor = await _secretary(db)
    successor = await _record(db, branch.id, "接班人", role="secretary")
    async with db.transaction() as session:
        issuer = binding.Issuer(actor.tg_id, branch.id, Role.SECRETARY)
        links = await binding.issue_links(
            session, [(successor, None)], issuer, NOW, binding.LinkUse.MEMBER_PAGE
        )
    heir = await _stranger(db)
    async with db.transaction() as session:
        bound = await binding.bind(session, heir, links[0].token, NOW)
    assert isinstance(bound, Bound) and bound.secretaries_told
    assert await _bound_to(db, successor) == heir.tg_id
    async with db.transaction() as session:
        notice = (
            await session.scalars(select(Notice).where(Notice.key.like(f"member:{successor.id}:%")))
        ).one()
        to = list(await session.scalars(select(Delivery).where(Delivery.notice_id == notice.id)))
    assert notice.kind == "member_bound" and "接班人" in notice.content["zh"]["text"]
    assert [d.chat_id for d in to] == [actor.tg_id]


async def test_binding_a_plain_member_tells_the_secretary(db: Database) -> None:
    """Issue 15: the secretary hears of every binding, not only of officers' records."""
    branch, actor = await _secretary(db)
    record = await _record(db, branch.id, "普通党员")
    person = await _stranger(db)
    async with db.transaction() as session:
        issuer = binding.Issuer(actor.tg_id, branch.id, Role.COMMITTEE)
        links = await binding.issue_links(
            session, [(record, None)], issuer, NOW, binding.LinkUse.UNBOUND_SHEET
        )
        bound = await binding.bind(session, person, links[0].token, NOW)
    assert isinstance(bound, Bound) and bound.secretaries_told


async def _audit(db: Database, branch_id: int) -> list[AuditEntry]:
    async with db.transaction() as session:
        rows = await session.scalars(
            select(AuditEntry)
            .where(AuditEntry.branch_id == branch_id, AuditEntry.action.in_(_LINK_ACTIONS))
            .order_by(AuditEntry.id)
        )
        return list(rows)


_LINK_ACTIONS = ("member.link", "members.links")


async def test_every_issue_of_binding_links_is_audited(db: Database) -> None:
    branch, secretary = await _secretary(db)
    tg_id = _tg()
    await _account(db, tg_id)
    me = await _record(db, branch.id, "委员", role="committee", tg_user_id=tg_id)
    committee = _actor(tg_id, me, branch)
    plain = await _record(db, branch.id, "普通党员")
    heir = await _record(db, branch.id, "接班人", role="secretary")
    async with db.transaction() as session:
        one = await binding.member_link(session, committee, plain.id, NOW)
        refused = await binding.member_link(session, committee, heir.id, NOW)
        sheet = await binding.unbound_links(session, committee, NOW)
        full = await binding.unbound_links(session, secretary, NOW)
    assert isinstance(one, binding.MemberLink)
    assert isinstance(refused, Refused) and refused.reason is Refusal.SECRETARY_LINK
    assert isinstance(sheet, binding.UnboundLinks) and sheet.withheld == 1
    assert [x.name for x in sheet.links] == ["普通党员"]
    assert isinstance(full, binding.UnboundLinks) and full.withheld == 0
    assert {x.name for x in full.links} == {"普通党员", "接班人"}
    rows = await _audit(db, branch.id)
    assert [(r.action, r.actor_tg_id) for r in rows] == [
        ("member.link", tg_id),
        ("members.links", tg_id),
        ("members.links", secretary.tg_id),
    ]
    assert rows[0].target == "member" and rows[0].target_id == plain.id
    assert (rows[1].after or {})["member_ids"] == [plain.id]
    assert sorted((rows[2].after or {})["member_ids"]) == sorted([plain.id, heir.id])
    assert {(r.after or {})["via"] for r in rows} == {"member_page", "unbound_sheet"}


async def test_issue_links_leaves_out_records_the_issuer_may_not_link(db: Database) -> None:
    """The one path for every sheet (after an import too) applies the rule itself."""
    branch, _ = await _secretary(db)
    plain = await _record(db, branch.id, "普通党员")
    officer = await _record(db, branch.id, "另一位委员", role="committee")
    async with db.transaction() as session:
        issuer = binding.Issuer(_tg(), branch.id, Role.COMMITTEE)
        members = [(plain, None), (officer, None)]
        links = await binding.issue_links(session, members, issuer, NOW, binding.LinkUse.IMPORT)
    assert [x.member_id for x in links] == [plain.id]
