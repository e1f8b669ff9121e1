"""Members queries on both backends: one-statement link use, binding once, paging, search."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import IntegrityError

from storage.db import Database
from storage.models.core import Member, TgUser
from storage.models.members import Invite, RosterImport
from storage.repos import members as repo
from storage.repos.members import MemberFilter

NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)


async def _branch(
    db: Database, groups: tuple[str, ...] = ("一组", "二组")
) -> tuple[int, list[int]]:
    async with db.transaction() as session:
        branch = await repo.add_branch(session, f"支部{uuid.uuid4().hex[:8]}", None, "UTC", NOW)
        made = await repo.add_groups(session, branch.id, groups, NOW)
        return branch.id, [g.id for g in made]


async def _member(db: Database, branch_id: int, name: str, **fields: object) -> int:
    async with db.transaction() as session:
        values: dict[str, object] = {"status": "active", **fields}
        row = await repo.add_member(
            session,
            Member(
                branch_id=branch_id,
                name=name,
                category="direct",
                role="member",
                created_at=NOW,
                updated_at=NOW,
                **values,
            ),
        )
        return row.id


async def _user(db: Database) -> int:
    tg_id = int(uuid.uuid4().int % 10**12) + 10**12
    async with db.transaction() as session:
        session.add(TgUser(id=tg_id, first_name="x", created_at=NOW, updated_at=NOW))
    return tg_id


async def _invite(db: Database, branch_id: int, **fields: object) -> int:
    async with db.transaction() as session:
        row = await repo.add_invite(
            session,
            Invite(
                token=f"i_{uuid.uuid4().hex}",
                kind="i",
                branch_id=branch_id,
                role="member",
                used=0,
                created_at=NOW,
                **fields,
            ),
        )
        return row.id


async def _consume(db: Database, invite_id: int, when: datetime = NOW) -> bool:
    async with db.transaction() as session:
        return await repo.consume_invite(session, invite_id, when)


async def test_single_use_link_is_used_once_under_concurrency(db: Database) -> None:
    branch_id, _ = await _branch(db)
    invite_id = await _invite(db, branch_id, max_uses=1, expires_at=NOW + timedelta(days=1))
    results = await asyncio.gather(*(_consume(db, invite_id) for _ in range(8)))
    assert results.count(True) == 1
    async with db.transaction() as session:
        row = await repo.invite(session, invite_id)
        assert row is not None and row.used == 1


async def test_expired_or_revoked_links_are_not_consumed(db: Database) -> None:
    branch_id, _ = await _branch(db)
    expired = await _invite(db, branch_id, expires_at=NOW)
    revoked = await _invite(db, branch_id, revoked_at=NOW)
    open_ended = await _invite(db, branch_id)
    assert not await _consume(db, expired)
    assert not await _consume(db, revoked)
    assert await _consume(db, open_ended) and await _consume(db, open_ended)
    async with db.transaction() as session:
        usable = await repo.usable_invites(session, branch_id, "i", NOW)
        assert [i.id for i in usable] == [open_ended]


async def test_a_record_is_bound_once_and_an_account_once_per_branch(db: Database) -> None:
    branch_id, _ = await _branch(db)
    first = await _member(db, branch_id, "甲")
    second = await _member(db, branch_id, "乙")
    one, two = await _user(db), await _user(db)

    async def bind(member_id: int, tg_id: int) -> bool:
        async with db.transaction() as session:
            return await repo.bind_member(session, member_id, tg_id)

    assert sorted(await asyncio.gather(bind(first, one), bind(first, two))) == [False, True]
    try:
        await bind(second, await _bound_to(db, first))
    except IntegrityError:
        pass  # the unique (branch, account) constraint is the last line of defence
    else:
        raise AssertionError("one account was bound to two records of a branch")


async def _bound_to(db: Database, member_id: int) -> int:
    async with db.transaction() as session:
        row = await repo.member(session, member_id)
        assert row is not None and row.tg_user_id is not None
        return row.tg_user_id


async def test_paging_filters_and_search_escape_wildcards(db: Database) -> None:
    branch_id, (g1, g2) = await _branch(db)
    for i, name in enumerate(["王五", "王_六", "李四", "张三", "100%"]):
        await _member(db, branch_id, name, group_id=(g1, g2, None)[i % 3], phone=f"1380000000{i}")
    await _member(db, branch_id, "旧人", status="archived")
    async with db.transaction() as session:
        assert await repo.count_members(session, branch_id, MemberFilter()) == 5
        rows = await repo.page_members(session, branch_id, MemberFilter(), 0, 10)
        # Ordered by group position, then name; members without a group last.
        assert [g for _, g in rows] == ["一组", "一组", "二组", "二组", None]
        page2 = await repo.page_members(session, branch_id, MemberFilter(), 4, 2)
        assert [m.name for m, _ in page2] == ["李四"]
        by_group = MemberFilter(group_id=g2)
        assert {m.name for m, _ in await repo.page_members(session, branch_id, by_group, 0, 9)} == {
            "王_六",
            "100%",
        }
        no_group = MemberFilter(group_id=0)
        assert [m.name for m, _ in await repo.page_members(session, branch_id, no_group, 0, 9)] == [
            "李四"
        ]
        for term, expected in (("_", {"王_六"}), ("%", {"100%"}), ("王", {"王五", "王_六"})):
            found = await repo.page_members(session, branch_id, MemberFilter(search=term), 0, 9)
            assert {m.name for m, _ in found} == expected, term
        by_phone = await repo.page_members(session, branch_id, MemberFilter(search="00003"), 0, 9)
        assert [m.name for m, _ in by_phone] == ["张三"]
        archived = MemberFilter(statuses=("archived",))
        assert await repo.count_members(session, branch_id, archived) == 1
        assert await repo.count_by_status(session, branch_id) == {"active": 5, "archived": 1}


async def test_imports_close_once_and_expired_ones_are_purged(db: Database) -> None:
    branch_id, _ = await _branch(db)
    key = uuid.uuid4().hex[:12]
    async with db.transaction() as session:
        row = await repo.add_import(
            session,
            RosterImport(
                key=key,
                branch_id=branch_id,
                created_by=1,
                filename="a.csv",
                rows=[{"name": "甲"}],
                bad_count=0,
                created_at=NOW,
                expires_at=NOW + timedelta(hours=1),
            ),
        )
        import_id = row.id
    async with db.transaction() as session:
        assert await repo.close_import(session, import_id, NOW, confirmed=True)
    async with db.transaction() as session:
        assert not await repo.close_import(session, import_id, NOW, confirmed=False)
    async with db.transaction() as session:
        await repo.purge_imports(session, NOW + timedelta(hours=2))
    async with db.transaction() as session:
        assert await repo.import_by_key(session, key) is None
