"""Python client for the sandbox's user-side API: act as many people at once."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Any

import aiohttp

from bot.sandbox.client_chat import BotMessage, ButtonNotFound, ChatView, SandboxError

__all__ = [
    "BotMessage",
    "ButtonNotFound",
    "SandboxClient",
    "SandboxError",
    "SandboxGroup",
    "SandboxUser",
]
JSON = dict[str, Any]


class SandboxClient:
    """Talks to /sandbox/api over HTTP; creates people and groups."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self._session: aiohttp.ClientSession | None = None

    def _http(self) -> aiohttp.ClientSession:
        if self._session is None:
            # Long polls and button presses wait server-side; their own timeouts bound them.
            timeout = aiohttp.ClientTimeout(total=None, sock_connect=10)
            self._session = aiohttp.ClientSession(timeout=timeout)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> SandboxClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: aiohttp.FormData | None = None,
        params: dict[str, str] | None = None,
    ) -> JSON:
        """Call /sandbox/api<path>; raises SandboxError (ButtonNotFound for presses) on failure."""
        url = f"{self.base_url}/sandbox/api{path}"
        async with self._http().request(method, url, json=json, data=data, params=params) as resp:
            try:
                answer: JSON = await resp.json(content_type=None)
            except ValueError:
                raise SandboxError(f"{method} {path}: HTTP {resp.status}") from None
        if not answer.get("ok"):
            error = str(answer.get("error", answer))
            if resp.status == 404 and "no button" in error:
                raise ButtonNotFound(error)
            raise SandboxError(error)
        return answer

    async def user(
        self,
        first_name: str,
        *,
        user_id: int | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        phone_number: str | None = None,
        bot_username: str | None = None,
    ) -> SandboxUser:
        """A new person; their private chat is with `bot_username` (default: the first bot)."""
        answer = await self.request(
            "POST",
            "/users",
            json={
                "first_name": first_name,
                "user_id": user_id,
                "last_name": last_name,
                "username": username,
                "language_code": language_code,
                "phone_number": phone_number,
            },
        )
        return SandboxUser(self, answer["user"], bot_username, int(answer["seq"]))

    async def group(
        self,
        title: str,
        *,
        members: list[SandboxUser],
        bot_username: str | None = None,
        add_bot: bool = True,
        added_by: SandboxUser | None = None,
    ) -> SandboxGroup:
        """A basic group of these people; the bot is added by `added_by` (default: first member)."""
        answer = await self.request(
            "POST",
            "/groups",
            json={
                "title": title,
                "member_ids": [m.id for m in members],
                "bot": bot_username,
                "add_bot": add_bot,
                "added_by": added_by.id if added_by else None,
            },
        )
        return SandboxGroup(self, answer["group"], bot_username, int(answer["seq"]))

    async def set_faults(self, faults: list[JSON]) -> None:
        """Replace the fault rules (see faults.FaultRule)."""
        await self.request("POST", "/faults", json=faults)

    async def clear_faults(self) -> None:
        await self.request("DELETE", "/faults")

    async def stats(self) -> JSON:
        answer = await self.request("GET", "/stats")
        answer.pop("ok", None)
        return answer

    async def reset_stats(self) -> None:
        await self.request("POST", "/stats/reset")

    async def set_limits(
        self,
        enabled: bool | None = None,
        *,
        strict: bool | None = None,
        latency_ms: float | None = None,
    ) -> None:
        """Turn flood limits (strict: no bursts) on or off, or change the latency, at run time."""
        settings: dict[str, Any] = {"enabled": enabled, "strict": strict, "latency_ms": latency_ms}
        await self.request(
            "POST", "/limits", json={k: v for k, v in settings.items() if v is not None}
        )

    async def bots(self) -> list[JSON]:
        answer = await self.request("GET", "/bots")
        bots: list[JSON] = answer["bots"]
        return bots


class SandboxUser(ChatView):
    """One simulated person; their private chat with the bot has id == user id."""

    def __init__(self, client: SandboxClient, data: JSON, bot: str | None, cursor: int) -> None:
        super().__init__(client, bot, cursor)
        self.id: int = int(data["id"])
        self.chat_id = self.id
        self.first_name: str = data["first_name"]
        self.last_name: str | None = data.get("last_name")
        self.username: str | None = data.get("username")
        self.language_code: str | None = data.get("language_code")

    def __repr__(self) -> str:
        return f"SandboxUser({self.first_name!r}, id={self.id})"

    async def _act(self, action: str, chat_id: int | None = None, **payload: Any) -> JSON:
        body = {**payload, "bot": self._bot, "chat_id": chat_id}
        answer = await self._client.request("POST", f"/users/{self.id}/{action}", json=body)
        if chat_id is None or chat_id == self.id:
            self._moved(answer)
        return answer

    async def send(self, text: str, *, reply_to: int | None = None) -> JSON:
        """Type a message to the bot ("/command args" gets a bot_command entity)."""
        answer = await self._act("send", text=text, reply_to=reply_to)
        message: JSON = answer["message"]
        return message

    async def start(self, payload: str | None = None) -> JSON:
        """Press Start, or open a deep link t.me/<bot>?start=<payload>."""
        message: JSON = (await self._act("start", payload=payload))["message"]
        return message

    async def open_link(self, url: str) -> JSON:
        """Open a t.me/<bot>?start=<payload> link."""
        message: JSON = (await self._act("open_link", url=url))["message"]
        return message

    async def _upload(
        self, kind: str, filename: str, content: bytes, mime_type: str | None, caption: str | None
    ) -> JSON:
        # Raw UTF-8 file names, as Telegram apps send them; a stream, as aiohttp wants big bodies.
        form = aiohttp.FormData(quote_fields=False)
        content_type = mime_type or "application/octet-stream"
        form.add_field("file", io.BytesIO(content), filename=filename, content_type=content_type)
        for name, value in (("caption", caption), ("bot", self._bot), ("mime_type", mime_type)):
            if value:
                form.add_field(name, value)
        answer = await self._client.request("POST", f"/users/{self.id}/{kind}", data=form)
        message: JSON = self._moved(answer)["message"]
        return message

    async def send_document(
        self,
        filename: str,
        content: bytes,
        *,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> JSON:
        return await self._upload("document", filename, content, mime_type, caption)

    async def send_photo(self, content: bytes, *, caption: str | None = None) -> JSON:
        return await self._upload("photo", "photo.jpg", content, "image/jpeg", caption)

    async def send_location(
        self, latitude: float, longitude: float, *, live_period: int | None = None
    ) -> JSON:
        answer = await self._act(
            "location", latitude=latitude, longitude=longitude, live_period=live_period
        )
        message: JSON = answer["message"]
        return message

    async def update_location(self, message_id: int, latitude: float, longitude: float) -> JSON:
        """Move a live location: the bot gets edited_message."""
        answer = await self._act(
            "edit", message_id=message_id, latitude=latitude, longitude=longitude
        )
        message: JSON = answer["message"]
        return message

    async def edit(self, message_id: int, text: str) -> JSON:
        """Edit one's own text message: the bot gets edited_message."""
        message: JSON = (await self._act("edit", message_id=message_id, text=text))["message"]
        return message

    async def send_contact(self, phone_number: str) -> JSON:
        message: JSON = (await self._act("contact", phone_number=phone_number))["message"]
        return message

    async def press(
        self,
        button_text: str,
        *,
        message_id: int | None = None,
        chat_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the client API
        appear: float = 5.0,
    ) -> JSON:
        """Press an inline button (waits for answerCallbackQuery) or a reply-keyboard button.

        A person presses what they see: a button the bot is still drawing (an edit in flight)
        is waited for up to `appear` seconds instead of failing the press at once.
        """
        answer = await _patiently(
            appear,
            lambda: self._act(
                "press",
                chat_id=chat_id,
                button_text=button_text,
                message_id=message_id,
                timeout=timeout,
            ),
        )
        return _press_result(answer, button_text, timeout)

    async def press_data(
        self,
        callback_data: str,
        message_id: int,
        *,
        chat_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the client API
    ) -> JSON:
        """Send any callback_data for a message, as a forged or stale button would."""
        answer = await self._act(
            "press_data",
            chat_id=chat_id,
            callback_data=callback_data,
            message_id=message_id,
            timeout=timeout,
        )
        return _press_result(answer, callback_data, timeout)

    async def block(self) -> None:
        await self._act("block")

    async def unblock(self) -> None:
        await self._act("unblock")

    async def download(self, file_id: str) -> bytes:
        session = self._client._http()
        url = f"{self._client.base_url}/sandbox/api/files/{file_id}"
        async with session.get(url) as resp:
            if resp.status != 200:
                raise SandboxError(f"no file {file_id}")
            return await resp.read()

    async def commands(self, chat_id: int | None = None) -> list[JSON]:
        """The command menu this person sees (setMyCommands scope resolution)."""
        params = {**self._query(), "user_id": str(self.id)}
        if chat_id is not None:
            params["chat_id"] = str(chat_id)
        answer = await self._client.request("GET", "/commands", params=params)
        found: list[JSON] = answer["commands"]
        return found


async def _patiently(appear: float, press: Callable[[], Awaitable[JSON]]) -> JSON:
    """Retry a press whose button is not drawn yet, for up to `appear` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + appear
    while True:
        try:
            return await press()
        except ButtonNotFound:
            if loop.time() >= deadline:
                raise
            await asyncio.sleep(0.05)


def _press_result(answer: JSON, what: str, timeout: float) -> JSON:
    if answer.get("kind") == "callback":
        if not answer.get("answered") and timeout > 0:
            raise TimeoutError(
                f"the bot did not answer the callback query for {what!r} in {timeout}s"
            )
        return {k: answer.get(k) for k in ("text", "show_alert", "url", "message_id", "answered")}
    if answer.get("kind") == "reply":
        message: JSON = answer["message"]
        return message
    return {"url": answer.get("url"), "kind": answer.get("kind"), "button": answer.get("button")}


class SandboxGroup(ChatView):
    """A group chat (negative id); people speak through it."""

    def __init__(self, client: SandboxClient, data: JSON, bot: str | None, cursor: int) -> None:
        super().__init__(client, bot, cursor)
        self.id: int = int(data["id"])
        self.chat_id = self.id
        self.title: str = data["title"]

    def __repr__(self) -> str:
        return f"SandboxGroup({self.title!r}, id={self.id})"

    async def send(self, user: SandboxUser, text: str, *, reply_to: int | None = None) -> JSON:
        answer = await self._client.request(
            "POST",
            f"/users/{user.id}/send",
            json={"chat_id": self.id, "text": text, "reply_to": reply_to, "bot": self._bot},
        )
        message: JSON = self._moved(answer)["message"]
        return message

    async def press(
        self,
        user: SandboxUser,
        button_text: str,
        *,
        message_id: int | None = None,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the client API
        appear: float = 5.0,
    ) -> JSON:
        answer = await _patiently(
            appear,
            lambda: self._client.request(
                "POST",
                f"/users/{user.id}/press",
                json={
                    "chat_id": self.id,
                    "button_text": button_text,
                    "message_id": message_id,
                    "timeout": timeout,
                    "bot": self._bot,
                },
            ),
        )
        return _press_result(self._moved(answer), button_text, timeout)

    async def _member(self, user: SandboxUser, action: str) -> None:
        answer = await self._client.request(
            "POST", f"/groups/{self.id}/members", json={"user_id": user.id, "action": action}
        )
        self._moved(answer)

    async def add_member(self, user: SandboxUser) -> None:
        await self._member(user, "add")

    async def remove_member(self, user: SandboxUser) -> None:
        await self._member(user, "remove")

    async def promote(self, user: SandboxUser) -> None:
        await self._member(user, "promote")

    async def set_bot(self, action: str, by: SandboxUser | None = None) -> None:
        """add / remove / promote / demote the bot."""
        answer = await self._client.request(
            "POST",
            f"/groups/{self.id}/bot",
            json={"action": action, "by": by.id if by else None, "bot": self._bot},
        )
        self._moved(answer)

    async def migrate_to_supergroup(self) -> int:
        """Upgrade to a supergroup; this object follows the new id."""
        answer = await self._client.request("POST", f"/groups/{self.id}/migrate")
        self._moved(answer)
        self.id = self.chat_id = int(answer["new_id"])
        return self.id
