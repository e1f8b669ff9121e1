"""Headless Chromium for web chat tests: Debian's /usr/bin/chromium driven by Playwright.

Needs `apt-get install -y chromium`; Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from playwright.async_api import Browser, Page, ViewportSize, async_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = f"{CHROMIUM} not found: install Debian's browser with `apt-get install -y chromium`"


def skip_without_chromium() -> None:
    """Skip the calling test, with the reason, when the browser is not installed."""
    if not CHROMIUM.exists():
        pytest.skip(MISSING)


@asynccontextmanager
async def launch_browser() -> AsyncIterator[Browser]:
    """A headless Chromium, closed on exit."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


PHONE: ViewportSize = {"width": 390, "height": 844}  # an ordinary phone, portrait
DESKTOP: ViewportSize = {"width": 1280, "height": 900}


@asynccontextmanager
async def open_page(
    url: str, *, locale: str = "zh-CN", viewport: ViewportSize | None = None
) -> AsyncIterator[Page]:
    """A fresh page at `url`; skips the test if Chromium is missing."""
    skip_without_chromium()
    async with launch_browser() as browser:
        context = await browser.new_context(locale=locale, viewport=viewport or DESKTOP)
        page = await context.new_page()
        page.set_default_timeout(10_000)
        await page.goto(url)
        try:
            yield page
        finally:
            await context.close()


async def screenshot(page: Page, name: str) -> None:
    """Keep a picture of the page when PARTYBOT_SCREENSHOTS names a folder (for reports)."""
    folder = os.environ.get("PARTYBOT_SCREENSHOTS")
    if folder:
        # Playwright creates the folder.
        await page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)
