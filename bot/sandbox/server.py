"""The sandbox HTTP server: Bot API, user API and the web chat on one port.

server = SandboxServer()
await server.start()
app = (Application.builder().token(server.make_token())
       .base_url(server.bot_api_url).base_file_url(server.file_url).build())
async with SandboxClient(server.base_url) as people:
    alice = await people.user("Alice")
    await alice.start()
    reply = await alice.wait_message()
"""

from __future__ import annotations

import contextlib
from importlib import resources

from aiohttp import web

from bot.sandbox.botapi import BotApi
from bot.sandbox.params import MAX_UPLOAD
from bot.sandbox.state import (
    DEFAULT_BOT_ID,
    DEFAULT_BOT_USERNAME,
    SandboxState,
)
from bot.sandbox.state import make_token as _make_token
from bot.sandbox.userapi import UserApi
from bot.sandbox.webhook import WebhookManager
from bot.sandbox.worldapi import WorldApi

__all__ = ["SandboxServer", "make_token"]

_STATIC_TYPES = {".html": "text/html", ".js": "application/javascript", ".css": "text/css"}


def make_token(bot_id: int = DEFAULT_BOT_ID, username: str = DEFAULT_BOT_USERNAME) -> str:
    """A token any sandbox accepts; the bot gets this username on first use."""
    return _make_token(bot_id, username)


def _static(name: str) -> bytes:
    return resources.files("bot.sandbox").joinpath("static", name).read_bytes()


class SandboxServer:
    """A local Telegram Bot API server with simulated people."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        enforce_limits: bool = False,
        strict_limits: bool = False,
        latency_ms: float = 0.0,
        webchat: bool = True,
        id_offset: int = 0,
    ) -> None:
        self.host = host
        self.port = port
        self.webchat = webchat
        # Several sandboxes talking to one database (tests) need chat ids that never repeat.
        self.state = SandboxState(
            enforce_limits=enforce_limits,
            strict_limits=strict_limits,
            latency_ms=latency_ms,
            id_offset=id_offset,
        )
        self.webhooks = WebhookManager(self.state)
        self._runner: web.AppRunner | None = None
        self._bound_port: int | None = None

    def make_token(self, bot_id: int = DEFAULT_BOT_ID, username: str = DEFAULT_BOT_USERNAME) -> str:
        """A token for a bot that exists right away, so people can write to it first."""
        token = make_token(bot_id, username)
        self.state.bot_from_token(token)
        return token

    def build_app(self) -> web.Application:
        # Room for a 50 MB document plus multipart overhead; the handlers enforce exact limits.
        app = web.Application(client_max_size=MAX_UPLOAD + 1024 * 1024)
        BotApi(self.state, self.webhooks).add_routes(app)
        UserApi(self.state).add_routes(app)
        WorldApi(self.state).add_routes(app)
        if self.webchat:
            app.router.add_get("/", self._index)
            app.router.add_get("/static/{name}", self._asset)
        return app

    async def _index(self, request: web.Request) -> web.Response:
        return web.Response(body=_static("index.html"), content_type="text/html", charset="utf-8")

    async def _asset(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        suffix = "." + name.rsplit(".", 1)[-1]
        if "/" in name or suffix not in _STATIC_TYPES:
            raise web.HTTPNotFound()
        try:
            data = _static(name)
        except FileNotFoundError:
            raise web.HTTPNotFound() from None
        return web.Response(body=data, content_type=_STATIC_TYPES[suffix], charset="utf-8")

    async def start(self) -> None:
        """Bind and serve; port=0 picks a free port."""
        self._runner = web.AppRunner(self.build_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self._bound_port = int(self._runner.addresses[0][1])

    async def stop(self) -> None:
        """Wake every long poll, stop webhooks, close the listener."""
        self.state.close()
        await self.webhooks.close()
        if self._runner is not None:
            with contextlib.suppress(Exception):
                await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SandboxServer:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        if self._bound_port is None:
            raise RuntimeError("the sandbox is not started")
        return f"http://{self.host}:{self._bound_port}"

    @property
    def bot_api_url(self) -> str:
        return f"{self.base_url}/bot"

    @property
    def file_url(self) -> str:
        return f"{self.base_url}/file/bot"
