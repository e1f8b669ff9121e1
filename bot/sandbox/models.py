"""Plain records of the sandbox world: people, bots, chats, messages, files, events."""

from __future__ import annotations

import asyncio
import itertools
import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Literal

JSON = dict[str, Any]
ChatType = Literal["private", "group", "supergroup"]
Role = Literal["creator", "administrator", "member"]

# Ids above 2**32 on purpose: real Telegram ids outgrow 32-bit columns.
FIRST_USER_ID = 5_000_000_001
FIRST_GROUP_ID = 4_000_000_001
FIRST_SUPERGROUP_ID = 1_002_000_000_001


def now_ts() -> int:
    """Unix time in whole seconds, as Telegram dates are."""
    return int(time.time())


def opaque_id(prefix: str, n: int = 24) -> str:
    """A random identifier in the URL-safe alphabet Telegram uses for file ids."""
    return prefix + secrets.token_urlsafe(n)


@dataclass
class SUser:
    """A simulated person."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "zh-hans"
    phone_number: str | None = None
    blocked_bots: set[int] = field(default_factory=set)
    started_bots: set[int] = field(default_factory=set)


@dataclass
class WebhookConfig:
    """What setWebhook stored."""

    url: str
    secret_token: str | None
    max_connections: int
    allowed_updates: list[str] | None


@dataclass
class SBot:
    """A bot account, created on the first call with its token."""

    id: int
    secret: str
    username: str
    first_name: str
    can_read_all_group_messages: bool = False
    can_join_groups: bool = True
    supports_inline_queries: bool = False
    updates: list[JSON] = field(default_factory=list)
    next_update_id: int = 1
    allowed_updates: list[str] | None = None
    webhook: WebhookConfig | None = None
    last_error_date: int | None = None
    last_error_message: str | None = None
    commands: dict[tuple[tuple[Any, ...], str], list[JSON]] = field(default_factory=dict)
    menu_buttons: dict[int | None, JSON] = field(default_factory=dict)
    descriptions: dict[tuple[str, str], str] = field(default_factory=dict)
    private_chats: dict[int, Chat] = field(default_factory=dict)
    poll_generation: int = 0
    updates_changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def token(self) -> str:
        return f"{self.id}:{self.secret}"


@dataclass
class Member:
    """A person or bot inside a group."""

    user_id: int
    is_bot: bool
    role: Role


@dataclass
class SFile:
    """An uploaded file, addressable by file_id."""

    file_id: str
    file_unique_id: str
    kind: Literal["photo", "document"]
    data: bytes
    file_name: str | None
    mime_type: str | None
    file_path: str
    width: int = 0
    height: int = 0

    @property
    def size(self) -> int:
        return len(self.data)


@dataclass
class SMessage:
    """One message in one chat; `sender` is a user or bot id."""

    message_id: int
    chat: Chat
    sender_id: int
    from_bot: bool
    date: int
    text: str | None = None
    entities: list[JSON] = field(default_factory=list)
    caption: str | None = None
    caption_entities: list[JSON] = field(default_factory=list)
    photo: SFile | None = None
    document: SFile | None = None
    location: JSON | None = None
    contact: JSON | None = None
    reply_markup: JSON | None = None
    reply_to: int | None = None
    edit_date: int | None = None
    service: JSON = field(default_factory=dict)
    extra: JSON = field(default_factory=dict)
    parse_mode: str | None = None
    silent: bool = False
    deleted: bool = False

    @property
    def has_inline_keyboard(self) -> bool:
        return self.reply_markup is not None and "inline_keyboard" in self.reply_markup


@dataclass
class Chat:
    """A private chat (one per bot and person) or a group."""

    id: int
    type: ChatType
    title: str | None = None
    bot_id: int | None = None
    user_id: int | None = None
    members: dict[int, Member] = field(default_factory=dict)
    messages: OrderedDict[int, SMessage] = field(default_factory=OrderedDict)
    next_message_id: int = 1
    migrated_to: int | None = None
    migrated_from: int | None = None
    username: str | None = None
    bots_seen: set[int] = field(default_factory=set)

    def new_message_id(self) -> int:
        mid = self.next_message_id
        self.next_message_id += 1
        return mid

    def is_group(self) -> bool:
        return self.type != "private"


@dataclass
class Event:
    """Something a person sees happen in a chat, numbered for long polling."""

    seq: int
    kind: str
    chat_id: int
    bot_id: int | None
    payload: JSON

    def to_json(self) -> JSON:
        return {
            "seq": self.seq,
            "kind": self.kind,
            "chat_id": self.chat_id,
            "bot_id": self.bot_id,
            **self.payload,
        }


@dataclass
class PendingCallback:
    """A callback query waiting for answerCallbackQuery."""

    id: str
    bot_id: int
    chat_id: int
    message_id: int
    user_id: int
    data: str
    answer: asyncio.Future[JSON]


class Counter:
    """Monotonic id source."""

    def __init__(self, start: int) -> None:
        self._it = itertools.count(start)

    def next(self) -> int:
        return next(self._it)
