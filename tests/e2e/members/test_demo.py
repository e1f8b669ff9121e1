"""The demo branch works through the bot: the secretary and a member can try things at once."""

from __future__ import annotations

from bot.devtools.demo import BRANCH_NAME, FIRST_ID, seed_demo
from bot.sandbox.client import SandboxUser
from tests.e2e.conftest import Harness
from tests.said import said


async def test_demo_people_use_the_bot(harness: Harness) -> None:
    await seed_demo(harness.settings, harness.server, harness.clock)
    seq = harness.server.state.last_seq
    secretary = SandboxUser(harness.client, {"id": FIRST_ID, "first_name": "王建华"}, None, seq)
    member = SandboxUser(harness.client, {"id": FIRST_ID + 6, "first_name": "周春生"}, None, seq)
    assert "members" in {c["command"] for c in await secretary.commands()}
    await secretary.send("/members")
    listing = await secretary.wait_message(contains=BRANCH_NAME)
    assert "在册 20 人" in listing.body and "待审核 1" in listing.body
    await member.send("/card")
    card = await member.wait_message(contains=said("cards.title.1"))
    assert "周春生" in card.body and "第一党小组" in card.body and "党龄" in card.body
