"""Webhook delivery: POST each queued update, in order, retrying with backoff until a 2xx."""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp

from bot.sandbox.models import SBot, now_ts
from bot.sandbox.state import SandboxState


class WebhookManager:
    """One delivery task per bot with a webhook."""

    def __init__(
        self,
        state: SandboxState,
        *,
        retry_base: float = 0.05,
        retry_max: float = 2.0,
        request_timeout: float = 10.0,
    ) -> None:
        self.state = state
        self.retry_base = retry_base
        self.retry_max = retry_max
        self.request_timeout = request_timeout
        self._tasks: dict[int, asyncio.Task[None]] = {}
        self._session: aiohttp.ClientSession | None = None

    def start(self, bot: SBot) -> None:
        task = self._tasks.get(bot.id)
        if task is None or task.done():
            self._tasks[bot.id] = asyncio.create_task(self._run(bot), name=f"webhook-{bot.id}")

    def stop(self, bot: SBot) -> None:
        task = self._tasks.pop(bot.id, None)
        if task is not None:
            task.cancel()

    async def close(self) -> None:
        tasks = list(self._tasks.values())
        self._tasks.clear()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _post(self, bot: SBot, update: dict[str, object]) -> str | None:
        """Deliver one update; the error text Telegram would report, or None on success."""
        hook = bot.webhook
        assert hook is not None
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {}
        if hook.secret_token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook.secret_token
        timeout = aiohttp.ClientTimeout(total=self.request_timeout)
        try:
            async with self._session.post(
                hook.url, json=update, headers=headers, timeout=timeout
            ) as resp:
                await resp.read()
                if 200 <= resp.status < 300:
                    return None
                return f"Wrong response from the webhook: {resp.status} {resp.reason}"
        except aiohttp.ClientConnectorError:
            return "Connection refused"
        except TimeoutError:
            return "Read timeout expired"
        except aiohttp.ClientError as exc:
            return f"Connection failed: {exc}"

    async def _run(self, bot: SBot) -> None:
        failures = 0
        while bot.webhook is not None and not self.state.closing:
            if not bot.updates:
                await bot.updates_changed.wait()
                continue
            update = bot.updates[0]
            error = await self._post(bot, update)
            if error is None:
                if bot.updates and bot.updates[0] is update:
                    bot.updates.pop(0)
                failures = 0
                continue
            bot.last_error_date = now_ts()
            bot.last_error_message = error
            failures += 1
            await asyncio.sleep(min(self.retry_base * 2 ** (failures - 1), self.retry_max))
