"""Issue 11, item 15: the demo lets a newcomer try 签到 at once; the banners say the right thing."""

from __future__ import annotations

import re

from bot.devtools.demo import FIRST_ID, seed_demo
from bot.devtools.sandbox_run import banner
from bot.sandbox.client import SandboxUser
from tests.e2e.conftest import Harness
from tests.said import said


async def test_the_demo_has_a_meeting_checking_in_now(harness: Harness) -> None:
    await seed_demo(harness.settings, harness.server, harness.clock)
    seq = harness.server.state.last_seq
    secretary = SandboxUser(harness.client, {"id": FIRST_ID, "first_name": "王建华"}, None, seq)
    member = SandboxUser(harness.client, {"id": FIRST_ID + 6, "first_name": "周春生"}, None, seq)
    await member.send("/start")
    home = await member.wait_message(contains=said("meetings.home.next"))
    assert "签到体验" in home.body and "✅ 签到" in home.button_texts()
    await secretary.send("/checkin")
    screen = await secretary.wait_message(contains=said("meetings.code.screen"))
    found = re.search(r"签到码：(\d{3}) (\d{3})", screen.body)
    assert found is not None
    await member.press("✅ 签到", message_id=home.message_id)
    await member.wait_message(contains=said("meetings.checkin.ask_code"))
    await member.send(found.group(1) + found.group(2))
    await member.wait_message(contains=said("meetings.checkin.ok"))


def test_banners() -> None:
    demo = banner("zh", "http://127.0.0.1:8081/", demo=True)
    assert "BOT_TOKEN" not in demo and "http://127.0.0.1:8081/" in demo and "王建华" in demo
    plain = banner("zh", "http://127.0.0.1:8081/", demo=False)
    assert "partybot sandbox --demo" in plain
