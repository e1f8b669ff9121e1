"""The web chat in a real headless browser, talking to a tiny PTB bot."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from bot.sandbox.client import SandboxClient
from bot.sandbox.server import SandboxServer
from tests.sandbox.browser import open_page
from tests.sandbox.ptb_apps import build_echo_app, polling


@pytest.mark.browser
async def test_web_chat_start_reply_and_inline_button(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    async with polling(build_echo_app(sandbox)), open_page(sandbox.base_url) as page:
        await page.fill("#new-user-name", "王阿姨")
        await page.click("#new-user-button")
        await expect(page.locator("#user-list li.active")).to_contain_text("王阿姨")
        await page.click("#start-button")
        welcome = page.locator(".bot-message", has_text="欢迎")
        await expect(welcome).to_be_visible()
        await expect(welcome.locator("b")).to_have_text("欢迎")
        await welcome.locator(".inline-button", has_text="点我").click()
        await expect(page.locator("#toast")).to_have_text("收到 got it")
        await expect(page.locator(".bot-message", has_text="已按下")).to_be_visible()
        await expect(page.locator(".inline-button")).to_have_count(0)
        await page.fill("#message-input", "你好")
        await page.click("#send-button")
        await expect(page.locator(".bot-message", has_text="echo: 你好")).to_be_visible()
        await expect(page.locator(".user-message", has_text="你好")).to_have_count(1)
    users = await client.request("GET", "/users")
    assert [u["first_name"] for u in users["users"]] == ["王阿姨"]


@pytest.mark.browser
async def test_a_plain_sandbox_page_says_how_to_get_the_demo(
    sandbox: SandboxServer, client: SandboxClient
) -> None:
    async with open_page(sandbox.base_url) as page:
        await expect(page.locator("#demo-hint")).to_contain_text("partybot sandbox --demo")
        for name in ("王阿姨", "李大爷"):
            await page.fill("#new-user-name", name)
            await page.click("#new-user-button")
            await expect(page.locator("#user-list li.active")).to_contain_text(name)
        # People to talk as: the hint has done its work.
        await expect(page.locator("#demo-hint")).to_be_hidden()
