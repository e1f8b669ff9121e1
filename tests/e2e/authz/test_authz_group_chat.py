"""The table's group-chat row, walked by adding the bot to a group as every kind of person."""

from __future__ import annotations

from bot.domain.authz import Reach, Who, table
from storage.models.core import Branch
from tests.e2e.authz.test_authz_matrix import quiet
from tests.e2e.authz.world import matrix_world
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401  (autouse fixture)


async def test_only_the_secretary_links_a_group_chat(harness: Harness) -> None:
    await quiet(harness)
    mw = await matrix_world(harness)
    row = table()["members.group_chat"]
    for who, person in mw.people.items():
        if who is Who.OTHER_BRANCH:
            continue  # they would link it to their own branch, which is theirs to do
        group = await harness.client.group(f"{who.value}的群", members=[person], added_by=person)
        said = (await group.wait_message()).body
        async with mw.db.read() as s:
            branch = await s.get(Branch, mw.world.branch_id)
            assert branch is not None
            linked = branch.group_chat_id == group.id
        allowed = row.reach(who) is not Reach.NONE
        assert linked is allowed, (who, said)
        assert ("支部书记" in said) is not allowed, (who, said)
