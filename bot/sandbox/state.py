"""The in-memory world: bots, people, chats, files, update queues and the chat event log."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from bot.sandbox.errors import ApiError, bad_request
from bot.sandbox.faults import Faults
from bot.sandbox.limits import FloodLimiter
from bot.sandbox.models import (
    FIRST_GROUP_ID,
    FIRST_SUPERGROUP_ID,
    FIRST_USER_ID,
    JSON,
    Chat,
    Counter,
    Event,
    Member,
    PendingCallback,
    SBot,
    SFile,
    SMessage,
    SUser,
    now_ts,
    opaque_id,
)
from bot.sandbox.serialize import rich_message_json, user_json
from bot.sandbox.stats import Stats

DEFAULT_BOT_ID = 7000001
DEFAULT_BOT_USERNAME = "partybot_sandbox_bot"
TOKEN_RE = re.compile(r"^(\d{1,15}):([A-Za-z0-9_-]{1,128})$")
UPDATE_KINDS_OFF_BY_DEFAULT = frozenset(
    {"chat_member", "message_reaction", "message_reaction_count"}
)


def make_token(bot_id: int = DEFAULT_BOT_ID, username: str = DEFAULT_BOT_USERNAME) -> str:
    """A sandbox token; the username rides in the secret so any server can derive it."""
    return f"{bot_id}:sbx-{username}"


def _name_from_username(username: str) -> str:
    base = re.sub(r"_?bot$", "", username, flags=re.IGNORECASE) or username
    return base.replace("_", " ").title()


class SandboxState:
    """Everything the sandbox knows; Bot API and user API handlers both act on it."""

    def __init__(
        self,
        *,
        enforce_limits: bool = False,
        strict_limits: bool = False,
        latency_ms: float = 0.0,
        id_offset: int = 0,
    ) -> None:
        self.users: dict[int, SUser] = {}
        self.bots: dict[int, SBot] = {}
        self.groups: dict[int, Chat] = {}
        self.files: dict[str, SFile] = {}
        self.events: list[Event] = []
        self.callbacks: dict[str, PendingCallback] = {}
        self.limiter = FloodLimiter(enabled=enforce_limits, strict=strict_limits)
        # Every Bot API call is answered this much later (half on the way in, half out), as
        # Telegram is 50-200 ms away from most hosts.
        self.latency_ms = latency_ms
        self.stats = Stats()
        self.faults = Faults()
        self.closing = False
        self._events_changed = asyncio.Event()
        self._user_ids = Counter(FIRST_USER_ID + id_offset)
        self._group_ids = Counter(FIRST_GROUP_ID + id_offset)
        self._supergroup_ids = Counter(FIRST_SUPERGROUP_ID + id_offset)
        self._file_numbers = Counter(1)
        self._callback_ids = Counter(4_000_000_000_000_000_001)
        self._media_groups = Counter(13_000_000_000_000_001)

    # --- bots -------------------------------------------------------------------------------

    def register_bot(
        self, bot_id: int, *, username: str | None = None, secret: str | None = None
    ) -> SBot:
        """Create (or return) the bot with this id."""
        if bot_id in self.bots:
            return self.bots[bot_id]
        username = username or f"sandbox{bot_id}_bot"
        bot = SBot(
            id=bot_id,
            secret=secret or f"sbx-{username}",
            username=username,
            first_name=_name_from_username(username),
        )
        self.bots[bot_id] = bot
        return bot

    def bot_from_token(self, token: str) -> SBot:
        """The bot for a `<digits>:<secret>` token, created on first use; 401 otherwise."""
        m = TOKEN_RE.match(token)
        if not m:
            raise ApiError(401, "Unauthorized")
        bot_id, secret = int(m.group(1)), m.group(2)
        bot = self.bots.get(bot_id)
        if bot is None:
            username = secret[4:] if secret.startswith("sbx-") and len(secret) > 4 else None
            return self.register_bot(bot_id, username=username, secret=secret)
        if bot.secret != secret:
            raise ApiError(401, "Unauthorized")
        return bot

    def default_bot(self) -> SBot:
        """The first bot, or the standard sandbox bot if none has called yet."""
        if not self.bots:
            return self.register_bot(DEFAULT_BOT_ID, username=DEFAULT_BOT_USERNAME)
        return next(iter(self.bots.values()))

    def find_bot(self, username: str | None) -> SBot:
        if not username:
            return self.default_bot()
        name = username.lstrip("@").lower()
        for bot in self.bots.values():
            if bot.username.lower() == name:
                return bot
        raise KeyError(f"no bot @{name}")

    # --- people and chats -------------------------------------------------------------------

    def add_user(
        self,
        first_name: str,
        *,
        user_id: int | None = None,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "zh-hans",
        phone_number: str | None = None,
    ) -> SUser:
        uid = user_id if user_id is not None else self._user_ids.next()
        while user_id is None and uid in self.users:
            uid = self._user_ids.next()
        if uid in self.users:
            raise ValueError(f"user {uid} exists")
        user = SUser(uid, first_name, last_name, username, language_code, phone_number)
        self.users[uid] = user
        return user

    def user_entity(self, user_id: int) -> JSON:
        """The `user` of a text_mention entity."""
        user = self.users.get(user_id)
        if user is None:
            return {"id": user_id, "is_bot": False, "first_name": str(user_id)}
        return user_json(user)

    def private_chat(self, bot: SBot, user_id: int) -> Chat:
        found = bot.private_chats.get(user_id)
        if found is not None:
            return found
        chat = Chat(id=user_id, type="private", bot_id=bot.id, user_id=user_id)
        bot.private_chats[user_id] = chat
        return chat

    def add_group(self, title: str, member_ids: list[int], creator_id: int | None) -> Chat:
        chat = Chat(id=-self._group_ids.next(), type="group", title=title)
        for uid in member_ids:
            role: Any = "creator" if uid == creator_id else "member"
            chat.members[uid] = Member(uid, False, role)
        if creator_id is not None and creator_id not in chat.members:
            chat.members[creator_id] = Member(creator_id, False, "creator")
        self.groups[chat.id] = chat
        return chat

    def new_supergroup(self, old: Chat) -> Chat:
        chat = Chat(
            id=-self._supergroup_ids.next(),
            type="supergroup",
            title=old.title,
            members=dict(old.members),
            migrated_from=old.id,
            bots_seen=set(old.bots_seen),
        )
        old.migrated_to = chat.id
        self.groups[chat.id] = chat
        return chat

    def chat_for_bot(self, bot: SBot, chat_id: Any) -> Chat:
        """Resolve a Bot API chat_id; 400 "chat not found" or migrated as Telegram does."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            for named in self.groups.values():
                if named.username and named.username.lower() == chat_id[1:].lower():
                    return named
            raise bad_request("chat not found")
        try:
            cid = int(chat_id)
        except (TypeError, ValueError):
            raise bad_request("chat not found") from None
        if cid > 0:
            if cid not in self.users:
                raise bad_request("chat not found")
            return self.private_chat(bot, cid)
        group = self.groups.get(cid)
        if group is None or bot.id not in group.bots_seen:
            raise bad_request("chat not found")
        if group.migrated_to is not None:
            raise bad_request(
                "group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": group.migrated_to},
            )
        return group

    # --- messages and the event log --------------------------------------------------------

    def new_message(self, chat: Chat, sender_id: int, *, from_bot: bool, **fields: Any) -> SMessage:
        msg = SMessage(
            message_id=chat.new_message_id(),
            chat=chat,
            sender_id=sender_id,
            from_bot=from_bot,
            date=now_ts(),
            **fields,
        )
        chat.messages[msg.message_id] = msg
        self.emit("message", chat, {"message": rich_message_json(self, msg)})
        return msg

    def emit(self, kind: str, chat: Chat, payload: JSON) -> Event:
        seq = self.events[-1].seq + 1 if self.events else 1
        event = Event(seq, kind, chat.id, chat.bot_id, payload)
        self.events.append(event)
        changed, self._events_changed = self._events_changed, asyncio.Event()
        changed.set()
        return event

    @property
    def last_seq(self) -> int:
        return self.events[-1].seq if self.events else 0

    def events_after(self, after: int, chat_id: int | None, bot_id: int | None) -> list[Event]:
        out = []
        for event in reversed(self.events):
            if event.seq <= after:
                break
            if chat_id is not None and event.chat_id != chat_id:
                continue
            if event.bot_id is not None and bot_id is not None and event.bot_id != bot_id:
                continue
            out.append(event)
        out.reverse()
        return out

    async def wait_events(
        self, after: int, chat_id: int | None, bot_id: int | None, wait_seconds: float
    ) -> list[Event]:
        """Long poll: the events after `after`, waiting up to `wait_seconds` for the first."""
        deadline = time.monotonic() + wait_seconds
        while True:
            found = self.events_after(after, chat_id, bot_id)
            remaining = deadline - time.monotonic()
            if found or remaining <= 0 or self.closing:
                return found
            changed = self._events_changed
            try:
                await asyncio.wait_for(changed.wait(), remaining)
            except TimeoutError:
                return []

    # --- updates ------------------------------------------------------------------------------

    def wants(self, bot: SBot, kind: str) -> bool:
        allowed = bot.allowed_updates
        if not allowed:
            return kind not in UPDATE_KINDS_OFF_BY_DEFAULT
        return kind in allowed

    def enqueue(self, bot: SBot, kind: str, obj: JSON) -> None:
        """Queue an update for getUpdates or the webhook, if the bot asked for its kind."""
        if not self.wants(bot, kind):
            return
        bot.updates.append({"update_id": bot.next_update_id, kind: obj})
        bot.next_update_id += 1
        self.wake(bot)

    def wake(self, bot: SBot) -> None:
        changed, bot.updates_changed = bot.updates_changed, asyncio.Event()
        changed.set()

    # --- files and callbacks ------------------------------------------------------------------

    def add_file(
        self,
        kind: Any,
        data: bytes,
        *,
        file_name: str | None,
        mime_type: str | None,
        width: int = 0,
        height: int = 0,
    ) -> SFile:
        number = self._file_numbers.next()
        folder = "photos" if kind == "photo" else "documents"
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + re.sub(r"[^A-Za-z0-9]", "", file_name.rsplit(".", 1)[1])[:8]
        elif kind == "photo":
            suffix = ".jpg"
        f = SFile(
            file_id=opaque_id("BQACAgIAAxkBAA", 30),
            file_unique_id=opaque_id("AgAD", 9),
            kind=kind,
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"{folder}/file_{number}{suffix}",
            width=width,
            height=height,
        )
        self.files[f.file_id] = f
        return f

    def file_by_path(self, path: str) -> SFile | None:
        return next((f for f in self.files.values() if f.file_path == path), None)

    def new_callback_id(self) -> str:
        return str(self._callback_ids.next())

    def next_media_group_id(self) -> int:
        return self._media_groups.next()

    def close(self) -> None:
        """Release every waiter so the server can stop promptly."""
        self.closing = True
        self._events_changed.set()
        for bot in self.bots.values():
            bot.updates_changed.set()
        for pending in self.callbacks.values():
            if not pending.answer.done():
                pending.answer.cancel()
