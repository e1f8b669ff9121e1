"""在职党员到社区报到: the secretary's QR, a member reports and lands in /posts; a stranger is
told how to join; forged and unknown reporting payloads get a polite answer."""

from __future__ import annotations

import logging
import re

import pytest
from sqlalchemy import select

from bot.texts import t
from storage.models.posts import CommunityReport
from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import meetings_cleanup  # noqa: F401
from tests.e2e.posts.world import posts_world
from tests.forged_data import START_PAYLOADS
from tests.said import said


async def test_a_member_reports_through_the_qr_link(harness: Harness) -> None:
    w = await posts_world(harness)
    sec = w.user("书记老张")
    await sec.send("/posts")
    home = await sec.wait_message(contains=said("posts.home.title"))
    await sec.press("⚙️ 岗位管理", message_id=home.message_id)
    admin = await sec.wait_message(contains=said("posts.admin.title"))
    await sec.press("🔗 报到二维码", message_id=admin.message_id)
    qr = await sec.wait_message(contains=said("posts.admin.qr"))
    assert qr.photo is not None
    found = re.search(r"start=(p_[A-Za-z0-9_-]+)", qr.body)
    assert found is not None
    payload = found.group(1)

    member = w.user("王阿姨")
    await member.start(payload)
    await member.wait_message(contains=said("posts.report.intro"))
    await member.wait_message(contains=said("posts.report.unit"))
    await member.send("市第一人民医院")
    await member.wait_message(contains=said("posts.report.party"))
    await member.send("医院第三党支部")
    await member.wait_message(contains=said("posts.report.contact"))
    await member.send("刘书记")
    await member.wait_message(contains=said("posts.report.phone"))
    await member.send("打电话给我")
    await member.wait_message(contains=said("posts.refuse.bad_phone"))
    await member.send("0571-8888 1234")
    await member.wait_message(contains=said("posts.report.saved"))
    await member.wait_message(contains=said("posts.home.title", term=2026))
    async with harness.data.db.transaction() as s:
        row = await s.scalar(
            select(CommunityReport).where(CommunityReport.member_id == w.ids["王阿姨"])
        )
    assert row is not None
    assert (row.unit_name, row.unit_party_branch, row.contact_name, row.contact_phone) == (
        "市第一人民医院",
        "医院第三党支部",
        "刘书记",
        "0571-8888 1234",
    )
    await sec.press("📋 报到名单", message_id=admin.message_id)
    listing = await sec.wait_message(contains=said("posts.admin.reports", n=1))
    assert "王阿姨：市第一人民医院" in listing.body
    # a stranger: told kindly how to join, nothing saved
    stranger = await harness.user("路人")
    await stranger.start(payload)
    told = await stranger.wait_message(contains=said("posts.report.not_member"))
    assert "邀请链接" in told.body


@pytest.mark.parametrize("template", START_PAYLOADS)
async def test_forged_reporting_payloads_get_a_polite_answer(
    harness: Harness, caplog: pytest.LogCaptureFixture, template: str
) -> None:
    person = await harness.user("王大爷")
    for n in (str(10**30), str(2**63), "1"):
        payload = template.replace("{n}", n)[:64]
        with caplog.at_level(logging.ERROR):
            await person.start(payload)
            reply = await person.wait_message()
        assert reply.text and t("error.generic", "zh") not in reply.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
