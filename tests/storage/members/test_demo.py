"""The demo seed: a lively branch, once, with its people ready in the sandbox."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.config import Settings
from bot.devtools.demo import BRANCH_NAME, seed_demo
from bot.sandbox.server import SandboxServer
from storage import migrate
from storage.db import Database
from storage.models.core import Branch, Member, PartyGroup
from tests.conftest import DatabaseFactory


async def test_demo_is_seeded_once_and_people_exist_in_the_sandbox(
    db_factory: DatabaseFactory,
) -> None:
    url = await db_factory.new_url("sqlite")
    db = Database(url)
    try:
        await migrate.upgrade(db.engine)
        settings = Settings(database_url=url)
        server = SandboxServer()
        await seed_demo(settings, server)
        again = SandboxServer()  # a restart: the sandbox forgot everyone, the database did not
        await seed_demo(settings, again)
        async with db.transaction() as session:
            branches = await session.scalar(
                select(func.count()).select_from(Branch).where(Branch.name == BRANCH_NAME)
            )
            assert branches == 1
            branch_id = await session.scalar(select(Branch.id).where(Branch.name == BRANCH_NAME))
            groups = list(
                await session.scalars(
                    select(PartyGroup.name).where(PartyGroup.branch_id == branch_id)
                )
            )
            members = list(
                await session.scalars(select(Member).where(Member.branch_id == branch_id))
            )
        assert sorted(groups) == sorted(["第一党小组", "第二党小组", "第三党小组"])
        assert len(members) == 21
        assert {m.category for m in members} == {
            "direct",
            "employed",
            "mobile",
            "retired",
            "probationary",
            "activist",
        }
        roles = [m.role for m in members]
        assert roles.count("secretary") == 1 and roles.count("group_leader") == 3
        bound = [m for m in members if m.tg_user_id is not None]
        assert len(bound) == 18 and sum(m.status == "pending" for m in members) == 1
        bot = again.state.default_bot()
        for member in bound:
            user = again.state.users[member.tg_user_id or 0]
            assert user.first_name == member.name and bot.id in user.started_bots
        secretary = next(m for m in members if m.role == "secretary")
        commands = bot.commands[(("chat", secretary.tg_user_id), "")]
        assert "members" in {c["command"] for c in commands}
    finally:
        await db.close()
