"""Bad deep links: expired, revoked, used up, forged; and what only a secretary may do."""

from __future__ import annotations

from datetime import timedelta

from bot.texts import t
from handlers.members.buttons import (
    FreshInvite,
    ImportRoster,
    InviteLimit,
    RevokeInvite,
    UnboundLinks,
)
from tests.e2e.conftest import Harness
from tests.e2e.members.support import (
    accept_notice,
    approve_member,
    branch_with_secretary,
    payload_of,
    register,
    roster_count,
)
from tests.said import said


async def test_expired_revoked_and_used_up_invites_change_nothing(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    url = harness.settings.database_url
    await sec.send("/invite")
    first = await sec.wait_message(contains=said("members.invite.caption"))
    expired_payload = payload_of(first)

    # Revoked: the secretary switches the link off, a newcomer is refused.
    await sec.press(t("members.invite.revoke", "zh"), message_id=first.message_id)
    edited = await sec.wait_message(contains=said("members.link_state.revoked"))
    assert edited.edited
    late = await harness.user("迟到者")
    await late.start(expired_payload)
    await late.wait_message(contains=said("members.link.revoked"))

    # Used up: a fresh link limited to one person.
    await sec.press(t("members.invite.fresh", "zh"), message_id=first.message_id)
    fresh = await sec.wait_message(contains=said("members.invite.caption"))
    await sec.press(t("members.invite.limit_n", "zh", n=1), message_id=fresh.message_id)
    await sec.wait_message(
        contains=said("members.invite.caption", limit=t("members.invite.limit_n", "zh", n=1))
    )
    one = await harness.user("第一人")
    answer = await register(one, payload_of(fresh), "周一")
    assert "已提交" in answer.body
    two = await harness.user("第二人")
    await two.start(payload_of(fresh))
    await two.wait_message(contains=said("members.link.used_up"))

    # Expired: seven days later the (unlimited) group of links no longer works.
    await sec.press(t("members.invite.fresh", "zh"), message_id=fresh.message_id)
    third = await sec.wait_message(contains=said("members.invite.caption"))
    before = await roster_count(url, setup.name)
    harness.clock.advance(timedelta(days=7, minutes=1))
    three = await harness.user("第三人")
    await three.start(payload_of(third))
    reply = await three.wait_message(contains=said("members.link.expired"))
    assert reply.reply_keyboard is not None
    assert await roster_count(url, setup.name) == before


async def test_forged_payloads_are_refused_kindly(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    before = await roster_count(harness.settings.database_url, setup.name)
    user = await harness.user("好奇的人")
    for payload in ("i_" + "A" * 24, "b_" + "B" * 24, "s_" + "C" * 24, "i_short", "hello"):
        await user.start(payload)
        reply = await user.wait_message(contains=said("members.link.invalid"))
        assert "书记" in reply.body
    assert await roster_count(harness.settings.database_url, setup.name) == before


async def test_member_cannot_use_secretary_tools(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    member = await approve_member(harness, setup, "老党员", "孙志刚")
    for command, refusal in (
        ("/invite", "members.refuse.committee_only"),
        ("/members", "members.refuse.officers_only"),
    ):
        await member.send(command)
        await member.wait_message(contains=said(refusal))
    # Pressing the secretary's buttons with forged callback data changes nothing.
    await setup.secretary.send("/invite")
    invite = await setup.secretary.wait_message(contains=said("members.invite.caption"))
    await member.send("/card")
    card = await member.wait_message(contains=said("cards.title.1"))
    revoke = invite.button(t("members.invite.revoke", "zh"))["callback_data"]
    revoking = RevokeInvite.parse(revoke)
    assert revoking is not None
    limit = InviteLimit(revoking.invite, 1).data
    for forged in (limit, revoke, UnboundLinks().data, ImportRoster().data, FreshInvite().data):
        answer = await member.press_data(forged, card.message_id)
        assert "只有支部书记" in (answer.get("text") or ""), forged
    # The secretary's link still works for newcomers.
    newcomer = await harness.user("新人")
    reply = await register(newcomer, payload_of(invite), "吴新")
    assert "已提交" in reply.body


async def test_abandoned_registration_restarts_and_menu_leaves_it(harness: Harness) -> None:
    setup = await branch_with_secretary(harness)
    await setup.secretary.send("/invite")
    payload = payload_of(
        await setup.secretary.wait_message(contains=said("members.invite.caption"))
    )
    user = await harness.user("犹豫的人")
    await user.start(payload)
    await accept_notice(user)
    await user.wait_message(contains=said("members.reg.ask_name"))
    await user.send("/card")  # a command (other than help) leaves the flow, says so, is done
    await user.wait_message(contains=said("members.reg.interrupted"))
    await user.send("郑重")  # not taken as a name any more
    await user.wait_message(contains=said("error.unknown_input"))
    await user.start(payload)
    await user.wait_message(contains=said("members.reg.ask_name"))
    await user.send("/cancel")
    await user.wait_message(contains=said("members.reg.cancelled"))
    done = await register(user, payload, "郑重")
    assert "已提交" in done.body
