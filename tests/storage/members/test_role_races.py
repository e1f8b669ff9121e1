"""Regression tests: two secretaries removing each other at once leave one secretary."""

from __future__ import annotations

import asyncio

from bot.domain.members import MemberStatus, Role, RoleChangeError
from bot.services.identity import Actor
from bot.services.members import roles
from bot.services.members.access import Refused
from bot.services.members.roles import Changed, StatusProblem
from storage.db import Database
from storage.repos import members as repo
from tests.storage.members.test_services import NOW, _account, _actor, _record, _secretary, _tg


async def _two_secretaries(db: Database) -> tuple[int, Actor, Actor]:
    branch, first = await _secretary(db)
    tg_two = _tg()
    await _account(db, tg_two)
    row = await _record(db, branch.id, "副书记", role="secretary", tg_user_id=tg_two)
    return branch.id, first, _actor(tg_two, row, branch)


async def test_secretaries_demoting_each_other_at_once_keep_one(db: Database) -> None:
    branch_id, first, second = await _two_secretaries(db)

    async def demote(actor: Actor, target: Actor) -> Changed | RoleChangeError | Refused:
        async with db.transaction() as session:
            assert target.current is not None
            member_id = target.current.member_id
            return await roles.set_role(session, actor, member_id, Role.MEMBER, NOW)

    results = await asyncio.gather(demote(first, second), demote(second, first))
    assert sum(isinstance(r, Changed) for r in results) == 1
    assert RoleChangeError.LAST_SECRETARY in results
    async with db.transaction() as session:
        assert await repo.count_secretaries(session, branch_id) == 1


async def test_secretaries_archiving_each_other_at_once_keep_one(db: Database) -> None:
    branch_id, first, second = await _two_secretaries(db)

    async def archive(actor: Actor, target: Actor) -> Changed | StatusProblem | Refused:
        async with db.transaction() as session:
            assert target.current is not None
            member_id = target.current.member_id
            return await roles.set_status(
                session, actor, member_id, MemberStatus.ARCHIVED, "调离", NOW
            )

    results = await asyncio.gather(archive(first, second), archive(second, first))
    assert sum(isinstance(r, Changed) for r in results) == 1
    assert StatusProblem.LAST_SECRETARY in results
    async with db.transaction() as session:
        assert await repo.count_secretaries(session, branch_id) == 1
