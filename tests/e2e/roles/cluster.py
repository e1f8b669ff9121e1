"""Real `partybot run --role ...` processes on PostgreSQL, in webhook mode over the sandbox.

The test plays Telegram's side: the sandbox delivers webhooks to a small round-robin proxy (the
load balancer in front of the web processes), which spreads them over the web processes.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from bot.sandbox.server import SandboxServer, make_token

SECRET = "roles-test-secret_0123456789"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_bots = itertools.count(7_900_000)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Balancer:
    """Round-robin over the web processes; a backend that is down is skipped."""

    def __init__(self) -> None:
        self.backends: list[str] = []
        self._next = 0
        self._runner: web.AppRunner | None = None
        self._http: aiohttp.ClientSession | None = None
        self.port = 0

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/telegram", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])
        self._http = aiohttp.ClientSession()

    async def stop(self) -> None:
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def _forward(self, request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k == SECRET_HEADER}
        headers["Content-Type"] = "application/json"
        assert self._http is not None
        for _ in range(len(self.backends)):
            url = self.backends[self._next % len(self.backends)]
            self._next += 1
            try:
                async with self._http.post(url, data=body, headers=headers) as resp:
                    return web.Response(status=resp.status, body=await resp.read())
            except aiohttp.ClientError:
                continue
        return web.Response(status=502)


def _popen(role: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "bot", "run", "--role", role],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


@dataclass
class Proc:
    role: str
    port: int
    popen: subprocess.Popen[bytes]
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Cluster:
    server: SandboxServer
    balancer: Balancer
    db_url: str
    token: str
    tmp: Path
    procs: list[Proc] = field(default_factory=list)
    http: aiohttp.ClientSession = field(default_factory=aiohttp.ClientSession)

    def env(self, port: int) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("BOT_", "WEBHOOK_"))}
        env.update(
            DATABASE_URL=self.db_url,
            BOT_TOKEN=self.token,
            BOT_API_BASE_URL=self.server.bot_api_url,
            BOT_API_BASE_FILE_URL=self.server.file_url,
            WEBHOOK_URL=f"http://127.0.0.1:{self.balancer.port}/telegram",
            WEBHOOK_SECRET=SECRET,
            WEBHOOK_LISTEN=f"127.0.0.1:{port}",
            BOT_LOG_LEVEL="INFO",
        )
        return env

    async def spawn(self, role: str) -> Proc:
        port = free_port()
        log = self.tmp / f"{role}-{len(self.procs)}.log"
        proc = Proc(role, port, _popen(role, self.env(port), log), log)
        self.procs.append(proc)
        await self.wait_healthy(proc)
        if role == "web":
            self.balancer.backends.append(f"{proc.base}/telegram")
        return proc

    async def health(self, proc: Proc) -> dict[str, Any]:
        async with self.http.get(f"{proc.base}/health") as resp:
            answer: dict[str, Any] = await resp.json()
            return answer

    async def wait_healthy(self, proc: Proc, timeout: float = 60.0) -> None:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            if proc.popen.poll() is not None:
                raise RuntimeError(f"{proc.role} exited: {proc.log.read_text()[-3000:]}")
            with contextlib.suppress(aiohttp.ClientError, ValueError):
                if (await self.health(proc))["database"] == "ok":
                    return
            await asyncio.sleep(0.2)
        raise TimeoutError(f"{proc.role} not healthy: {proc.log.read_text()[-3000:]}")

    async def wait_active(self, proc: Proc, timeout: float = 30.0) -> None:  # noqa: ASYNC109
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while loop.time() < deadline:
            with contextlib.suppress(aiohttp.ClientError, ValueError):
                if (await self.health(proc))["worker_lock"]["this_process"]:
                    return
            await asyncio.sleep(0.1)
        raise TimeoutError(f"{proc.role} never took the lock: {proc.log.read_text()[-3000:]}")

    def kill(self, proc: Proc) -> None:
        """kill -9: no cleanup at all, as a crash or an OOM kill."""
        proc.popen.send_signal(signal.SIGKILL)
        proc.popen.wait(10)

    def logs(self) -> str:
        return "\n".join(f"--- {p.log.name}\n{p.log.read_text()[-4000:]}" for p in self.procs)


@contextlib.asynccontextmanager
async def cluster(db_url: str, tmp: Path, *, latency_ms: float = 0.0) -> AsyncIterator[Cluster]:
    server = SandboxServer(strict_limits=True, latency_ms=latency_ms, webchat=False)
    await server.start()
    token = server.make_token(bot_id=next(_bots), username="partybot_roles_test_bot")
    balancer = Balancer()
    await balancer.start()
    running = Cluster(server, balancer, db_url, token, tmp)
    try:
        yield running
    finally:
        for proc in running.procs:
            if proc.popen.poll() is None:
                proc.popen.send_signal(signal.SIGTERM)
        for proc in running.procs:
            try:
                proc.popen.wait(30)
            except subprocess.TimeoutExpired:
                proc.popen.kill()
                proc.popen.wait()
        await running.http.close()
        await balancer.stop()
        await server.stop()


__all__ = ["SECRET", "SECRET_HEADER", "Cluster", "Proc", "cluster", "make_token"]
