"""A binding link shows whose record it is and binds only after 「是」; the secretary is told."""

from __future__ import annotations

from bot.texts import t
from handlers.privacy.buttons import ConfirmBinding
from tests.e2e.conftest import Harness
from tests.e2e.members.support import branch_with_secretary, import_roster, member_row
from tests.e2e.privacy.support import consents
from tests.said import said


async def test_binding_asks_is_this_you_and_tells_the_secretary(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    links = await import_roster(setup, ["赵国强,13812345678,直管,第一党小组,,,"])
    url = harness.settings.database_url
    link = links["赵国强"]
    payload = link.split("start=", 1)[1]
    person = await harness.user("国强")
    await person.open_link(link)
    notice = await person.wait_message(contains=said("privacy.notice.default"))
    await person.press(t("privacy.btn.accept", "zh"), message_id=notice.message_id)
    question = await person.wait_message(contains=said("privacy.bind.ask"))
    assert "赵国强" in question.body and "138****5678" in question.body
    assert "13812345678" not in question.body
    [accepted] = await consents(harness, person.id)
    assert accepted.via == "bind"
    await person.press(t("privacy.btn.not_me", "zh"), message_id=question.message_id)
    await person.wait_message(contains=said("privacy.bind.not_me"))
    row = await member_row(url, setup.name, "赵国强")
    assert row is not None and row.tg_user_id is None
    # A stranger who never accepted replays the 是 button's data: nothing is bound.
    stranger = await harness.user("路人")
    await stranger.send("/start")
    hello = await stranger.wait_message()
    answer = await stranger.press_data(ConfirmBinding(payload).data, hello.message_id)
    assert answer is not None
    await stranger.wait_message(contains=said("privacy.link_gone"))
    row = await member_row(url, setup.name, "赵国强")
    assert row is not None and row.tg_user_id is None
    # The right person opens it again: no second notice, the question, 是, bound.
    await person.start(payload)
    again = await person.wait_message(contains=said("privacy.bind.ask"))
    await person.press(t("privacy.btn.me", "zh"), message_id=again.message_id)
    await person.wait_message(contains=said("members.bind.done"))
    row = await member_row(url, setup.name, "赵国强")
    assert row is not None and row.tg_user_id == person.id
    told = await setup.secretary.wait_message(contains=said("members.bind.secretary_notice"))
    assert "赵国强" in told.body and "国强" in told.body
