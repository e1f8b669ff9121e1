"""A roster preview replaced by a newer upload says it expired instead of importing."""

from __future__ import annotations

from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.members.support import ROSTER_HEADER, branch_with_secretary, roster_count
from tests.said import said

ROWS = ["吴建国,13811112001,直管,,,,", "郑秀英,13811112002,直管,,,,"]


async def test_an_older_preview_expires_when_a_newer_file_arrives(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec, url = setup.secretary, harness.settings.database_url
    data = "\n".join([ROSTER_HEADER, *ROWS]).encode()
    await sec.send_document("名单.csv", data)
    old = await sec.wait_message(contains=said("members.import.preview_head"))
    await sec.send_document("名单（改）.csv", data)
    new = await sec.wait_message(contains=said("members.import.preview_head"))
    confirm = t("members.import.confirm", "zh", n=2)
    gone = t("members.import.problem_gone", "zh")

    answer = await sec.press(confirm, message_id=old.message_id)
    assert answer.get("text") == gone and answer.get("show_alert")
    assert await roster_count(url, setup.name) == 1
    await sec.press(confirm, message_id=new.message_id)
    await sec.wait_message(contains=said("members.links.caption"))
    assert await roster_count(url, setup.name) == 3
    # Afterwards too, the old preview says it expired rather than "imported 0, skipped 2".
    again = await sec.press(confirm, message_id=old.message_id)
    assert again.get("text") == gone
