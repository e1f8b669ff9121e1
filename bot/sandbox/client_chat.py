"""Client-side view of one chat: bot messages as BotMessage, and waiting for the next one."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.sandbox.client import SandboxClient

JSON = dict[str, Any]


class SandboxError(RuntimeError):
    """The sandbox refused a user-side request."""


class ButtonNotFound(SandboxError, LookupError):
    """No button with that text in the chat."""


@dataclass
class BotMessage:
    """A message as a person sees it: text, formatting, buttons, media."""

    message_id: int
    chat_id: int
    text: str | None
    caption: str | None
    entities: list[JSON]
    html: str | None
    parse_mode: str | None
    disable_notification: bool
    inline_buttons: list[list[JSON]]
    reply_keyboard: list[list[str]] | None
    remove_keyboard: bool
    force_reply: bool
    photo: JSON | None
    document: JSON | None
    location: JSON | None
    contact: JSON | None
    edited: bool
    from_bot: bool
    reply_to_message_id: int | None
    raw: JSON = field(repr=False)

    @classmethod
    def from_json(cls, data: JSON, *, edited: bool = False) -> BotMessage:
        extras = data.get("sandbox") or {}
        markup = extras.get("reply_markup") or data.get("reply_markup") or {}
        keyboard = markup.get("keyboard")
        photos = data.get("photo") or []
        raw = {k: v for k, v in data.items() if k != "sandbox"}
        return cls(
            message_id=int(data["message_id"]),
            chat_id=int(data["chat"]["id"]),
            text=data.get("text"),
            caption=data.get("caption"),
            entities=list(data.get("entities") or data.get("caption_entities") or []),
            html=extras.get("html"),
            parse_mode=extras.get("parse_mode"),
            disable_notification=bool(extras.get("disable_notification")),
            inline_buttons=[list(row) for row in markup.get("inline_keyboard", [])],
            reply_keyboard=[[b["text"] for b in row] for row in keyboard] if keyboard else None,
            remove_keyboard=bool(markup.get("remove_keyboard")),
            force_reply=bool(markup.get("force_reply")),
            photo=_media(photos[-1] if photos else None, extras),
            document=_media(data.get("document"), extras),
            location=data.get("location"),
            contact=data.get("contact"),
            edited=edited or "edit_date" in data,
            from_bot=bool(extras.get("from_bot", data.get("from", {}).get("is_bot"))),
            reply_to_message_id=(data.get("reply_to_message") or {}).get("message_id"),
            raw=raw,
        )

    @property
    def body(self) -> str:
        """Text or caption, whichever the message has."""
        return self.text if self.text is not None else (self.caption or "")

    def button_texts(self) -> list[str]:
        """Inline button texts, then reply keyboard texts."""
        texts = [b["text"] for row in self.inline_buttons for b in row]
        return texts + [t for row in self.reply_keyboard or [] for t in row]

    def button(self, text: str) -> JSON:
        """The inline button whose text contains `text`."""
        for row in self.inline_buttons:
            for b in row:
                if text in b["text"]:
                    return b
        raise ButtonNotFound(f"no inline button {text!r} in {self.button_texts()}")


def _media(info: JSON | None, extras: JSON) -> JSON | None:
    """File info plus `size` and the user-side download `url`."""
    if info is None:
        return None
    return {**info, "size": info.get("file_size"), "url": extras.get("file_url")}


def _describe(event: JSON) -> str:
    msg = event.get("message") or {}
    body = msg.get("text") or msg.get("caption") or ""
    if not body:
        kinds = ("photo", "document", "location", "contact")
        body = "<" + next((k for k in kinds if k in msg), "service") + ">"
    who = "bot" if (msg.get("sandbox") or {}).get("from_bot") else "user"
    return f"#{event['seq']} {event['kind']} from {who}: {body[:120]!r}"


def _shown(contains: str | re.Pattern[str] | None) -> str:
    if isinstance(contains, re.Pattern):
        return f"/{contains.pattern}/"
    return repr(contains)


class ChatView:
    """Shared by SandboxUser (private chat) and SandboxGroup: history and waiting."""

    chat_id: int

    def __init__(self, client: SandboxClient, bot: str | None, cursor: int) -> None:
        self._client = client
        self._bot = bot
        self._cursor = cursor
        self._consumed: set[int] = set()

    def _moved(self, answer: JSON) -> JSON:
        """After an action, waits look only at what happens next."""
        if "seq" in answer:
            self._cursor = int(answer["seq"])
            self._consumed = {s for s in self._consumed if s > self._cursor}
        return answer

    def _query(self) -> dict[str, str]:
        return {"bot": self._bot} if self._bot else {}

    async def wait_message(
        self,
        contains: str | re.Pattern[str] | None = None,
        *,
        timeout: float = 10.0,  # noqa: ASYNC109 - part of the client API
    ) -> BotMessage:
        """The next unconsumed bot message or edit since the last action containing `contains`
        (a text, or a pattern searched for: tests build one from a catalog key)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        after = self._cursor
        seen: list[JSON] = []
        while True:
            remaining = deadline - loop.time()
            answer = await self._client.request(
                "GET",
                f"/chats/{self.chat_id}/events",
                params={**self._query(), "after": str(after), "timeout": str(max(remaining, 0))},
            )
            for event in answer["events"]:
                after = max(after, int(event["seq"]))
                seen.append(event)
                if event["kind"] not in ("message", "edit") or event["seq"] in self._consumed:
                    continue
                msg = event["message"]
                if not msg.get("sandbox", {}).get("from_bot"):
                    continue
                body = msg.get("text") or msg.get("caption") or ""
                if (
                    contains is None
                    or (isinstance(contains, str) and contains in body)
                    or (isinstance(contains, re.Pattern) and contains.search(body))
                ):
                    self._consumed.add(int(event["seq"]))
                    return BotMessage.from_json(msg, edited=event["kind"] == "edit")
            if loop.time() >= deadline:
                what = "\n  ".join(_describe(e) for e in seen) or "(nothing)"
                raise TimeoutError(
                    f"chat {self.chat_id}: no bot message containing {_shown(contains)} within "
                    f"{timeout}s after event #{self._cursor}; the chat received:\n  {what}"
                )

    async def messages(self) -> list[BotMessage]:
        """The whole chat as it stands: edits applied, deleted messages gone."""
        answer = await self._client.request(
            "GET", f"/chats/{self.chat_id}/messages", params=self._query()
        )
        return [BotMessage.from_json(m) for m in answer["messages"]]

    async def last_message(self) -> BotMessage | None:
        """The newest bot message."""
        bot_messages = [m for m in await self.messages() if m.from_bot]
        return bot_messages[-1] if bot_messages else None

    async def current_reply_keyboard(self) -> list[list[str]] | None:
        """Texts of the reply keyboard currently shown under the input field."""
        answer = await self._client.request(
            "GET", f"/chats/{self.chat_id}/keyboard", params=self._query()
        )
        keyboard: list[list[str]] | None = answer["keyboard"]
        return keyboard
