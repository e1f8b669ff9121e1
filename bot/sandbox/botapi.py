"""The Bot API endpoint: /bot<token>/<method> and /file/bot<token>/<path>."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

from bot.sandbox import bot_chats, bot_edits, bot_messages, bot_updates
from bot.sandbox.call import Call, Handler
from bot.sandbox.errors import ApiError
from bot.sandbox.params import Params
from bot.sandbox.state import SandboxState
from bot.sandbox.webhook import WebhookManager

log = logging.getLogger(__name__)

# Method names are case-insensitive on Telegram; keep the canonical spelling for stats.
METHODS: dict[str, tuple[str, Handler]] = {
    name.lower(): (name, handler)
    for table in (
        bot_chats.HANDLERS,
        bot_messages.HANDLERS,
        bot_edits.HANDLERS,
        bot_updates.HANDLERS,
    )
    for name, handler in table.items()
}


def _error(exc: ApiError) -> web.Response:
    return web.json_response(exc.to_json(), status=exc.error_code)


class BotApi:
    """Routes Bot API calls to handlers, applying faults, limits and stats on the way."""

    def __init__(self, state: SandboxState, webhooks: WebhookManager) -> None:
        self.state = state
        self.webhooks = webhooks

    def add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", r"/bot{token}/{method}", self.handle)
        app.router.add_route("GET", r"/file/bot{token}/{path:.+}", self.download)

    async def handle(self, request: web.Request) -> web.Response:
        # Half the latency before the call is seen (limits count it then), half after.
        half = self.state.latency_ms / 2000
        method = request.match_info["method"].lower()
        sending = method.startswith("send") and method != "sendchataction"
        stats = self.state.stats
        if sending:
            stats.send_started()
        try:
            if half > 0:
                await asyncio.sleep(half)
            response = await self._handle(request)
            if half > 0:
                await asyncio.sleep(half)
        finally:
            if sending:
                stats.send_ended()
        return response

    async def _handle(self, request: web.Request) -> web.Response:
        state = self.state
        try:
            bot = state.bot_from_token(request.match_info["token"])
            entry = METHODS.get(request.match_info["method"].lower())
            if entry is None:
                raise ApiError(404, "Not Found")
            name, handler = entry
            state.stats.record_call(name)
            params = await Params.from_request(request)
            rule = state.faults.take(name, params.raw("chat_id"))
            if rule is not None:
                if rule.delay > 0:
                    await asyncio.sleep(rule.delay)
                injected = rule.error()
                if injected is not None:
                    raise injected
            result = await handler(Call(state, bot, params, name, self.webhooks))
        except ApiError as exc:
            if exc.error_code == 429:
                state.stats.too_many_requests += 1
            return _error(exc)
        except web.HTTPRequestEntityTooLarge:
            return _error(ApiError(413, "Request Entity Too Large"))
        return web.json_response({"ok": True, "result": result})

    async def download(self, request: web.Request) -> web.StreamResponse:
        try:
            self.state.bot_from_token(request.match_info["token"])
        except ApiError as exc:
            return _error(exc)
        stored = self.state.file_by_path(request.match_info["path"])
        if stored is None:
            return _error(ApiError(404, "Not Found"))
        return web.Response(
            body=stored.data, content_type=stored.mime_type or "application/octet-stream"
        )
