"""The privacy notice comes before anything about a person is stored; 不同意 stores nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.texts import t
from storage.models.core import Member
from tests.e2e.conftest import Harness
from tests.e2e.members.support import branch_with_secretary, payload_of
from tests.e2e.privacy.support import account, branch_id, consents
from tests.said import said


async def _members_of(h: Harness, tg_id: int) -> int:
    async with h.data.db.read() as s:
        n = await s.scalar(select(func.count()).where(Member.tg_user_id == tg_id))
    return int(n or 0)


async def test_decline_stores_nothing_and_accept_records_who_when_which(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/invite")
    payload = payload_of(await sec.wait_message(contains=said("members.invite.caption")))
    person = await harness.user("张阿姨", username="zhang_ayi")
    await person.start(payload)
    notice = await person.wait_message(contains=said("privacy.notice.default"))
    for words in ("保存什么", "为什么", "谁能看到", "保存多久", "身份证"):
        assert words in notice.body, words
    assert notice.button_texts() == [t("privacy.btn.accept", "zh"), t("privacy.btn.decline", "zh")]
    # Before accepting, the account row holds the id only: no name, no username.
    row = await account(harness, person.id)
    assert row is not None and row.first_name == "" and row.username is None
    assert row.privacy_accepted_at is None
    await person.press(t("privacy.btn.decline", "zh"), message_id=notice.message_id)
    await person.wait_message(contains=said("privacy.declined"))
    row = await account(harness, person.id)
    assert row is not None and row.first_name == "" and row.username is None
    assert await consents(harness, person.id) == []
    assert await _members_of(harness, person.id) == 0
    # The person changes their mind: the link again, 同意, and the registration begins.
    await person.start(payload)
    again = await person.wait_message(contains=said("privacy.notice.default"))
    await person.press(t("privacy.btn.accept", "zh"), message_id=again.message_id)
    await person.wait_message(contains=said("members.reg.ask_name"))
    [accepted] = await consents(harness, person.id)
    assert (accepted.version, accepted.via) == ("default-1", "invite")
    assert accepted.branch_id == await branch_id(harness, setup.name)
    row = await account(harness, person.id)
    assert row is not None and row.first_name == "张阿姨" and row.privacy_accepted_at is not None
    # A second link into the same branch does not ask again.
    await person.send("/cancel")
    await person.start(payload)
    await person.wait_message(contains=said("members.reg.ask_name"))
    assert len(await consents(harness, person.id)) == 1


async def test_secretary_sets_the_branch_notice_and_newcomers_accept_that_version(
    harness: Harness,
) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/privacynotice")
    shown = await sec.wait_message(contains=said("privacy.notice.default"))
    assert "默认文本" in shown.body and "default-1" in shown.body
    await sec.press(t("privacy.btn.edit_notice", "zh"), message_id=shown.message_id)
    await sec.wait_message(contains=said("privacy.setting.ask"))
    await sec.send("x" * 1600)
    await sec.wait_message(contains=said("privacy.setting.bad"))
    await sec.send("本支部只保存姓名和出勤，<b>书记</b>可见，保存三年。")
    await sec.wait_message(contains=said("privacy.setting.saved"))
    custom = await sec.wait_message(contains=said("privacy.setting.custom"))
    assert "custom-" in custom.body
    await sec.send("/invite")
    payload = payload_of(await sec.wait_message(contains=said("members.invite.caption")))
    person = await harness.user("李大爷")
    await person.start(payload)
    notice = await person.wait_message(contains="保存三年")
    assert "<b>书记</b>" in notice.body  # the secretary's text is shown as typed, not as HTML
    await person.press(t("privacy.btn.accept", "zh"), message_id=notice.message_id)
    await person.wait_message(contains=said("members.reg.ask_name"))
    [accepted] = await consents(harness, person.id)
    assert accepted.version.startswith("custom-")
    # Back to the default; a member may not touch the setting.
    await sec.press(t("privacy.btn.reset_notice", "zh"), message_id=custom.message_id)
    await sec.wait_message(contains=said("privacy.setting.default"))
    await person.send("/cancel")
    await person.send("/privacynotice")
    await person.wait_message(contains=said("error.not_member"))
