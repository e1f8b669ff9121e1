"""Issue 11's closing walk, in the web chat: a meeting from notice to register, as the host
and as a member (PARTYBOT_SCREENSHOTS=<dir> keeps a picture of each step)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.async_api import Page, expect

from tests.e2e.conftest import Harness
from tests.e2e.meetings.world import (
    SECRETARY,
    T0,
    Person,
    make_world,
    meetings_cleanup,  # noqa: F401  (autouse fixture)
    start_sender,
)
from tests.said import said
from tests.sandbox.browser import PHONE, open_page, screenshot

START = T0 + timedelta(days=1)  # 3 March 09:00 in China


async def be(page: Page, name: str) -> None:
    """Pick a person from the folded people list."""
    await page.click("#people-toggle")
    await page.locator("#user-list li", has_text=name).first.click()
    await expect(page.locator("#chat-title")).to_contain_text(name)


@pytest.mark.browser
async def test_a_meeting_from_notice_to_register_as_host_and_member(harness: Harness) -> None:
    harness.clock.set(T0)
    w = await make_world(harness, [SECRETARY, Person("王阿姨", group="第一党小组")])
    await start_sender(harness)
    sec = w.user("书记老张")
    await sec.send("/newmeeting 主题党日 | 2026-03-03 09:00 | 社区活动室 | 学习党章")
    await sec.wait_message(contains=said("meetings.new.created"))
    await w.user("王阿姨").wait_message(contains=said("meetings.notice.new"))
    async with open_page(harness.server.base_url, viewport=PHONE) as page:
        # The member gets the notice with 参加 / 请假.
        await be(page, "王阿姨")
        notice = page.locator(".bot-message", has_text="会议通知")
        await expect(notice.locator(".inline-button", has_text="请假")).to_be_visible()
        await screenshot(page, "walk-1-member-notice")
        # The morning of the meeting: the host opens check-in and is present by that.
        harness.clock.set(START - timedelta(minutes=5))
        await be(page, "书记老张")
        await page.fill("#message-input", "/checkin")
        await page.click("#send-button")
        screen = page.locator(".bot-message", has_text="签到码：").last
        await expect(screen).to_contain_text("还没签到：王阿姨")
        await screenshot(page, "walk-2-host-code-screen")
        found = re.search(r"签到码：(\d{3}) (\d{3})", await screen.inner_text())
        assert found is not None
        # The member's /start shows the meeting with 签到; she types the code.
        await be(page, "王阿姨")
        await page.fill("#message-input", "/start")
        await page.click("#send-button")
        home = page.locator(".bot-message", has_text="下一次会议").last
        await home.locator(".inline-button", has_text="签到").click()
        await expect(page.locator(".bot-message", has_text="6位签到码")).to_be_visible()
        await page.fill("#message-input", found.group(1) + found.group(2))
        await page.click("#send-button")
        await expect(page.locator(".bot-message", has_text="签到成功")).to_be_visible()
        await screenshot(page, "walk-3-member-checked-in")
        # The host closes check-in now: the summary comes at once, then the register.
        await be(page, "书记老张")
        await page.locator(".inline-button", has_text="结束签到").last.click()
        await page.locator(".inline-button", has_text="确认结束签到").last.click()
        summary = page.locator(".bot-message", has_text="会后统计").last
        await expect(summary).to_contain_text("出席率")
        await summary.locator(".inline-button", has_text="签到表").click()
        await expect(page.locator(".bot-message a.document")).to_contain_text("签到表_")
        await screenshot(page, "walk-4-host-summary-and-register")
