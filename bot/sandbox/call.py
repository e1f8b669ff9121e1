"""One Bot API call in flight, and the checks every send goes through."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.sandbox.errors import bad_request, forbidden, too_many_requests
from bot.sandbox.models import JSON, Chat, SBot, SMessage
from bot.sandbox.params import Params
from bot.sandbox.serialize import message_json
from bot.sandbox.state import SandboxState

if TYPE_CHECKING:
    from bot.sandbox.webhook import WebhookManager


@dataclass
class Call:
    """What a method handler gets."""

    state: SandboxState
    bot: SBot
    params: Params
    method: str
    webhooks: WebhookManager

    def chat(self, name: str = "chat_id") -> Chat:
        return self.state.chat_for_bot(self.bot, self.params.chat_id(name))

    def message_json(self, msg: SMessage) -> JSON:
        return message_json(self.state, msg)


Handler = Callable[[Call], Awaitable[Any]]


def check_can_write(call: Call, chat: Chat) -> None:
    """403s Telegram gives when the bot may not write to a chat."""
    bot = call.bot
    if chat.type == "private":
        assert chat.user_id is not None
        user = call.state.users[chat.user_id]
        if bot.id in user.blocked_bots:
            raise forbidden("bot was blocked by the user")
        if bot.id not in user.started_bots:
            raise forbidden("bot can't initiate conversation with a user")
        return
    if bot.id not in chat.members:
        kind = "supergroup" if chat.type == "supergroup" else "group"
        raise forbidden(f"bot is not a member of the {kind} chat")


def reply_target(call: Call, chat: Chat) -> int | None:
    """reply_parameters (or the older reply_to_message_id) resolved in this chat."""
    params = call.params
    raw = params.get_json("reply_parameters")
    if raw is None and params.has("reply_to_message_id"):
        raw = {
            "message_id": params.get_int("reply_to_message_id"),
            "allow_sending_without_reply": params.get_bool("allow_sending_without_reply"),
        }
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("message_id"), int):
        raise bad_request("can't parse reply parameters JSON object")
    target = chat.messages.get(raw["message_id"])
    if target is None or target.deleted:
        if raw.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return target.message_id


def check_flood(call: Call, chat: Chat) -> float:
    """429 if this send would break a flood limit; returns the time to record it at."""
    now = time.monotonic()
    limiter = call.state.limiter
    retry = limiter.check(call.bot.id, chat.id, chat.is_group(), now)
    if retry is not None:
        call.state.stats.refusals[limiter.last_refusal] += 1
        raise too_many_requests(retry)
    return now


def commit_send(call: Call, chat: Chat, now: float, **fields: Any) -> SMessage:
    """Create the bot's message and count it for limits and stats."""
    state = call.state
    params = call.params
    fields["silent"] = params.get_bool("disable_notification")
    if params.get_bool("protect_content"):
        fields.setdefault("extra", {})["has_protected_content"] = True
    msg = state.new_message(chat, call.bot.id, from_bot=True, **fields)
    state.limiter.record(call.bot.id, chat.id, chat.is_group(), now)
    state.stats.record_send(now, chat.id, call.method, private=not chat.is_group())
    return msg
