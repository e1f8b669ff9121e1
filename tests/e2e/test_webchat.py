"""The real bot in the sandbox's web chat, in headless Chromium, as a newcomer would try it."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from bot.texts import t
from tests.e2e.conftest import Harness
from tests.sandbox.browser import open_page


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
