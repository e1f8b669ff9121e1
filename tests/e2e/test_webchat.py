"""The real bot in the sandbox's web chat, in headless Chromium, as a newcomer would try it."""

from __future__ import annotations

import pytest
from playwright.async_api import FilePayload, expect

from bot.texts import t
from tests.e2e.conftest import Harness
from tests.e2e.members.support import branch_with_secretary
from tests.e2e.test_core import _PNG
from tests.said import said
from tests.sandbox.browser import PHONE, open_page, screenshot


@pytest.mark.browser
async def test_start_in_web_chat_answers_in_chinese_and_buttons_work(harness: Harness) -> None:
    async with open_page(harness.server.base_url) as page:
        await page.fill("#new-user-name", "李大爷")
        await page.click("#new-user-button")
        await expect(page.locator("#user-list li.active")).to_contain_text("李大爷")
        await page.click("#start-button")
        welcome = page.locator(".bot-message", has_text="李大爷")
        await expect(welcome).to_contain_text("邀请链接")
        # The main menu is a reply keyboard of big buttons.
        help_button = page.locator(".reply-button", has_text=t("menu.help", "zh"))
        await expect(help_button).to_be_visible()
        await help_button.click()
        await expect(page.locator(".bot-message", has_text="使用说明")).to_be_visible()
        # An inline button: switch the language to English and see the bot answer in English.
        await page.fill("#message-input", "/language")
        await page.click("#send-button")
        await page.locator(".inline-button", has_text="English").click()
        await expect(
            page.locator(".bot-message", has_text="Language set to English")
        ).to_have_count(1)
        await expect(page.locator(".reply-button", has_text="❓ Help")).to_be_visible()


@pytest.mark.browser
async def test_web_chat_on_a_phone_deep_links_photos_long_texts_and_live_location(
    harness: Harness,
) -> None:
    setup = await branch_with_secretary(harness)
    sec = setup.secretary
    await sec.send("/invite")
    invite = await sec.wait_message(contains=said("members.invite.caption"))
    assert "t.me/" in invite.body, invite
    async with open_page(harness.server.base_url, viewport=PHONE) as page:
        # 390 px wide: the people list folds away, the chat keeps the screen.
        chat_box = await page.locator("#chat").bounding_box()
        assert chat_box is not None and chat_box["width"] >= 380
        await expect(page.locator("#people-toggle")).to_be_visible()
        await page.click("#people-toggle")
        await expect(page.locator("#sidebar")).to_be_in_viewport()
        await page.locator("#user-list li", has_text="书记").first.click()
        await expect(page.locator("#sidebar")).not_to_be_in_viewport()
        await screenshot(page, "webchat-phone-secretary")
        # A t.me deep link in a message opens in the sandbox (Start with its payload).
        anchor = page.locator(".bot-message a[href*='t.me']").last
        await expect(anchor).to_be_visible()
        await anchor.click()
        await expect(page.locator(".user-message", has_text="/start i_")).to_have_count(1)
        # 📎 sends a picture as a photo.
        picture: FilePayload = {"name": "p.png", "mimeType": "image/png", "buffer": _PNG}
        await page.set_input_files("#file-input", files=[picture])
        await expect(page.locator(".user-message img.photo")).to_have_count(1)
        # Over 4,096 characters: sent as two messages, as Telegram's apps do.
        await page.fill("#message-input", "学" * 5000)
        await page.click("#send-button")
        await expect(page.locator(".user-message", has_text="学学学")).to_have_count(2)
        # 📍 with 「实时位置」: a live location (what location check-in needs).
        await page.click("#location-button")
        await page.check("#live-input")
        await page.click("#location-send")
        await expect(page.locator(".user-message", has_text="实时 live")).to_have_count(1)
        await screenshot(page, "webchat-phone-after")
